package org.odoobuild.adapters.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.odoobuild.adapters.internal.Json;
import org.odoobuild.client.OdooDates;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the "Send Webhook Notification" of an Odoo automation rule (Odoo 17+). Odoo posts
 * {@code {"_model", "_id", "_action", <chosen fields>}} as JSON with no custom header and a one
 * second timeout, so it cannot sign the request: the rule's URL carries a secret token
 * ({@code https://sync.example.com/odoo-webhooks/po-changes?token=…}), compared in constant time.
 * Each accepted notification becomes an {@link OdooChange} (kind UPDATED, previous values
 * unknown) in the flow's durable outbox, keyed by model, id and {@code write_date} (add
 * {@code write_date} to the rule's fields), so a repeated notification is applied once. Keep
 * the polling {@link OdooChangeSource} of the model running as the reconciliation fallback for
 * notifications Odoo could not deliver (its one-second timeout, downtime of the intake).
 */
public final class OdooAutomationWebhook implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OdooAutomationWebhook.class);
  private static final ObjectMapper JSON = Json.MAPPER;
  private final SyncEngine engine;
  private final String flow;
  private final byte[] token;
  private final Clock clock;
  private HttpServer server;
  private ExecutorService executor;

  /** An adapter that puts notifications into {@code flow}'s outbox, accepting requests that carry {@code token}. */
  public OdooAutomationWebhook(SyncEngine engine, String flow, String token, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.flow = Objects.requireNonNull(flow, "flow");
    if (token == null || token.length() < 24) {
      throw new IllegalArgumentException("the webhook token needs at least 24 characters");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What happened to one notification, with the HTTP status answered. */
  public enum Outcome {
    /** Stored in the outbox. */
    ACCEPTED(202),
    /** The same change was stored before. */
    DUPLICATE(202),
    /** Missing or wrong token. */
    UNAUTHORIZED(401),
    /** Not an Odoo webhook body. */
    MALFORMED(400);

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
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      return Outcome.MALFORMED;
    }
    if (n == null || !n.isObject() || !n.path("_model").isTextual() || !n.path("_id").canConvertToLong()) {
      return Outcome.MALFORMED;
    }
    String model = n.path("_model").asText();
    long id = n.path("_id").asLong();
    Map<String, Object> values = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      if (!e.getKey().startsWith("_")) {
        values.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
      }
    });
    String writeDate = n.path("write_date").isTextual() ? n.path("write_date").asText() : "";
    String revision = writeDate.isEmpty() ? "sha256:" + HexFormat.of().formatHex(sha256(body)).substring(0, 16) : writeDate;
    Instant at = writeDate.isEmpty() ? clock.instant()
        : OdooDates.parseInstant(writeDate);
    OdooChange change = new OdooChange(model, id, OdooChange.Kind.UPDATED, at, values, Map.of());
    SourceRecord<OdooChange> record = new SourceRecord<>(new RecordKey("odoo:" + model, Long.toString(id), revision),
        EventCatalog.MASTER_DATA_CHANGED, change, at, model + "," + id, Map.of("odoo_action", n.path("_action").asText("")));
    return engine.accept(flow, record) ? Outcome.ACCEPTED : Outcome.DUPLICATE;
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves {@code POST /odoo-webhooks/<flow>?token=…} on {@code host:port} (0: any port); returns the port. */
  public synchronized int serve(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.createContext("/odoo-webhooks/" + flow, this::handle);
    server.start();
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getRawQuery();
      String presented = null;
      if (query != null) {
        for (String part : query.split("&")) {
          if (part.startsWith("token=")) {
            presented = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
          }
        }
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(1024 * 1024 + 1);
      }
      Outcome o = !"POST".equals(ex.getRequestMethod()) || body.length > 1024 * 1024 ? Outcome.MALFORMED
          : receive(presented, body);
      if (o == Outcome.UNAUTHORIZED) {
        LOG.warn("Odoo webhook for {} refused: bad token", flow);
      }
      byte[] reply = ("{\"status\":\"" + o.name().toLowerCase(java.util.Locale.ROOT) + "\"}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(o.status(), reply.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply);
      }
    } catch (RuntimeException e) {
      LOG.error("Odoo webhook for {} could not be stored: {}", flow, e.toString());
      ex.sendResponseHeaders(503, -1);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public String toString() {
    return "OdooAutomationWebhook{flow=" + flow + ", token=***}";
  }
}
