package org.odoobuild.adapters.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.adapters.internal.Json;
import org.odoobuild.client.Context;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooDates;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.webhook.WebhookServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the "Send Webhook Notification" of an Odoo automation rule (Odoo 17+). Odoo posts
 * {@code {"_model", "_id", "_action", <chosen fields>}} as JSON with no custom header and a one
 * second timeout, so it cannot sign the request: the rule's URL carries a secret token
 * ({@code https://sync.example.com/odoo-webhooks/po-changes?token=…}), compared in constant time.
 *
 * <p>The body is taken as a notice only ("record 7 of purchase.order changed at
 * {@code write_date}"), never as data: the record is read back from Odoo (the fields configured
 * for its model) and that is what becomes an {@link OdooChange} (kind UPDATED, previous values
 * unknown) in the flow's durable outbox, keyed by model, id and Odoo's {@code write_date}, so a
 * repeated notification is applied once. A notification must carry {@code write_date} (add it to
 * the rule's fields) within the replay window of now (default 10 minutes): an older one, or a
 * copy sent again later, is refused. Answers: 202 accepted or duplicate, 400 malformed (not JSON,
 * a model not configured here, a bad {@code _id} or {@code write_date}), 401 bad token, 404 no
 * such record, 409 outside the replay window, 413 too large, 503 Odoo could not be read (the
 * polling fallback catches it). The endpoint is a {@link WebhookServer}: slow connections take no
 * handler thread.
 *
 * <p>Keep the polling {@link OdooChangeSource} of the model running as the reconciliation fallback
 * for notifications Odoo could not deliver (its one-second timeout, downtime of the intake).
 * <pre>{@code
 * OdooAutomationWebhook hook = OdooAutomationWebhook.builder(engine, "po-events", odoo)
 *     .token(System.getenv("ODOO_WEBHOOK_TOKEN")).model("purchase.order", "name", "state").build();
 * hook.serve("0.0.0.0", 8086);   // POST /odoo-webhooks/po-events?token=…
 * }</pre>
 */
public final class OdooAutomationWebhook implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OdooAutomationWebhook.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int MAX_BODY = 1024 * 1024;
  private final SyncEngine engine;
  private final String flow;
  private final OdooClient odoo;
  private final byte[] token;
  private final Map<String, List<String>> models;
  private final Duration replayWindow;
  private final Clock clock;
  private final int threads;
  private final Duration readTimeout;
  private WebhookServer server;

  private OdooAutomationWebhook(Builder b) {
    this.engine = b.engine;
    this.flow = b.flow;
    this.odoo = b.odoo;
    if (b.token == null || b.token.length() < 24) {
      throw new IllegalArgumentException("the webhook token needs at least 24 characters");
    }
    this.token = b.token.getBytes(StandardCharsets.UTF_8);
    if (b.models.isEmpty()) {
      throw new IllegalStateException("name at least one model whose notifications are accepted");
    }
    this.models = Map.copyOf(b.models);
    this.replayWindow = b.replayWindow;
    this.clock = b.clock;
    this.threads = b.threads;
    this.readTimeout = b.readTimeout;
  }

  /**
   * A builder.
   *
   * @param engine the engine whose flow receives the changes
   * @param flow the flow
   * @param odoo the client that reads notified records back
   * @return the builder
   */
  public static Builder builder(SyncEngine engine, String flow, OdooClient odoo) {
    return new Builder(engine, flow, odoo);
  }

  /** What happened to one notification, with the HTTP status answered. */
  public enum Outcome {
    /** Read back from Odoo and stored in the outbox. */
    ACCEPTED(202),
    /** The same change (model, id, write_date) was stored before. */
    DUPLICATE(202),
    /** Missing or wrong token. */
    UNAUTHORIZED(401),
    /** Not an Odoo notification this intake accepts (see the class description). */
    MALFORMED(400),
    /** Odoo has no such record (any more). */
    UNKNOWN_RECORD(404),
    /** Its {@code write_date} is outside the replay window. */
    STALE(409),
    /** Odoo could not be read: nothing stored; the polling fallback will find the change. */
    UNAVAILABLE(503);

    private final int status;

    Outcome(int status) {
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }

  /** Handles one notification: the token from the URL and the raw body. */
  public Outcome receive(String presentedToken, byte[] body) {
    if (presentedToken == null || !MessageDigest.isEqual(token, presentedToken.getBytes(StandardCharsets.UTF_8))) {
      return Outcome.UNAUTHORIZED;
    }
    if (body == null || body.length > MAX_BODY) {
      return Outcome.MALFORMED;
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      return Outcome.MALFORMED;
    }
    if (n == null || !n.isObject() || !n.path("_model").isTextual() || !n.path("_id").isIntegralNumber()
        || !n.path("_id").canConvertToLong() || n.path("_id").asLong() <= 0 || !n.path("write_date").isTextual()) {
      return Outcome.MALFORMED;
    }
    String model = n.path("_model").asText();
    List<String> fields = models.get(model);
    if (fields == null) {
      return Outcome.MALFORMED;
    }
    long id = n.path("_id").asLong();
    Instant noticed;
    try {
      noticed = OdooDates.parseInstant(n.path("write_date").asText());
    } catch (OdooException e) {
      return Outcome.MALFORMED;
    }
    Instant now = clock.instant();
    if (noticed.isBefore(now.minus(replayWindow)) || noticed.isAfter(now.plus(replayWindow))) {
      return Outcome.STALE;
    }
    Optional<Record> current;
    try {
      current = odoo.model(model).withContext(Context.empty().activeTest(false)).read(id, fields.toArray(String[]::new));
    } catch (OdooException e) {
      LOG.warn("Odoo webhook for {}: {},{} could not be read back: {}", flow, model, id, e.getMessage());
      return Outcome.UNAVAILABLE;
    }
    if (current.isEmpty()) {
      return Outcome.UNKNOWN_RECORD;
    }
    String writeDate = current.get().getString(OdooChangeSource.WRITE_DATE).orElse("");
    Instant at;
    try {
      at = OdooDates.parseInstant(writeDate);
    } catch (OdooException e) {
      return Outcome.UNAVAILABLE; // Odoo answered without a usable write_date
    }
    if (noticed.isAfter(at)) {
      return Outcome.MALFORMED; // announces a change Odoo does not have
    }
    Map<String, Object> values = new LinkedHashMap<>(current.get().asMap());
    OdooChange change = new OdooChange(model, id, OdooChange.Kind.UPDATED, at, values, Map.of());
    String action = n.path("_action").asText("");
    SourceRecord<OdooChange> record = new SourceRecord<>(new RecordKey("odoo:" + model, Long.toString(id), writeDate),
        EventCatalog.MASTER_DATA_CHANGED, change, at, model + "," + id,
        Map.of("odoo_action", action.length() > 200 ? action.substring(0, 200) : action));
    return engine.accept(flow, record) ? Outcome.ACCEPTED : Outcome.DUPLICATE;
  }

  /** Serves {@code POST /odoo-webhooks/<flow>?token=…} on {@code host:port} (0: any port); returns the port. */
  public synchronized int serve(String host, int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already serving");
    }
    WebhookServer s = WebhookServer.builder().name("odoo-webhook-" + flow).route("/odoo-webhooks/" + flow, this::handle)
        .maxBodyBytes(MAX_BODY).threads(threads).readTimeout(readTimeout).build();
    int bound = s.start(new InetSocketAddress(host, port)).getPort();
    server = s;
    return bound;
  }

  private WebhookServer.Response handle(WebhookServer.Request req) {
    String presented = null;
    for (String part : req.rawQuery().split("&")) {
      if (part.startsWith("token=")) {
        try {
          presented = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          presented = null; // a malformed escape: no token
        }
      }
    }
    Outcome o;
    try {
      o = receive(presented, req.body());
    } catch (RuntimeException e) {
      LOG.error("Odoo webhook for {} could not be stored: {}", flow, e.toString());
      return WebhookServer.error(503, "unavailable", "the notification could not be stored; retry later")
          .withHeader("Retry-After", "5");
    }
    if (o == Outcome.UNAUTHORIZED) {
      LOG.warn("Odoo webhook for {} refused from {}: bad token", flow, req.remote());
    }
    return WebhookServer.Response.json(o.status(), "{\"status\":\"" + o.name().toLowerCase(Locale.ROOT) + "\"}");
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public String toString() {
    return "OdooAutomationWebhook{flow=" + flow + ", models=" + models.keySet() + ", token=***}";
  }

  /** Configures an {@link OdooAutomationWebhook}. */
  public static final class Builder {
    private final SyncEngine engine;
    private final String flow;
    private final OdooClient odoo;
    private String token;
    private final Map<String, List<String>> models = new LinkedHashMap<>();
    private Duration replayWindow = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();
    private int threads = 2;
    private Duration readTimeout = Duration.ofSeconds(10);

    private Builder(SyncEngine engine, String flow, OdooClient odoo) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.flow = Objects.requireNonNull(flow, "flow");
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** The secret token the rule's URL carries (at least 24 characters; required). */
    public Builder token(String value) {
      this.token = Objects.requireNonNull(value, "token");
      return this;
    }

    /** Accepts notifications of {@code model} and reads these fields back ({@code write_date} always). */
    public Builder model(String model, String... fields) {
      Set<String> f = new LinkedHashSet<>(List.of(fields));
      f.add(OdooChangeSource.WRITE_DATE);
      models.put(Objects.requireNonNull(model, "model"), new ArrayList<>(f));
      return this;
    }

    /** How far a notification's {@code write_date} may be from now, either way (default 10 min). */
    public Builder replayWindow(Duration value) {
      Objects.requireNonNull(value, "replayWindow");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("replayWindow must be positive");
      }
      this.replayWindow = value;
      return this;
    }

    /** The clock of the replay window. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Handler threads of the endpoint (default 2). */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be positive");
      }
      this.threads = value;
      return this;
    }

    /** How long a request may take to arrive (default 10 s). */
    public Builder readTimeout(Duration value) {
      this.readTimeout = Objects.requireNonNull(value, "readTimeout");
      return this;
    }

    /** The intake. */
    public OdooAutomationWebhook build() {
      return new OdooAutomationWebhook(this);
    }
  }
}
