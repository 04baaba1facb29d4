package org.odoobuild.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDK HTTP server on 127.0.0.1 (free port) that answers every POST through a {@link Responder}
 * and counts what reaches it: requests, and connections (distinct client ports), so connection
 * reuse and round trips can be checked at the server. Request bodies are read into one reused
 * buffer and answers written from prepared parts, so that the server, which runs in the
 * benchmark's JVM, adds as little as it can to the allocation measured per operation.
 */
public final class LoopbackServer implements AutoCloseable {

  /** Computes an answer from the request body ({@code body[0..length)}, valid during the call only). */
  @FunctionalInterface
  public interface Responder {
    Answer answer(String path, byte[] body, int length) throws IOException;
  }

  /** Computes a JSON answer from a copy of the request body. */
  @FunctionalInterface
  public interface Handler {
    byte[] answer(String path, byte[] body) throws IOException;
  }

  /** An answer: its content type and its body as parts written one after the other. */
  public record Answer(String contentType, byte[]... parts) {
    /** A JSON answer. */
    public static Answer json(byte[]... parts) {
      return new Answer("application/json; charset=utf-8", parts);
    }

    /** An XML answer. */
    public static Answer xml(byte[]... parts) {
      return new Answer("text/xml; charset=utf-8", parts);
    }
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
  private final boolean keepBodies;
  private volatile byte[] lastBody = new byte[0];
  private byte[] buffer = new byte[64 * 1024];

  private LoopbackServer(Responder responder, boolean keepBodies) throws IOException {
    this.keepBodies = keepBodies;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> serve(ex, responder));
    server.start();
  }

  /** Starts a server answering JSON through {@code handler}. */
  public static LoopbackServer start(Handler handler) throws IOException {
    return new LoopbackServer((path, body, n) -> Answer.json(handler.answer(path, Arrays.copyOf(body, n))), true);
  }

  /** Starts a server answering through {@code responder}; {@link #lastBody()} stays empty. */
  public static LoopbackServer start(Responder responder) throws IOException {
    return new LoopbackServer(responder, false);
  }

  /** Starts a server that always sends the same JSON answer and keeps the last request body. */
  public static LoopbackServer fixed(byte[] answer) throws IOException {
    Answer a = Answer.json(answer);
    return new LoopbackServer((path, body, n) -> a, true);
  }

  private void serve(HttpExchange ex, Responder responder) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      clientPorts.add(ex.getRemoteAddress().getPort());
      int n = 0;
      try (InputStream in = ex.getRequestBody()) {
        int r;
        while ((r = in.read(buffer, n, buffer.length - n)) != -1) {
          n += r;
          if (n == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
          }
        }
      }
      if (keepBodies) {
        lastBody = Arrays.copyOf(buffer, n);
      }
      Answer out;
      int status = 200;
      try {
        out = responder.answer(ex.getRequestURI().getPath(), buffer, n);
      } catch (RuntimeException | IOException e) {
        status = 500;
        out = Answer.json(("{\"name\": \"builtins.Exception\", \"message\": \"" + e.toString().replace('"', '\'') + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      long length = 0;
      for (byte[] p : out.parts()) {
        length += p.length;
      }
      ex.getResponseHeaders().set("Content-Type", out.contentType());
      ex.sendResponseHeaders(status, length);
      try (OutputStream os = ex.getResponseBody()) {
        for (byte[] p : out.parts()) {
          os.write(p);
        }
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

  /** The body of the last request received (servers started with {@link #fixed} or a {@link Handler}). */
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
