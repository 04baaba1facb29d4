package org.odoobuild.connectors.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

class WebhookIntakeTest {
  static final String SECRET = "s3cret-s3cret-s3cret";
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  /** A submittal decision from a document control system. */
  record Decision(String submittal, String status) {}

  SyncStore store;
  SyncEngine engine;
  WebhookIntake<Decision> intake;
  List<Decision> applied = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    store = SyncStores.inMemory();
    engine = SyncEngine.builder().store(store).build();
    engine.register(Flow.builder("submittals", Decision.class).sink(batch -> {
      batch.forEach(r -> applied.add(r.payload()));
      return batch.stream().map(r -> SinkResult.applied("ok")).toList();
    }).build());
    WebhookVerifier verifier = WebhookVerifier.builder().secret(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    intake = new WebhookIntake<>(engine, "submittals", verifier, json -> new SourceRecord<>(
        new RecordKey("doccontrol", json.path("submittal").asText(), json.path("revision").asText()),
        EventCatalog.SUBMITTAL_APPROVED, new Decision(json.path("submittal").asText(), json.path("status").asText()),
        NOW, "", Map.of()));
  }

  @AfterEach
  void tearDown() {
    intake.close();
    store.close();
  }

  static Map<String, String> headers(byte[] body, long ts, String id) {
    return Map.of("X-Signature", WebhookVerifier.sign(SECRET, ts, body), "X-Timestamp", Long.toString(ts),
        "X-Delivery-Id", id);
  }

  static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptedEventReachesTheSinkOnceEvenIfDeliveredTwice() {
    byte[] b = body("{\"submittal\":\"03 30 00-001\",\"revision\":\"2\",\"status\":\"approved\"}");
    assertEquals(WebhookIntake.Outcome.ACCEPTED, intake.receive(headers(b, NOW.getEpochSecond(), "d-1"), b));
    // the sender retries with a new delivery id: the event key is the same, so it is a duplicate
    assertEquals(WebhookIntake.Outcome.DUPLICATE, intake.receive(headers(b, NOW.getEpochSecond(), "d-2"), b));
    assertEquals(1, engine.drain("submittals").applied());
    assertEquals(1, applied.size());
  }

  @Test
  void everyBadDeliveryIsRefusedWithItsReason() {
    byte[] b = body("{\"submittal\":\"S-1\",\"revision\":\"1\",\"status\":\"approved\"}");
    long ts = NOW.getEpochSecond();
    var bad = assertThrows(WebhookRejectedException.class,
        () -> intake.receive(Map.of("X-Signature", WebhookVerifier.sign("another-secret-value", ts, b), "X-Timestamp",
            Long.toString(ts), "X-Delivery-Id", "x"), b));
    assertEquals(WebhookRejectedException.Reason.BAD_SIGNATURE, bad.reason());
    assertFalse(bad.getMessage().contains(SECRET));
    byte[] tampered = body("{\"submittal\":\"S-1\",\"revision\":\"1\",\"status\":\"rejected\"}");
    assertEquals(WebhookRejectedException.Reason.BAD_SIGNATURE, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(headers(b, ts, "t"), tampered)).reason());
    assertEquals(WebhookRejectedException.Reason.STALE_TIMESTAMP, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(headers(b, ts - 3600, "old"), b)).reason());
    assertEquals(WebhookRejectedException.Reason.BAD_SIGNATURE, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(Map.of("X-Timestamp", Long.toString(ts)), b)).reason());
    byte[] huge = new byte[1024 * 1024 + 1];
    assertEquals(WebhookRejectedException.Reason.TOO_LARGE, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(headers(huge, ts, "h"), huge)).reason());
    byte[] notJson = body("submittal=S-1");
    assertEquals(WebhookRejectedException.Reason.MALFORMED, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(headers(notJson, ts, "m"), notJson)).reason());
    assertEquals(WebhookIntake.Outcome.ACCEPTED, intake.receive(headers(b, ts, "ok-1"), b));
    assertEquals(WebhookRejectedException.Reason.REPLAYED, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(headers(b, ts, "ok-1"), b)).reason());
    assertEquals(1L, store.outboxCounts("submittals").get("pending"), "only the valid delivery was stored");
  }

  @Test
  void embeddedEndpointAnswersWithStatusCodes() throws Exception {
    int port = intake.serve("127.0.0.1", 0);
    HttpClient http = HttpClient.newHttpClient();
    byte[] b = body("{\"submittal\":\"S-9\",\"revision\":\"1\",\"status\":\"approved\"}");
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/submittals"));
    headers(b, NOW.getEpochSecond(), "e-1").forEach(rb::header);
    HttpResponse<String> ok = http.send(rb.POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, ok.statusCode());
    HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/webhooks/submittals")).POST(HttpRequest.BodyPublishers.ofByteArray(b))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, unsigned.statusCode());
    assertTrue(unsigned.body().contains("bad_signature"), unsigned.body());
  }
}
