package org.odoobuild.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.webhook.WebhookRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives webhooks (from a host system, or an Odoo automation rule's "send webhook
 * notification") and puts each verified event into a flow's durable outbox, so nothing
 * accepted is lost and a delivery sent twice is applied once. Use {@link #receive} from your
 * own HTTP stack, or {@link #serve} for a small embedded endpoint:
 * {@code POST /webhooks/<flow>} → 202, or 400/401/409/413 with the reason.
 *
 * @param <T> the payload type of the flow
 */
public final class WebhookIntake<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
  private final SyncEngine engine;
  private final String flow;
  private final WebhookVerifier verifier;
  private final Function<JsonNode, SourceRecord<T>> mapper;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * An intake for one flow.
   *
   * @param mapper turns a verified JSON event into a record (throw IllegalArgumentException for bad content)
   */
  public WebhookIntake(SyncEngine engine, String flow, WebhookVerifier verifier, Function<JsonNode, SourceRecord<T>> mapper) {
    this.engine = Objects.requireNonNull(engine);
    this.flow = Objects.requireNonNull(flow);
    this.verifier = Objects.requireNonNull(verifier);
    this.mapper = Objects.requireNonNull(mapper);
  }

  /** The outcome of one delivery. */
  public enum Outcome {
    /** Verified and put in the outbox. */
    ACCEPTED,
    /** Verified, but the same event was accepted before (nothing changed). */
    DUPLICATE
  }

  /**
   * Verifies and accepts one delivery.
   *
   * @throws WebhookRejectedException when a check fails or the content cannot be mapped
   */
  public Outcome receive(Map<String, String> headers, byte[] body) {
    JsonNode event = verifier.verify(headers, body);
    SourceRecord<T> record;
    try {
      record = mapper.apply(event);
    } catch (RuntimeException e) {
      throw new WebhookRejectedException(Reason.MALFORMED, "event content refused: " + e.getMessage());
    }
    return engine.accept(flow, record) ? Outcome.ACCEPTED : Outcome.DUPLICATE;
  }

  /** Starts an embedded endpoint on {@code host:port} (port 0: any free port); returns the bound port. */
  public synchronized int serve(String host, int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already serving");
    }
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/webhooks/" + flow, this::handle);
    server.start();
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, "{\"error\":\"use POST\"}");
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(2 * 1024 * 1024 + 1);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
      try {
        Outcome o = receive(headers, body);
        reply(ex, 202, "{\"status\":\"" + o.name().toLowerCase(java.util.Locale.ROOT) + "\"}");
      } catch (WebhookRejectedException e) {
        LOG.warn("webhook for {} refused: {} ({})", flow, e.reason(), e.getMessage());
        reply(ex, e.reason().status(), "{\"error\":\"" + e.reason().name().toLowerCase(java.util.Locale.ROOT)
            + "\",\"message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getMessage()) + "}");
      } catch (RuntimeException e) {
        LOG.error("webhook for {} could not be stored: {}", flow, e.toString());
        reply(ex, 503, "{\"error\":\"unavailable\"}");
      }
    }
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the embedded endpoint, if started. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }
}
