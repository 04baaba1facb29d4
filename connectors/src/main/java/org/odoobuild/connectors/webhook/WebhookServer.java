package org.odoobuild.connectors.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 endpoint for webhooks that slow or hostile clients cannot tie up: one thread
 * reads every connection without blocking, a request reaches a handler thread only once its
 * headers and its whole body have arrived, and a request that does not arrive within the read
 * deadline is dropped. So a handful of connections that never finish their body take no
 * handler thread, and a normal delivery is answered while they hang. Handler threads are
 * bounded, and so is the queue in front of them (a full queue is answered 503 with
 * {@code Retry-After}); so are header size, body size ({@code Content-Length} is required;
 * larger bodies are answered 413) and the number of open connections. One request per
 * connection ({@code Connection: close}). Used by {@link WebhookIntake#serve} and by the
 * Odoo automation-rule intake; usable for any small POST endpoint.
 * <pre>{@code
 * WebhookServer server = WebhookServer.builder()
 *     .route("/hooks/po", req -> WebhookServer.Response.json(202, "{\"status\":\"accepted\"}"))
 *     .build();
 * InetSocketAddress at = server.start(new InetSocketAddress("127.0.0.1", 8085));
 * }</pre>
 * Thread-safe; the configuration is copied at {@link Builder#build()}.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  private final Map<String, Handler> routes;
  private final int maxBodyBytes;
  private final Duration readTimeout;
  private final int threads;
  private final int queue;
  private final int maxConnections;
  private final String name;
  private Selector selector;
  private ServerSocketChannel listener;
  private ThreadPoolExecutor workers;
  private Thread loop;
  private final Queue<Conn> answered = new ConcurrentLinkedQueue<>();
  private volatile boolean running;

  private WebhookServer(Builder b) {
    this.routes = Map.copyOf(b.routes);
    this.maxBodyBytes = b.maxBodyBytes;
    this.readTimeout = b.readTimeout;
    this.threads = b.threads;
    this.queue = b.queue;
    this.maxConnections = b.maxConnections;
    this.name = b.name;
  }

  /**
   * A builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A request whose headers and body arrived in full.
   *
   * @param method the method, upper case
   * @param path the raw path
   * @param rawQuery the raw query ({@code ""} when none)
   * @param headers the headers, first value per name as sent
   * @param body the body
   * @param remote the client's address
   */
  public record Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
      InetSocketAddress remote) {
    /** Copies the headers. */
    public Request {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * A header, by name in any case.
     *
     * @param name the header name
     * @return its first value
     */
    public Optional<String> header(String name) {
      return WebhookVerifier.header(headers, name);
    }
  }

  /**
   * An answer.
   *
   * @param status the HTTP status
   * @param headers extra headers
   * @param body the body
   */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    /** Copies the headers. */
    public Response {
      headers = Map.copyOf(headers);
    }

    /**
     * A JSON answer.
     *
     * @param status the status
     * @param json the JSON text
     * @return the answer
     */
    public static Response json(int status, String json) {
      return new Response(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This answer with one more header.
     *
     * @param name the header
     * @param value its value
     * @return a copy
     */
    public Response withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, h, body);
    }
  }

  /** Answers requests of one path. Runs on a handler thread; an exception is answered 500. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers a request.
     *
     * @param request the request
     * @return the answer
     * @throws Exception answered 500
     */
    Response handle(Request request) throws Exception;
  }

  /**
   * Opens the listening socket and starts serving.
   *
   * @param bind where to listen (port 0: any free port)
   * @return the bound address
   * @throws IOException when the address cannot be bound
   */
  public synchronized InetSocketAddress start(InetSocketAddress bind) throws IOException {
    if (running) {
      throw new IllegalStateException("already started");
    }
    selector = Selector.open();
    listener = ServerSocketChannel.open();
    listener.bind(bind, 128);
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
    AtomicInteger n = new AtomicInteger();
    workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    workers.allowCoreThreadTimeOut(true);
    running = true;
    loop = new Thread(this::loop, name + "-io");
    loop.setDaemon(true);
    loop.start();
    return (InetSocketAddress) listener.getLocalAddress();
  }

  /** Stops listening, drops open connections and stops the handler threads. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    selector.wakeup();
    try {
      loop.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "WebhookServer{" + name + ", routes=" + routes.keySet() + ", threads=" + threads + ", readTimeout="
        + readTimeout + ", maxBodyBytes=" + maxBodyBytes + "}";
  }

  // ---- the I/O thread -------------------------------------------------------------------------

  /** One connection's state. */
  private final class Conn {
    final SocketChannel ch;
    long deadline;
    ByteBuffer head = ByteBuffer.allocate(2048);
    String method;
    String target;
    Map<String, String> headers;
    long contentLength = -1;
    ByteBuffer body;
    long discard;
    boolean continueSent;
    ByteBuffer out;
    boolean handing;

    Conn(SocketChannel ch) {
      this.ch = ch;
      this.deadline = System.nanoTime() + readTimeout.toNanos();
    }
  }

  private void loop() {
    List<Conn> open = new ArrayList<>();
    try {
      while (running) {
        try {
          step(open);
        } catch (RuntimeException e) { // one bad connection never stops the endpoint
          LOG.error("{}: {}", name, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.error("{}: the endpoint stopped: {}", name, e.toString());
    } finally {
      open.forEach(this::drop);
      try {
        listener.close();
        selector.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** One round of the I/O thread: accept, read, write, drop what is too late. */
  private void step(List<Conn> open) throws IOException {
    selector.select(1000);
    for (Conn c; (c = answered.poll()) != null; ) {
      c.handing = false;
      c.deadline = System.nanoTime() + readTimeout.toNanos(); // for the client to read the answer
      SelectionKey k = c.ch.keyFor(selector);
      if (k != null && k.isValid()) {
        k.interestOps(SelectionKey.OP_WRITE);
      }
    }
    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
    while (it.hasNext()) {
      SelectionKey k = it.next();
      it.remove();
      try {
        if (!k.isValid()) {
          continue;
        }
        if (k.isAcceptable()) {
          accept(open);
        } else if (k.isReadable()) {
          read((Conn) k.attachment());
        } else if (k.isWritable()) {
          write((Conn) k.attachment());
        }
      } catch (IOException | RuntimeException e) {
        if (k.attachment() instanceof Conn c) {
          drop(c);
        }
      }
    }
    long now = System.nanoTime();
    open.removeIf(c -> {
      if (!c.ch.isOpen()) {
        return true;
      }
      if (!c.handing && now - c.deadline > 0) {
        LOG.debug("{}: dropped a request that did not arrive within {}", name, readTimeout);
        drop(c);
        return true;
      }
      return false;
    });
  }

  private void accept(List<Conn> open) throws IOException {
    SocketChannel ch;
    while ((ch = listener.accept()) != null) {
      if (open.size() >= maxConnections) {
        ch.close(); // no room: the sender retries later
        continue;
      }
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Conn c = new Conn(ch);
      ch.register(selector, SelectionKey.OP_READ, c);
      open.add(c);
    }
  }

  private void read(Conn c) throws IOException {
    if (c.headers == null) {
      if (!c.head.hasRemaining()) {
        if (c.head.capacity() >= MAX_HEADER_BYTES) {
          answer(c, error(431, "headers_too_large", "request headers exceed " + MAX_HEADER_BYTES + " bytes"));
          return;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_HEADER_BYTES, c.head.capacity() * 2));
        c.head.flip();
        bigger.put(c.head);
        c.head = bigger;
      }
      if (c.ch.read(c.head) < 0) {
        drop(c);
        return;
      }
      int end = headerEnd(c.head);
      if (end < 0) {
        return;
      }
      if (!parseHead(c, end)) {
        return;
      }
    } else if (c.body != null) {
      if (c.ch.read(c.body) < 0) {
        drop(c);
        return;
      }
    } else {
      ByteBuffer sink = ByteBuffer.allocate((int) Math.min(64 * 1024, Math.max(1, c.discard)));
      int n = c.ch.read(sink);
      if (n < 0) {
        drop(c);
        return;
      }
      c.discard -= n;
    }
    complete(c);
  }

  /** Parses request line and headers; keeps body bytes that came with them. False when answered already. */
  private boolean parseHead(Conn c, int end) {
    byte[] all = new byte[c.head.position()];
    c.head.flip();
    c.head.get(all);
    String text = new String(all, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n");
    String[] start = lines[0].split(" ");
    if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
      answer(c, error(400, "bad_request", "not an HTTP/1.1 request"));
      return false;
    }
    c.method = start[0].toUpperCase(Locale.ROOT);
    c.target = start[1];
    Map<String, String> h = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        answer(c, error(400, "bad_request", "malformed header line"));
        return false;
      }
      h.putIfAbsent(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    c.headers = h;
    byte[] early = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    c.head = null;
    if (WebhookVerifier.header(h, "Transfer-Encoding").isPresent()) {
      answer(c, error(411, "length_required", "send the body with a Content-Length"));
      return false;
    }
    long length;
    try {
      length = Long.parseLong(WebhookVerifier.header(h, "Content-Length").orElse("0").trim());
    } catch (NumberFormatException e) {
      answer(c, error(400, "bad_request", "invalid Content-Length"));
      return false;
    }
    if (length < 0) {
      answer(c, error(400, "bad_request", "invalid Content-Length"));
      return false;
    }
    c.contentLength = length;
    if (length > maxBodyBytes) {
      if (length > DRAIN_LIMIT) {
        answer(c, error(413, WebhookRejectedException.Reason.TOO_LARGE.code(),
            "body exceeds the limit of " + maxBodyBytes + " bytes"));
        return false;
      }
      // read (and drop) a moderately oversized body first: a socket closed with unread input is
      // reset, and the client would see the reset instead of the 413
      c.discard = length - early.length;
    } else {
      c.body = ByteBuffer.allocate((int) length);
      c.body.put(early, 0, (int) Math.min(early.length, length));
    }
    if (WebhookVerifier.header(h, "Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)
        && length <= maxBodyBytes) {
      try {
        c.ch.write(ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        c.continueSent = true;
      } catch (IOException e) {
        drop(c);
        return false;
      }
    }
    return true;
  }

  private static int headerEnd(ByteBuffer b) {
    byte[] a = b.array();
    for (int i = 3; i < b.position(); i++) {
      if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
        return i - 3;
      }
    }
    return -1;
  }

  /** Hands a complete request to a handler thread (or answers it here when it needs none). */
  private void complete(Conn c) {
    if (c.body == null) {
      if (c.discard <= 0 && c.headers != null && c.out == null) {
        answer(c, error(413, WebhookRejectedException.Reason.TOO_LARGE.code(),
            "body exceeds the limit of " + maxBodyBytes + " bytes"));
      }
      return;
    }
    if (c.body.hasRemaining() || c.handing) {
      return;
    }
    String path = c.target;
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    Handler h = routes.get(path);
    if (h == null) {
      answer(c, error(404, "not_found", "no endpoint at this path"));
      return;
    }
    if (!c.method.equals("POST")) {
      answer(c, error(405, "method_not_allowed", "use POST").withHeader("Allow", "POST"));
      return;
    }
    InetSocketAddress remote;
    try {
      remote = (InetSocketAddress) c.ch.getRemoteAddress();
    } catch (IOException e) {
      drop(c);
      return;
    }
    Request req = new Request(c.method, path, query, c.headers, c.body.array(), remote);
    c.handing = true;
    SelectionKey k = c.ch.keyFor(selector);
    k.interestOps(0);
    try {
      workers.execute(() -> {
        Response r;
        try {
          r = h.handle(req);
        } catch (Exception | StackOverflowError e) {
          LOG.error("{}: handler failed: {}", name, e.toString());
          r = error(500, "internal_error", "the request could not be handled");
        }
        c.out = encode(r);
        answered.add(c);
        selector.wakeup();
      });
    } catch (RejectedExecutionException e) {
      c.handing = false;
      answer(c, error(503, "busy", "too many requests at once; retry later").withHeader("Retry-After", "5"));
    }
  }

  private void answer(Conn c, Response r) {
    c.out = encode(r);
    SelectionKey k = c.ch.keyFor(selector);
    if (k != null && k.isValid()) {
      k.interestOps(SelectionKey.OP_WRITE);
    }
  }

  private void write(Conn c) throws IOException {
    c.ch.write(c.out);
    if (!c.out.hasRemaining()) {
      c.ch.shutdownOutput();
      drop(c);
    }
  }

  private void drop(Conn c) {
    try {
      SelectionKey k = c.ch.keyFor(selector);
      if (k != null) {
        k.cancel();
      }
      c.ch.close();
    } catch (IOException ignored) {
      // gone
    }
  }

  private static ByteBuffer encode(Response r) {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status()))
        .append("\r\n");
    Map<String, String> h = new LinkedHashMap<>(r.headers());
    h.putIfAbsent("Content-Type", "application/json");
    h.put("Content-Length", Integer.toString(r.body().length));
    h.put("Connection", "close");
    h.forEach((k, v) -> sb.append(k).append(": ").append(v.replaceAll("[\r\n]", " ")).append("\r\n"));
    sb.append("\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(head.length + r.body().length);
    b.put(head).put(r.body()).flip();
    return b;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 202 -> "Accepted";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 411 -> "Length Required";
      case 413 -> "Payload Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /**
   * A JSON error answer {@code {"error": code, "message": message}}.
   *
   * @param status the status
   * @param code the error code
   * @param message the message
   * @return the answer
   */
  public static Response error(int status, String code, String message) {
    com.fasterxml.jackson.databind.node.ObjectNode n = org.odoobuild.connectors.internal.Json.MAPPER.createObjectNode();
    n.put("error", code);
    n.put("message", message);
    return Response.json(status, n.toString());
  }

  /** Configures a {@link WebhookServer}. Not thread-safe; {@link #build()} copies what it holds. */
  public static final class Builder {
    private final Map<String, Handler> routes = new LinkedHashMap<>();
    private int maxBodyBytes = 1024 * 1024;
    private Duration readTimeout = Duration.ofSeconds(10);
    private int threads = 4;
    private int queue = 64;
    private int maxConnections = 256;
    private String name = "webhooks";

    private Builder() {}

    /**
     * Answers POSTs to {@code path} with {@code handler}.
     *
     * @param path the exact path, starting with {@code /}
     * @param handler the handler
     * @return this
     */
    public Builder route(String path, Handler handler) {
      if (!Objects.requireNonNull(path, "path").startsWith("/")) {
        throw new IllegalArgumentException("path must start with /");
      }
      routes.put(path, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * The largest body accepted (default 1 MiB); larger ones are answered 413.
     *
     * @param bytes a positive size
     * @return this
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * How long a request may take to arrive, headers and body (default 10 s); a slower one is
     * dropped.
     *
     * @param timeout a positive duration
     * @return this
     */
    public Builder readTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("readTimeout must be positive");
      }
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Handler threads (default 4).
     *
     * @param value a positive count
     * @return this
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be positive");
      }
      this.threads = value;
      return this;
    }

    /**
     * Complete requests waiting for a handler thread (default 64); more are answered 503.
     *
     * @param value a positive count
     * @return this
     */
    public Builder queue(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("queue must be positive");
      }
      this.queue = value;
      return this;
    }

    /**
     * Open connections at most (default 256); more are closed at once.
     *
     * @param value a positive count
     * @return this
     */
    public Builder maxConnections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConnections must be positive");
      }
      this.maxConnections = value;
      return this;
    }

    /**
     * The thread name prefix (default {@code webhooks}).
     *
     * @param value the name
     * @return this
     */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value, "name");
      return this;
    }

    /**
     * The server (not started).
     *
     * @return the server
     */
    public WebhookServer build() {
      if (routes.isEmpty()) {
        throw new IllegalStateException("no route");
      }
      return new WebhookServer(this);
    }
  }
}
