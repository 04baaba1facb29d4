package org.odoobuild.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK HTTP server on 127.0.0.1 (free port) that answers every POST through a {@link Handler}
 * and counts what reaches it: requests, and connections (distinct client ports), so connection
 * reuse and round trips can be checked at the server.
 */
public final class LoopbackServer implements AutoCloseable {

  /** Computes an answer; the returned bytes are sent as {@code application/json}. */
  @FunctionalInterface
  public interface Handler {
    byte[] answer(String path, byte[] body) throws IOException;
  }

  static {
    // the JDK server writes headers and body separately: without TCP_NODELAY every keep-alive
    // answer waits ~40 ms for the client's delayed ACK (Nagle), which would swamp every figure
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private volatile byte[] lastBody = new byte[0];

  private LoopbackServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> serve(ex, handler));
    server.start();
  }

  /** Starts a server. */
  public static LoopbackServer start(Handler handler) throws IOException {
    return new LoopbackServer(handler);
  }

  /** Starts a server that always sends the same answer. */
  public static LoopbackServer fixed(byte[] answer) throws IOException {
    return new LoopbackServer((path, body) -> answer);
  }

  private void serve(HttpExchange ex, Handler handler) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      clientPorts.add(ex.getRemoteAddress().getPort());
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      lastBody = body;
      byte[] out;
      int status = 200;
      try {
        out = handler.answer(ex.getRequestURI().getPath(), body);
      } catch (RuntimeException | IOException e) {
        status = 500;
        out = ("{\"name\": \"builtins.Exception\", \"message\": \"" + e.toString().replace('"', '\'') + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      ex.sendResponseHeaders(status, out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests served so far. */
  public long requests() {
    return requests.get();
  }

  /** Connections seen so far (distinct client ports). */
  public int connections() {
    return clientPorts.size();
  }

  /** The body of the last request received. */
  public byte[] lastBody() {
    return lastBody;
  }

  /** Resets the counters. */
  public void resetCounts() {
    requests.set(0);
    clientPorts.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
