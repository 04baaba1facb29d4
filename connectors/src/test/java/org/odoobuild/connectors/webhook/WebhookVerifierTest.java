package org.odoobuild.connectors.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.connectors.webhook.WebhookRejectedException.Reason;
import org.odoobuild.testsupport.MutableClock;

class WebhookVerifierTest {
  static final String SECRET = "s3cret-s3cret-s3cret";
  static final String NEW_SECRET = "rotated-secret-0123456789";
  static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  static final long TS = NOW.getEpochSecond();

  final MutableClock clock = new MutableClock(NOW);

  WebhookVerifier verifier() {
    return WebhookVerifier.builder().secret(SECRET).clock(clock).build();
  }

  static byte[] body(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> signed(String secret, byte[] body, long ts, String deliveryId) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Signature", WebhookVerifier.sign(secret, ts, body));
    h.put("X-Timestamp", Long.toString(ts));
    if (deliveryId != null) {
      h.put("X-Delivery-Id", deliveryId);
    }
    return h;
  }

  static Reason reason(Runnable r) {
    return assertThrows(WebhookRejectedException.class, r::run).reason();
  }

  final byte[] ok = body("{\"id\":\"evt-1\",\"type\":\"submittal.approved\",\"submittal\":\"S-1\"}");

  @Test
  void aCorrectlySignedDeliveryPasses() {
    VerifiedWebhook w = verifier().verify(signed(SECRET, ok, TS, "d-1"), ok);
    assertEquals("evt-1", w.eventId());
    assertEquals("d-1", w.deliveryId());
    assertEquals(NOW, w.timestamp());
    assertEquals("S-1", w.json().path("submittal").asText());
    assertEquals(new String(ok, StandardCharsets.UTF_8), w.body());
  }

  @Test
  void hexBase64PrefixAndHeaderCaseAreAllAccepted() {
    WebhookVerifier v = verifier();
    String hex = WebhookVerifier.sign(SECRET, TS, ok).substring("sha256=".length());
    v.verify(Map.of("x-signature", hex, "x-timestamp", Long.toString(TS), "x-delivery-id", "a"), ok);
    String hex2 = WebhookVerifier.sign(SECRET, TS + 1, ok).substring("sha256=".length());
    v.verify(Map.of("X-SIGNATURE", "sha256=" + hex2.toUpperCase(), "X-Timestamp", Long.toString(TS + 1),
        "X-Delivery-Id", "b"), ok);
    v.verify(Map.of("X-Signature", WebhookVerifier.signBase64(SECRET, TS + 2, ok), "X-Timestamp", Long.toString(TS + 2),
        "X-Delivery-Id", "c"), ok);
    // several signatures in one header (a sender rotating its secret signs with both)
    v.verify(Map.of("X-Signature", WebhookVerifier.sign("some-other-secret-xyz", TS + 3, ok) + ", "
        + WebhookVerifier.sign(SECRET, TS + 3, ok), "X-Timestamp", Long.toString(TS + 3), "X-Delivery-Id", "d"), ok);
  }

  @Test
  void customHeaderNamesAndEventIdField() {
    WebhookVerifier v = WebhookVerifier.builder().secret(SECRET).clock(clock).signatureHeader("X-Hub-Sig")
        .timestampHeader("X-Hub-Time").deliveryIdHeader("X-Hub-Delivery").eventIdField("event_id").build();
    byte[] b = body("{\"event_id\":42}");
    VerifiedWebhook w = v.verify(Map.of("X-Hub-Sig", WebhookVerifier.sign(SECRET, TS, b), "X-Hub-Time",
        Long.toString(TS)), b);
    assertEquals("42", w.eventId());
    assertEquals("", w.deliveryId(), "no delivery header");
    assertEquals(Reason.MISSING_SIGNATURE, reason(() -> v.verify(signed(SECRET, b, TS, "x"), b)));
  }

  @Test
  void secretsRotate() {
    WebhookVerifier both = WebhookVerifier.builder().secret(NEW_SECRET).secret(SECRET).clock(clock).build();
    both.verify(signed(SECRET, ok, TS, "old"), ok);
    both.verify(signed(NEW_SECRET, ok, TS + 1, "new"), ok);
    WebhookVerifier onlyNew = WebhookVerifier.builder().secrets(List.of(NEW_SECRET)).clock(clock).build();
    assertEquals(Reason.BAD_SIGNATURE, reason(() -> onlyNew.verify(signed(SECRET, ok, TS, "old2"), ok)));
  }

  @Test
  void aWrongSecretOrATamperedBodyIsRefusedWithoutEchoingSecrets() {
    WebhookVerifier v = verifier();
    WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
        () -> v.verify(signed("another-secret-value", ok, TS, "x"), ok));
    assertEquals(Reason.BAD_SIGNATURE, e.reason());
    assertEquals(401, e.reason().status());
    String expected = HexFormat.of().formatHex(HexFormat.of().parseHex(
        WebhookVerifier.sign(SECRET, TS, ok).substring(7)));
    assertFalse(e.getMessage().contains(SECRET));
    assertFalse(e.getMessage().contains(expected), "the expected signature is never shown");
    assertFalse(v.toString().contains(SECRET));
    byte[] tampered = body("{\"id\":\"evt-1\",\"type\":\"submittal.approved\",\"submittal\":\"S-2\"}");
    assertEquals(Reason.BAD_SIGNATURE, reason(() -> v.verify(signed(SECRET, ok, TS, "t"), tampered)));
    // the timestamp is signed too
    Map<String, String> moved = signed(SECRET, ok, TS, "m");
    moved.put("X-Timestamp", Long.toString(TS + 1));
    assertEquals(Reason.BAD_SIGNATURE, reason(() -> v.verify(moved, ok)));
    assertEquals(Reason.BAD_SIGNATURE, reason(() -> v.verify(Map.of("X-Signature", "sha256=zz-not-hex",
        "X-Timestamp", Long.toString(TS)), ok)));
  }

  @Test
  void missingOrInvalidHeadersAreRefused() {
    WebhookVerifier v = verifier();
    assertEquals(Reason.MISSING_SIGNATURE, reason(() -> v.verify(Map.of("X-Timestamp", Long.toString(TS)), ok)));
    assertEquals(Reason.MISSING_TIMESTAMP, reason(() -> v.verify(
        Map.of("X-Signature", WebhookVerifier.sign(SECRET, TS, ok)), ok)));
    assertEquals(Reason.INVALID_TIMESTAMP, reason(() -> v.verify(
        Map.of("X-Signature", WebhookVerifier.sign(SECRET, TS, ok), "X-Timestamp", "yesterday"), ok)));
  }

  @Test
  void staleAndFutureTimestampsAreRefused() {
    WebhookVerifier v = verifier();
    assertEquals(Reason.STALE_TIMESTAMP, reason(() -> v.verify(signed(SECRET, ok, TS - 301, "s"), ok)));
    assertEquals(Reason.FUTURE_TIMESTAMP, reason(() -> v.verify(signed(SECRET, ok, TS + 301, "f"), ok)));
    v.verify(signed(SECRET, ok, TS - 300, "edge-old"), ok);
    v.verify(signed(SECRET, ok, TS + 300, "edge-new"), ok);
    WebhookVerifier strict = WebhookVerifier.builder().secret(SECRET).clock(clock).tolerance(Duration.ofSeconds(30))
        .build();
    assertEquals(Reason.STALE_TIMESTAMP, reason(() -> strict.verify(signed(SECRET, ok, TS - 31, "s2"), ok)));
  }

  @Test
  void oversizedBodiesAreRefusedBeforeAnythingElse() {
    WebhookVerifier v = verifier();
    byte[] huge = new byte[1024 * 1024 + 1];
    WebhookRejectedException e = assertThrows(WebhookRejectedException.class, () -> v.verify(Map.of(), huge));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertEquals(413, e.reason().status());
    WebhookVerifier small = WebhookVerifier.builder().secret(SECRET).clock(clock).maxBodyBytes(ok.length).build();
    small.verify(signed(SECRET, ok, TS, "fits"), ok);
    byte[] bigger = body("{\"id\":\"evt-1\",\"type\":\"submittal.approved\",\"submittal\":\"S-10\"}");
    assertEquals(Reason.TOO_LARGE, reason(() -> small.verify(signed(SECRET, bigger, TS, "big"), bigger)));
  }

  @Test
  void malformedBodiesAreRefused() {
    WebhookVerifier v = verifier();
    for (String s : List.of("submittal=S-1", "[1,2]", "", "\"text\"", "{\"id\":\"a\"", "{\"id\":\"a\"} trailing",
        "{\"id\":\"a\",\"id\":\"b\"}")) {
      byte[] b = body(s);
      assertEquals(Reason.MALFORMED, reason(() -> v.verify(signed(SECRET, b, TS, "m-" + s.hashCode()), b)), s);
    }
    byte[] latin1 = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
    assertEquals(Reason.MALFORMED, reason(() -> v.verify(signed(SECRET, latin1, TS, "l"), latin1)));
    assertEquals(400, Reason.MISSING_EVENT_ID.status());
  }

  @Test
  void aReplayedDeliveryIsRefused() {
    WebhookVerifier v = verifier();
    v.verify(signed(SECRET, ok, TS, "d-1"), ok);
    WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
        () -> v.verify(signed(SECRET, ok, TS, "d-1"), ok));
    assertEquals(Reason.REPLAYED, e.reason());
    assertEquals(409, e.reason().status());
    // the delivery id is not signed: changing it does not make a captured delivery new
    assertEquals(Reason.REPLAYED, reason(() -> v.verify(signed(SECRET, ok, TS, "d-2"), ok)));
    assertEquals(Reason.REPLAYED, reason(() -> v.verify(signed(SECRET, ok, TS, null), ok)));
    assertEquals("this signed delivery was received before", e.getMessage(), "one answer for every replay");
    // the sender delivering the same event again signs it anew: a new delivery (the intake sees the same event id)
    assertEquals("evt-1", v.verify(signed(SECRET, ok, TS + 5, "d-3"), ok).eventId());
  }

  @Test
  void aBodyWithoutEventIdGetsAnIdFromItsContentNotFromAnUnsignedHeader() {
    WebhookVerifier v = verifier();
    byte[] noId = body("{\"submittal\":\"S-1\",\"status\":\"approved\"}");
    VerifiedWebhook first = v.verify(signed(SECRET, noId, TS, "a-1"), noId);
    assertTrue(first.eventId().startsWith("sha256:"), first.eventId());
    // replayed with a new delivery id: refused; re-signed by an attacker impossible; re-sent by the sender: same event
    assertEquals(Reason.REPLAYED, reason(() -> v.verify(signed(SECRET, noId, TS, "a-2"), noId)));
    assertEquals(first.eventId(), v.verify(signed(SECRET, noId, TS + 1, "a-3"), noId).eventId());
  }

  @Test
  void aSignedDeliveryIdServesAsEventIdAndCannotBeChanged() {
    WebhookVerifier v = WebhookVerifier.builder().secret(SECRET).clock(clock).signedDeliveryId(true).build();
    byte[] noId = body("{\"submittal\":\"S-1\"}");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Signature", WebhookVerifier.sign(SECRET, TS, "dl-1", noId));
    h.put("X-Timestamp", Long.toString(TS));
    h.put("X-Delivery-Id", "dl-1");
    assertEquals("dl-1", v.verify(h, noId).eventId());
    assertEquals(Reason.REPLAYED, reason(() -> v.verify(h, noId)));
    h.put("X-Delivery-Id", "dl-2"); // changed by whoever replays: the signature no longer matches
    assertEquals(Reason.BAD_SIGNATURE, reason(() -> v.verify(h, noId)));
    h.remove("X-Delivery-Id");
    assertEquals(Reason.MISSING_EVENT_ID, reason(() -> v.verify(h, noId)));
    assertEquals(Reason.BAD_SIGNATURE, reason(() -> v.verify(signed(SECRET, noId, TS, "dl-3"), noId)),
        "a signature without the delivery id does not do");
  }

  @Test
  void checkDoesNotBurnTheNonceUntilRecorded() {
    WebhookVerifier v = verifier();
    VerifiedWebhook w = v.check(signed(SECRET, ok, TS, "d-1"), ok);
    v.check(signed(SECRET, ok, TS, "d-1"), ok); // e.g. the first attempt could not be stored
    assertTrue(v.recordDelivery(w));
    assertFalse(v.recordDelivery(w));
    assertEquals(Reason.REPLAYED, reason(() -> v.check(signed(SECRET, ok, TS, "d-1"), ok)));
  }

  @Test
  void theNonceCacheIsBoundedInSizeAndTime() {
    ReplayGuard.InMemory guard = (ReplayGuard.InMemory) ReplayGuard.inMemory(3, Duration.ofMinutes(10), clock);
    WebhookVerifier v = WebhookVerifier.builder().secret(SECRET).clock(clock).replayGuard(guard).build();
    for (int i = 0; i < 5; i++) {
      v.verify(signed(SECRET, ok, TS + i, "n-" + i), ok);
    }
    assertEquals(3, guard.size(), "bounded in size");
    assertEquals(Reason.REPLAYED, reason(() -> v.verify(signed(SECRET, ok, TS + 4, "n-4"), ok)));
    clock.advance(Duration.ofMinutes(11));
    assertEquals(0, guard.size(), "bounded in time");
    // by then the old delivery fails the timestamp window anyway
    assertEquals(Reason.STALE_TIMESTAMP, reason(() -> v.verify(signed(SECRET, ok, TS + 4, "n-4"), ok)));
    WebhookVerifier defaults = WebhookVerifier.builder().secret(SECRET).clock(clock).maxNonces(2).build();
    long ts = clock.instant().getEpochSecond();
    for (int i = 0; i < 3; i++) {
      defaults.verify(signed(SECRET, ok, ts + i, "x-" + i), ok);
    }
    defaults.verify(signed(SECRET, ok, ts, "x-0"), ok); // evicted: the oldest went first
  }

  @Test
  void aStoreBackedGuardIsSharedBetweenVerifiers() {
    try (SyncStore store = SyncStores.inMemory()) {
      WebhookVerifier a = WebhookVerifier.builder().secret(SECRET).clock(clock).replayGuard(ReplayGuard.store(store))
          .build();
      WebhookVerifier b = WebhookVerifier.builder().secret(SECRET).clock(clock).replayGuard(ReplayGuard.store(store))
          .build();
      VerifiedWebhook w = a.verify(signed(SECRET, ok, TS, "shared-1"), ok);
      assertEquals(Reason.REPLAYED, reason(() -> b.verify(signed(SECRET, ok, TS, "shared-2"), ok)));
      assertTrue(store.seen("webhook-nonce:" + w.replayKey()));
    }
  }

  @Test
  void builderValidation() {
    assertThrows(IllegalStateException.class, () -> WebhookVerifier.builder().build());
    assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.builder().secret("short"));
    assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.builder().tolerance(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.builder().maxBodyBytes(0));
  }
}
