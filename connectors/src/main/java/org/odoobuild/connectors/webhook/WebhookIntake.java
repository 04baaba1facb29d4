package org.odoobuild.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.odoobuild.connectors.internal.Json;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.webhook.WebhookRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives webhooks (from a host system, or from an Odoo automation rule through a signing
 * proxy) and puts each verified event into a flow's durable outbox with
 * {@link SyncStore#enqueue}: nothing is acknowledged before it is stored, and an event delivered
 * twice is stored once. Use {@link #receive} from your own HTTP stack, mount
 * {@link #httpHandler()} on a JDK {@link HttpServer}, or let {@link #serve} run a small endpoint
 * ({@link WebhookServer}: slow or stalled connections take no handler thread, and a request that
 * does not arrive within {@link Builder#readTimeout} is dropped):
 * {@code POST <path>} → 202 (accepted or duplicate), 400 (malformed, or content the outbox cannot
 * hold, e.g. an ordering key over 256 characters), 401, 409 (the same signed delivery again:
 * always 409, whatever unsigned header changed), 413, 405, or 503 when the store is unavailable
 * (the sender should retry; the delivery is not marked as received).
 *
 * <p>Default mapping (see {@link EventMapper} to change it): idempotency key
 * {@code webhook:<flow>:<event id>}, payload the raw body, ordering key the body field named by
 * {@link Builder#orderingKeyField} (none by default), headers {@code webhook_event_id},
 * {@code webhook_delivery_id}, {@code webhook_timestamp}, {@code received_at} and
 * {@code correlation_id} (the {@code X-Correlation-Id} header, else the delivery id), and, when
 * the body has one, {@code event_type} from its {@code type} or {@code event} field.
 *
 * <p>Thread-safe. Of concurrent copies of one signed delivery in a process, exactly the first is
 * accepted and the others are refused as replays; across processes sharing a
 * {@link ReplayGuard#store}, the event is still stored once, but which copy is answered
 * {@code ACCEPTED} is not decided.
 * <pre>{@code
 * WebhookIntake intake = WebhookIntake.builder(store, verifier).flow("submittals")
 *     .orderingKeyField("project").build();
 * intake.serve(new InetSocketAddress("127.0.0.1", 8085));   // POST /webhooks/submittals
 * }</pre>
 */
public final class WebhookIntake implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  private static final ObjectMapper JSON = Json.MAPPER;

  private final SyncStore store;
  private final WebhookVerifier verifier;
  private final String flow;
  private final String path;
  private final EventMapper mapper;
  private final Clock clock;
  private final int threads;
  private final java.time.Duration readTimeout;
  private final Object[] deliveryLocks = new Object[64];
  private WebhookServer server;

  private WebhookIntake(Builder b) {
    this.store = b.store;
    this.verifier = b.verifier;
    this.flow = Objects.requireNonNull(b.flow, "flow is required");
    this.path = b.path != null ? b.path : "/webhooks/" + flow;
    this.clock = b.clock;
    this.mapper = b.mapper != null ? b.mapper : defaultMapper(b.orderingKeyField, b.clock);
    this.threads = b.threads;
    this.readTimeout = b.readTimeout;
    java.util.Arrays.setAll(deliveryLocks, i -> new Object());
  }

  /**
   * A builder.
   *
   * @param store where accepted events go
   * @param verifier the checks every delivery must pass
   * @return the builder
   */
  public static Builder builder(SyncStore store, WebhookVerifier verifier) {
    return new Builder(store, verifier);
  }

  /** What happened to an accepted delivery. */
  public enum Outcome {
    /** Verified and stored in the outbox. */
    ACCEPTED,
    /** Verified; an event with the same idempotency key was stored before (nothing changed). */
    DUPLICATE
  }

  /**
   * The result of an accepted delivery.
   *
   * @param outcome accepted or duplicate
   * @param flow the outbox flow
   * @param idempotencyKey the outbox key of the event
   * @param eventId the event id
   */
  public record Result(Outcome outcome, String flow, String idempotencyKey, String eventId) {}

  /**
   * Verifies one delivery and stores it in the outbox.
   *
   * @param headers request headers (first value per name)
   * @param body the raw body
   * @return accepted or duplicate
   * @throws WebhookRejectedException when a check fails (nothing is stored)
   * @throws org.odoobuild.connectors.store.StoreException when the store is unavailable (nothing
   *     is stored, and the same delivery may be retried)
   */
  public Result receive(Map<String, String> headers, byte[] body) {
    VerifiedWebhook w = verifier.check(headers, body);
    OutboxEntry entry;
    try {
      entry = Objects.requireNonNull(mapper.map(flow, w), "the event mapper returned null");
    } catch (IllegalArgumentException e) {
      throw new WebhookRejectedException(Reason.UNMAPPABLE, "event content refused: " + e.getMessage());
    }
    boolean added;
    // one delivery at a time per signed content in this process, so that of concurrent replays the
    // first is the one accepted and every other is refused as a replay
    synchronized (deliveryLocks[Math.floorMod(w.replayKey().hashCode(), deliveryLocks.length)]) {
      if (verifier.received(w)) {
        throw WebhookVerifier.replayed();
      }
      added = store.enqueue(entry);
      // the nonce is burnt only once the event is stored, so a sender may retry after a failure
      if (!verifier.recordDelivery(w)) {
        throw WebhookVerifier.replayed();
      }
    }
    LOG.debug("webhook {} for {}: {}", w.eventId(), flow, added ? "stored" : "duplicate");
    return new Result(added ? Outcome.ACCEPTED : Outcome.DUPLICATE, entry.flow(), entry.idempotencyKey(),
        w.eventId());
  }

  /**
   * The flow whose outbox receives the events.
   *
   * @return the flow name
   */
  public String flow() {
    return flow;
  }

  /**
   * The HTTP path of the embedded endpoint.
   *
   * @return e.g. {@code /webhooks/submittals}
   */
  public String path() {
    return path;
  }

  /**
   * Starts an embedded endpoint at {@link #path()} ({@link WebhookServer}).
   *
   * @param bind where to listen (e.g. {@code 127.0.0.1} and port 0 for any free port)
   * @return the bound address (with the actual port)
   * @throws IOException when the address cannot be bound
   */
  public synchronized InetSocketAddress serve(InetSocketAddress bind) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already serving");
    }
    WebhookServer s = WebhookServer.builder().name("webhook-" + flow).route(path, r -> answer(r.headers(), r.body(),
        String.valueOf(r.remote()))).maxBodyBytes(verifier.maxBodyBytes()).threads(threads).readTimeout(readTimeout)
        .build();
    InetSocketAddress at = s.start(bind);
    server = s;
    LOG.info("webhook intake for {} listening on {}{}", flow, at, path);
    return at;
  }

  /**
   * Starts an embedded endpoint (see {@link #serve(InetSocketAddress)}).
   *
   * @param host the address to bind
   * @param port the port (0: any free port)
   * @return the bound port
   * @throws IOException when the address cannot be bound
   */
  public int serve(String host, int port) throws IOException {
    return serve(new InetSocketAddress(host, port)).getPort();
  }

  /**
   * The HTTP handler of the endpoint, to mount on an {@link HttpServer} of your own. The JDK
   * server reads request bodies on its handler threads: give it enough threads, or put a proxy
   * with read timeouts in front, so that stalled connections cannot take them all ({@link #serve}
   * has no such limit).
   *
   * @return the handler
   */
  public HttpHandler httpHandler() {
    return this::handle;
  }

  /** Verifies and stores one delivery, as an HTTP answer. */
  private WebhookServer.Response answer(Map<String, String> headers, byte[] body, String from) {
    try {
      Result r = receive(headers, body);
      ObjectNode ok = JSON.createObjectNode();
      ok.put("status", r.outcome().name().toLowerCase(Locale.ROOT));
      ok.put("event_id", r.eventId());
      return WebhookServer.Response.json(202, ok.toString());
    } catch (WebhookRejectedException e) {
      LOG.warn("webhook for {} refused from {}: {} ({})", flow, from, e.reason().code(), e.getMessage());
      return WebhookServer.error(e.reason().status(), e.reason().code(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("webhook for {} could not be stored, asking the sender to retry: {}", flow, e.toString());
      return WebhookServer.error(503, "unavailable", "the event could not be stored; retry later")
          .withHeader("Retry-After", "5");
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        reply(ex, WebhookServer.error(405, "method_not_allowed", "use POST"));
        return;
      }
      int max = verifier.maxBodyBytes();
      String declared = ex.getRequestHeaders().getFirst("Content-Length");
      if (declared != null && tooLong(declared, max)) {
        // read (and drop) a moderately oversized body first: closing a socket with unread input resets
        // the connection, and the client would see the reset instead of the 413
        try (InputStream in = ex.getRequestBody()) {
          byte[] sink = new byte[64 * 1024];
          long left = DRAIN_LIMIT;
          for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
            left -= n;
          }
        } catch (IOException e) {
          // the client stopped sending: answer anyway
        }
        reply(ex, WebhookServer.error(413, Reason.TOO_LARGE.code(), "body exceeds the limit of " + max + " bytes"));
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(max + 1); // one more than allowed: the verifier refuses it
      }
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> {
        if (!v.isEmpty()) {
          headers.put(k, v.get(0));
        }
      });
      reply(ex, answer(headers, body, String.valueOf(ex.getRemoteAddress())));
    }
  }

  private static boolean tooLong(String declared, int max) {
    try {
      return Long.parseLong(declared.trim()) > max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The most of an oversized body read before answering 413. */
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  private static void reply(HttpExchange ex, WebhookServer.Response r) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(r.status(), r.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(r.body());
    }
  }

  /** Stops the embedded endpoint, if started (the store is not closed). */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public String toString() {
    return "WebhookIntake{flow=" + flow + ", path=" + path + ", " + verifier + "}";
  }

  private static EventMapper defaultMapper(String orderingKeyField, Clock clock) {
    return (flow, w) -> {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("webhook_event_id", w.eventId());
      h.put("webhook_delivery_id", w.deliveryId());
      h.put("webhook_timestamp", w.timestamp().toString());
      h.put("received_at", clock.instant().toString());
      h.put("correlation_id", cut(WebhookVerifier.header(w.headers(), "X-Correlation-Id")
          .orElse(w.deliveryId().isEmpty() ? w.eventId() : w.deliveryId()), 128));
      for (String f : List.of("type", "event")) {
        JsonNode t = w.json().get(f);
        if (t != null && t.isTextual() && !t.asText().isBlank()) {
          h.put("event_type", t.asText());
          break;
        }
      }
      String orderingKey = "";
      if (orderingKeyField != null) {
        JsonNode k = w.json().get(orderingKeyField);
        if (k != null && (k.isTextual() || k.isNumber())) {
          orderingKey = k.asText();
        }
        if (orderingKey.length() > OutboxEntry.MAX_ORDERING_KEY) {
          throw new IllegalArgumentException("\"" + orderingKeyField + "\" is longer than "
              + OutboxEntry.MAX_ORDERING_KEY + " characters");
        }
      }
      return new OutboxEntry(flow, "webhook:" + flow + ":" + w.eventId(), orderingKey, w.body(), h, clock.instant());
    };
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /** Configures a {@link WebhookIntake}. */
  public static final class Builder {
    private final SyncStore store;
    private final WebhookVerifier verifier;
    private String flow;
    private String path;
    private String orderingKeyField;
    private EventMapper mapper;
    private Clock clock = Clock.systemUTC();
    private int threads = 4;
    private java.time.Duration readTimeout = java.time.Duration.ofSeconds(10);

    private Builder(SyncStore store, WebhookVerifier verifier) {
      this.store = Objects.requireNonNull(store, "store");
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The flow whose outbox receives the events (required).
     *
     * @param name the flow name
     * @return this
     */
    public Builder flow(String name) {
      Objects.requireNonNull(name, "flow");
      if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("flow names use letters, digits, '.', '_' and '-': " + name);
      }
      this.flow = name;
      return this;
    }

    /**
     * The endpoint path (default {@code /webhooks/<flow>}).
     *
     * @param value a path starting with {@code /}
     * @return this
     */
    public Builder path(String value) {
      if (!value.startsWith("/")) {
        throw new IllegalArgumentException("path must start with /");
      }
      this.path = value;
      return this;
    }

    /**
     * The body field whose value is the ordering key (e.g. {@code project} or {@code po}):
     * events with the same value are delivered one at a time, in order. Default mapper only.
     *
     * @param field a top-level field name
     * @return this
     */
    public Builder orderingKeyField(String field) {
      this.orderingKeyField = Objects.requireNonNull(field, "field");
      return this;
    }

    /**
     * A mapper replacing the default mapping.
     *
     * @param value the mapper
     * @return this
     */
    public Builder mapper(EventMapper value) {
      this.mapper = Objects.requireNonNull(value, "mapper");
      return this;
    }

    /**
     * The clock for {@code received_at} and {@code availableAt} (default UTC system clock).
     *
     * @param value the clock
     * @return this
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Threads of the embedded endpoint (default 4).
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
     * How long a request to the embedded endpoint may take to arrive, headers and body (default
     * 10 s); a slower one is dropped without taking a handler thread.
     *
     * @param value a positive duration
     * @return this
     */
    public Builder readTimeout(java.time.Duration value) {
      Objects.requireNonNull(value, "readTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("readTimeout must be positive");
      }
      this.readTimeout = value;
      return this;
    }

    /**
     * The intake.
     *
     * @return the intake
     */
    public WebhookIntake build() {
      return new WebhookIntake(this);
    }
  }
}
