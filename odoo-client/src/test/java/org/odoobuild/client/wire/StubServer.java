package org.odoobuild.client.wire;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny HTTP server on 127.0.0.1:0 that answers through a handler and captures every request. */
final class StubServer implements AutoCloseable {

  /** A captured request. */
  record Req(String method, String path, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  /** An answer. */
  record Resp(int status, Map<String, String> headers, byte[] body) {
    static Resp of(int status, String contentType, String body) {
      return new Resp(status, contentType == null ? Map.of() : Map.of("Content-Type", contentType),
          body.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Computes the answer of one request. */
  interface Handler {
    Resp handle(Req request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "wire-stub");
    t.setDaemon(true);
    return t;
  });
  private final List<Req> captured = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger count = new AtomicInteger();

  StubServer(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", ex -> serve(ex, handler));
    server.setExecutor(executor);
    server.start();
  }

  private void serve(HttpExchange ex, Handler handler) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
      Req req = new Req(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), headers, body);
      captured.add(req);
      count.incrementAndGet();
      Resp resp;
      try {
        resp = handler.handle(req);
      } catch (Exception e) {
        resp = Resp.of(599, "text/plain", "stub handler failed: " + e);
      }
      resp.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(resp.status(), resp.body().length == 0 ? -1 : resp.body().length);
      if (resp.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(resp.body());
        }
      }
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  List<Req> captured() {
    synchronized (captured) {
      return List.copyOf(captured);
    }
  }

  int requests() {
    return count.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
