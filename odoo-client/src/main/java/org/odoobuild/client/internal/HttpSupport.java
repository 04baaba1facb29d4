package org.odoobuild.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.odoobuild.client.OdooError;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;

/** HTTP exchange over OkHttp; turns I/O failures into {@link OdooTransportException}s. */
public final class HttpSupport {

  /** A complete HTTP answer. */
  public record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** Whether the content type is JSON. */
    public boolean isJson() {
      return HttpSupport.isJson(contentType);
    }

    /** Whether the content type is XML. */
    public boolean isXml() {
      return HttpSupport.isXml(contentType);
    }

    /** The body as text. */
    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Where {@link #HIDE_RETRY_AFTER} moves a 503's {@code Retry-After}. */
  private static final String HIDDEN_RETRY_AFTER = "X-Odoo-Client-Retry-After";

  /**
   * A network interceptor that hides {@code Retry-After} of 503 answers from OkHttp, which would
   * otherwise re-send any request (a create too) by itself after {@code 503} with
   * {@code Retry-After: 0}. Whether to re-send is decided by the client alone.
   */
  public static final okhttp3.Interceptor HIDE_RETRY_AFTER = chain -> {
    Response r = chain.proceed(chain.request());
    String ra = r.header("Retry-After");
    if (r.code() != 503 || ra == null) {
      return r;
    }
    return r.newBuilder().removeHeader("Retry-After").header(HIDDEN_RETRY_AFTER, ra).build();
  };

  private final OkHttpClient http;
  private final HttpUrl base;
  private final long maxBodyBytes;
  private final String[] secrets;
  private final boolean refusalsNotProcessed;

  /** Creates the support for a base URL. */
  public HttpSupport(OkHttpClient http, HttpUrl base, long maxBodyBytes) {
    this(http, base, maxBodyBytes, java.util.List.of());
  }

  /** Creates the support for a base URL, with secrets to scrub; every HTTP answer counts as "may have been processed". */
  public HttpSupport(OkHttpClient http, HttpUrl base, long maxBodyBytes, java.util.List<String> secrets) {
    this(http, base, maxBodyBytes, secrets, false);
  }

  /**
   * Creates the support for a base URL; {@code secrets} are removed from every message this
   * class builds (bodies of error pages may echo the request). With {@code refusalsNotProcessed}
   * the gateway in front of Odoo is trusted to answer 429 and 503 only for requests it did not
   * forward; otherwise any HTTP answer means the request may have been processed.
   */
  public HttpSupport(OkHttpClient http, HttpUrl base, long maxBodyBytes, java.util.List<String> secrets,
      boolean refusalsNotProcessed) {
    this.http = http;
    this.base = base;
    this.maxBodyBytes = maxBodyBytes;
    this.secrets = secrets.toArray(String[]::new);
    this.refusalsNotProcessed = refusalsNotProcessed;
  }

  /** The secrets to keep out of messages. */
  public String[] secrets() {
    return secrets.clone();
  }

  /** Removes the secrets from a text. */
  public String scrub(String text) {
    return ErrorMapper.scrub(text, secrets);
  }

  /** {@link #transport(Protocol, String, String, Reason, boolean, String, OptionalInt, Throwable)} with the secrets removed. */
  public OdooTransportException fail(Protocol protocol, String model, String method, Reason reason,
      boolean maybeProcessed, String message, OptionalInt status, Throwable cause) {
    return transport(protocol, model, method, reason, maybeProcessed, scrub(message), status, cause);
  }

  /** {@link #unexpectedStatus(HttpAnswer, Protocol, String, String)} with the secrets removed. */
  public OdooTransportException unexpected(HttpAnswer a, Protocol protocol, String model, String method) {
    return unexpectedStatus(a, protocol, model, method, secrets, refusalsNotProcessed);
  }

  /** {@link #snippet(HttpAnswer)} with the secrets removed (before it is shortened). */
  public String excerpt(HttpAnswer a) {
    return snippet(a, secrets);
  }

  /** The base URL. */
  public HttpUrl base() {
    return base;
  }

  /**
   * Decodes the body of an answer while it arrives, for answers it {@linkplain #streams accepts};
   * the others are read whole (within the limit) and handed to the call's fallback.
   *
   * @param <T> the decoded value
   */
  public interface Decoder<T> {
    /** Whether an answer of this status and content type is decoded from the stream. */
    boolean streams(int status, String contentType);

    /**
     * Decodes the body. A body that is not what the protocol says fails with an
     * {@link org.odoobuild.client.OdooException}; a failure of the stream itself (the connection,
     * the size limit, the deadline) is reported as such whatever the decoder made of it.
     */
    T decode(InputStream body) throws IOException;
  }

  /**
   * Sends a POST whose body was encoded in one pass ({@link WireBody}); decodes an answer
   * {@code streamed} accepts from the stream, any other with {@code whole} once read.
   */
  public <T> T post(String path, RequestBody body, Map<String, String> headers, Protocol protocol, String model,
      String method, Decoder<T> streamed, java.util.function.Function<HttpAnswer, T> whole) {
    Request.Builder rb = new Request.Builder().url(resolve(path)).post(body);
    headers.forEach(rb::header);
    try {
      return exchange(rb.build(), protocol, model, method, streamed, whole);
    } finally {
      if (body instanceof WireBody w) {
        w.release();
      }
    }
  }

  /** Sends a GET and reads the whole answer. */
  public HttpAnswer get(String path, Protocol protocol) {
    return exchange(new Request.Builder().url(resolve(path)).get().build(), protocol, "", "GET " + path, NONE,
        a -> a);
  }

  /** Streams nothing: every answer is read whole. */
  private static final Decoder<HttpAnswer> NONE = new Decoder<>() {
    @Override
    public boolean streams(int status, String contentType) {
      return false;
    }

    @Override
    public HttpAnswer decode(InputStream body) {
      throw new UnsupportedOperationException();
    }
  };

  /** Whether a content type is JSON. */
  public static boolean isJson(String contentType) {
    return contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  /** Whether a content type is XML. */
  public static boolean isXml(String contentType) {
    return contentType.toLowerCase(java.util.Locale.ROOT).contains("xml");
  }

  private HttpUrl resolve(String path) {
    HttpUrl url = base.resolve(base.encodedPath().endsWith("/") ? path.substring(1) : base.encodedPath() + path);
    if (url == null) {
      throw new IllegalArgumentException("bad path " + path);
    }
    return url;
  }

  private <T> T exchange(Request request, Protocol protocol, String model, String method, Decoder<T> streamed,
      java.util.function.Function<HttpAnswer, T> whole) {
    boolean sent = false;
    okhttp3.Call call = http.newCall(request);
    long remaining = Deadline.remainingNanos();
    if (remaining <= 0) {
      throw transport(protocol, model, method, Reason.TIMEOUT, false,
          "the call's deadline passed before the request was sent", OptionalInt.empty(), null);
    }
    long configured = call.timeout().timeoutNanos();
    if (remaining != Long.MAX_VALUE && (configured == 0 || remaining < configured)) {
      call.timeout().timeout(remaining, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    HttpAnswer answer;
    try (Response response = call.execute()) {
      sent = true;
      ResponseBody rb = response.body();
      String ct = response.header("Content-Type", "");
      ct = ct == null ? "" : ct;
      long declared = rb == null ? 0 : rb.contentLength();
      if (declared > maxBodyBytes) {
        throw transport(protocol, model, method, Reason.MALFORMED_RESPONSE, true,
            "response body of " + declared + " bytes exceeds the limit of " + maxBodyBytes, OptionalInt.of(response.code()), null);
      }
      if (rb != null && streamed.streams(response.code(), ct)) {
        return decodeStreamed(rb, streamed, protocol, model, method, response.code());
      }
      byte[] bytes = rb == null ? new byte[0] : readBounded(rb, protocol, model, method, response.code());
      Map<String, String> hdrs = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String name : response.headers().names()) {
        hdrs.put(name.equalsIgnoreCase(HIDDEN_RETRY_AFTER) ? "Retry-After" : name, response.header(name));
      }
      answer = new HttpAnswer(response.code(), ct, bytes, hdrs);
    } catch (OdooTransportException e) {
      throw e;
    } catch (IOException e) {
      throw fromIo(e, sent, protocol, model, method);
    }
    return whole.apply(answer);
  }

  /**
   * Decodes a body from the stream, counting its bytes as they arrive (after inflation for gzip)
   * and refusing it as soon as it passes the limit; then reads what the decoder left, so the
   * connection can be reused.
   */
  private <T> T decodeStreamed(ResponseBody rb, Decoder<T> decoder, Protocol protocol, String model, String method,
      int status) throws IOException {
    Bounded in = new Bounded(rb.source(), maxBodyBytes);
    T value;
    try {
      value = decoder.decode(in);
      in.drain();
    } catch (IOException | RuntimeException e) {
      IOException broken = in.failure;
      if (broken == null) {
        throw e;
      }
      if (broken instanceof LimitExceeded) {
        throw transport(protocol, model, method, Reason.MALFORMED_RESPONSE, true,
            "response body exceeds the limit of " + maxBodyBytes + " bytes", OptionalInt.of(status), null);
      }
      throw fromIo(broken, true, protocol, model, method);
    }
    return value;
  }

  /** The body past the size limit. */
  private static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded() {
      super("response body exceeds the size limit");
    }
  }

  /** A body as an input stream that counts what it reads and remembers why it failed. */
  private static final class Bounded extends InputStream {
    private final okio.BufferedSource source;
    private final long max;
    private long count;
    IOException failure;

    Bounded(okio.BufferedSource source, long max) {
      this.source = source;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      if (!request(1)) {
        return -1;
      }
      return source.readByte() & 0xff;
    }

    /** Whether a byte is left; counts what arrived against the limit. */
    private boolean request(long n) throws IOException {
      if (failure != null) {
        throw failure;
      }
      try {
        return source.request(n);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (failure != null) {
        throw failure;
      }
      int n;
      try {
        n = source.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (n > 0) {
        count += n;
        if (count > max) {
          failure = new LimitExceeded();
          throw failure;
        }
      }
      return n;
    }

    /** Reads and drops the rest of the body (what the decoder did not need), within the limit. */
    void drain() throws IOException {
      while (request(1)) {
        long n = source.getBuffer().size();
        count += n;
        if (count > max) {
          failure = new LimitExceeded();
          throw failure;
        }
        source.getBuffer().skip(n);
      }
    }
  }

  /**
   * Reads the body, refusing it as soon as it grows past the limit. A body of known length is
   * read straight into its array; one of unknown length (chunked, or gzip that OkHttp inflates:
   * the limit then applies to the inflated size) is collected in segments and copied once.
   */
  private byte[] readBounded(ResponseBody rb, Protocol protocol, String model, String method, int status)
      throws IOException {
    okio.BufferedSource source = rb.source();
    long declared = rb.contentLength();
    if (declared >= 0) {
      byte[] out = new byte[(int) declared];
      int at = 0;
      while (at < out.length) {
        int n = source.read(out, at, out.length - at);
        if (n == -1) {
          throw transport(protocol, model, method, Reason.CONNECTION_BROKEN, true,
              "response body broken off after " + at + " of " + declared + " bytes", OptionalInt.of(status), null);
        }
        at += n;
      }
      if (!source.exhausted()) {
        throw transport(protocol, model, method, Reason.MALFORMED_RESPONSE, true,
            "response body longer than its Content-Length of " + declared + " bytes", OptionalInt.of(status), null);
      }
      return out;
    }
    okio.Buffer buffer = new okio.Buffer();
    long total = 0;
    long n;
    while ((n = source.read(buffer, 64 * 1024)) != -1) {
      total += n;
      if (total > maxBodyBytes) {
        throw transport(protocol, model, method, Reason.MALFORMED_RESPONSE, true,
            "response body exceeds the limit of " + maxBodyBytes + " bytes", OptionalInt.of(status), null);
      }
    }
    return buffer.readByteArray();
  }

  private OdooTransportException fromIo(IOException e, boolean responseStarted, Protocol protocol, String model,
      String method) {
    if (e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || (e instanceof ConnectException && !responseStarted)) {
      return transport(protocol, model, method, Reason.CONNECT_FAILED, false,
          "cannot connect to " + base.host() + ":" + base.port() + " (" + e.getClass().getSimpleName() + ")",
          OptionalInt.empty(), e);
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      String msg = String.valueOf(e.getMessage());
      // "connect timed out" / "Connect timed out": the request was not sent
      boolean connectPhase = !responseStarted && msg.toLowerCase(java.util.Locale.ROOT).contains("connect");
      return transport(protocol, model, method, Reason.TIMEOUT, !connectPhase,
          (connectPhase ? "no connection to " : "no answer from ") + base.host() + ":" + base.port()
              + " in time (" + msg + ")", OptionalInt.empty(), e);
    }
    if (responseStarted) {
      // the server answered but the body broke off (truncated, reset): transient, maybe processed
      return transport(protocol, model, method, Reason.CONNECTION_BROKEN, true,
          "response body broken off: " + e.getMessage(), OptionalInt.empty(), e);
    }
    return transport(protocol, model, method, Reason.CONNECTION_BROKEN, true,
        "connection to " + base.host() + ":" + base.port() + " broken: " + e.getMessage(), OptionalInt.empty(), e);
  }

  /** Builds a transport exception. */
  public static OdooTransportException transport(Protocol protocol, String model, String method, Reason reason,
      boolean maybeProcessed, String message, OptionalInt status, Throwable cause) {
    String name = status.isPresent() ? "http." + status.getAsInt() : "transport." + reason.name().toLowerCase(java.util.Locale.ROOT);
    OdooError error = new OdooError(name, message, protocol, status, OptionalInt.empty(), Optional.empty(), model, method);
    return new OdooTransportException(error, reason, maybeProcessed, Optional.empty(), cause);
  }

  /** Builds the exception for an HTTP status that is not part of the protocol. */
  public static OdooTransportException unexpectedStatus(HttpAnswer a, Protocol protocol, String model, String method) {
    return unexpectedStatus(a, protocol, model, method, new String[0], false);
  }

  private static OdooTransportException unexpectedStatus(HttpAnswer a, Protocol protocol, String model, String method,
      String[] secrets, boolean refusalsNotProcessed) {
    Reason reason = a.status() == 429 ? Reason.RATE_LIMITED : Reason.HTTP_STATUS;
    Optional<Duration> retryAfter = Optional.ofNullable(a.headers().get("Retry-After")).flatMap(HttpSupport::parseRetryAfter);
    String message = "HTTP " + a.status() + " from the server or a proxy: " + snippet(a, secrets);
    OdooError error = new OdooError("http." + a.status(), message, protocol, OptionalInt.of(a.status()), OptionalInt.empty(),
        Optional.empty(), model, method);
    // an answer proves the request arrived somewhere: a proxy may have passed it to Odoo before
    // answering 503 or 429, unless the gateway was declared to refuse only what it did not forward
    boolean maybeProcessed = !(refusalsNotProcessed && (a.status() == 429 || a.status() == 503));
    return new OdooTransportException(error, reason, maybeProcessed, retryAfter, null);
  }

  /** Parses {@code Retry-After}: delta seconds or an HTTP date; empty when unreadable. */
  static Optional<Duration> parseRetryAfter(String v) {
    String t = v.trim();
    try {
      long seconds = Long.parseLong(t);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      try {
        java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(t, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(java.time.Instant.now(), at.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (java.time.format.DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** A short, tag-free excerpt of a body for messages. */
  public static String snippet(HttpAnswer a) {
    return snippet(a, new String[0]);
  }

  /**
   * A short, tag-free excerpt of a body with the secrets removed first: shortening first could
   * cut a secret in two and leave its start in the message.
   */
  static String snippet(HttpAnswer a, String[] secrets) {
    // only the head of a large page is looked at, less its last few kB: a secret cut in two there
    // cannot be recognised, and the excerpt never reaches that far into a page of real text
    String head = a.body().length > EXCERPT_SOURCE ? new String(a.body(), 0, EXCERPT_SOURCE - 4096,
        java.nio.charset.StandardCharsets.UTF_8) : a.text();
    String raw = ErrorMapper.scrub(head, secrets);
    String text = raw.replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    text = ErrorMapper.scrub(text, secrets); // tags removed may have joined a secret's parts
    if (text.isEmpty()) {
      return "(empty body, content type '" + a.contentType() + "')";
    }
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /** How much of a body is turned into an excerpt. */
  private static final int EXCERPT_SOURCE = 64 * 1024;
}
