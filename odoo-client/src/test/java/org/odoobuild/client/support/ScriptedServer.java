package org.odoobuild.client.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP/1.1 server on a loopback port for tests: reads requests (Content-Length bodies,
 * keep-alive), records them, and lets a script decide each answer, including broken ones
 * (truncated bodies, resets, silence). Counts the connections it accepted.
 */
public final class ScriptedServer implements AutoCloseable {

  /** One received request. */
  public record Req(String method, String path, Map<String, String> headers, byte[] body, int connection) {
    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A header, or null. */
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** Decides the answer to one request. */
  @FunctionalInterface
  public interface Handler {
    /** Answers through {@code ex}. */
    void handle(Req req, Exchange ex) throws IOException;
  }

  /** The connection a request came on. */
  public static final class Exchange {
    private final Socket socket;
    private final OutputStream out;
    private boolean closed;

    Exchange(Socket socket, OutputStream out) {
      this.socket = socket;
      this.out = out;
    }

    /** A complete answer. */
    public void respond(int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
      StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
      if (contentType != null) {
        sb.append("Content-Type: ").append(contentType).append("\r\n");
      }
      headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
      sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    }

    /** A complete answer with a text body. */
    public void respond(int status, String contentType, String body) throws IOException {
      respond(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Raw bytes, as they are. */
    public void raw(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Closes the connection (FIN). */
    public void close() throws IOException {
      closed = true;
      socket.close();
    }

    /** Resets the connection (RST). */
    public void reset() throws IOException {
      closed = true;
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** Never answers; the connection stays open until the server closes. */
    public void hang() {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-server");
    t.setDaemon(true);
    return t;
  });
  private final List<Req> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Deque<Handler> script = new ArrayDeque<>();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile Handler fallback = (req, ex) -> ex.respond(599, "text/plain", "no scripted answer for " + req.path());

  /** Starts on a free loopback port. */
  public ScriptedServer() throws IOException {
    this(0);
  }

  /** Starts on the given loopback port (0: any free one). */
  public ScriptedServer(int port) throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    pool.execute(this::acceptLoop);
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** The port. */
  public int port() {
    return server.getLocalPort();
  }

  /** Queues answers, used in order; then the fallback answers. */
  public synchronized ScriptedServer then(Handler... handlers) {
    script.addAll(List.of(handlers));
    return this;
  }

  /** The answer once the script is used up. */
  public ScriptedServer otherwise(Handler handler) {
    this.fallback = handler;
    return this;
  }

  /** Forgets requests and script. */
  public synchronized void reset() {
    script.clear();
    requests.clear();
  }

  /** The requests received so far. */
  public List<Req> requests() {
    return new ArrayList<>(requests);
  }

  /** The number of accepted connections. */
  public int connections() {
    return connections.get();
  }

  private synchronized Handler next() {
    Handler h = script.poll();
    return h != null ? h : fallback;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        sockets.add(s);
        int n = connections.incrementAndGet();
        pool.execute(() -> serve(s, n));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, int connection) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
          return;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String h;
        while ((h = readLine(in)) != null && !h.isEmpty()) {
          int colon = h.indexOf(':');
          headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        int length = headers.containsKey("Content-Length") ? Integer.parseInt(headers.get("Content-Length")) : 0;
        byte[] body = in.readNBytes(length);
        Req req = new Req(parts[0], parts[1], headers, body, connection);
        requests.add(req);
        Exchange ex = new Exchange(s, out);
        next().handle(req, ex);
        if (ex.closed) {
          return;
        }
      }
    } catch (SocketException e) {
      // closed by the client or by close()
    } catch (IOException e) {
      // ignore: tests assert on what the client saw
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "BAD REQUEST";
      case 401 -> "UNAUTHORIZED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT FOUND";
      case 422 -> "UNPROCESSABLE ENTITY";
      case 429 -> "TOO MANY REQUESTS";
      case 500 -> "INTERNAL SERVER ERROR";
      case 502 -> "BAD GATEWAY";
      case 503 -> "SERVICE UNAVAILABLE";
      case 504 -> "GATEWAY TIMEOUT";
      default -> "STATUS";
    };
  }

  /** A port nothing listens on (for connection-refused tests). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    pool.shutdownNow();
  }
}
