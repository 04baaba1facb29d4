package org.odoobuild.connectors.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odoobuild.connectors.webhook.WebhookVerifierTest.SECRET;
import static org.odoobuild.connectors.webhook.WebhookVerifierTest.TS;
import static org.odoobuild.connectors.webhook.WebhookVerifierTest.body;
import static org.odoobuild.connectors.webhook.WebhookVerifierTest.signed;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.store.ClaimedEntry;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.StoreException;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.connectors.webhook.WebhookRejectedException.Reason;
import org.odoobuild.testsupport.MutableClock;

class WebhookIntakeTest {
  final MutableClock clock = new MutableClock(WebhookVerifierTest.NOW);
  SyncStore store;
  WebhookIntake intake;

  @BeforeEach
  void setUp() {
    store = SyncStores.inMemory();
    intake = WebhookIntake.builder(store, verifier()).flow("submittals").orderingKeyField("project").clock(clock)
        .build();
  }

  WebhookVerifier verifier() {
    return WebhookVerifier.builder().secret(SECRET).clock(clock).build();
  }

  @AfterEach
  void tearDown() {
    intake.close();
    store.close();
  }

  static byte[] event(String id, String status) {
    return body("{\"id\":\"" + id + "\",\"type\":\"submittal.decided\",\"project\":\"P-100\",\"submittal\":\"03 30 00-001\","
        + "\"status\":\"" + status + "\"}");
  }

  long pending() {
    return store.outboxCounts("submittals").get(OutboxStatus.PENDING);
  }

  @Test
  void anAcceptedEventIsInTheOutboxExactlyOnceEvenIfDeliveredTwice() {
    byte[] b = event("evt-1", "approved");
    WebhookIntake.Result first = intake.receive(signed(SECRET, b, TS, "d-1"), b);
    assertEquals(WebhookIntake.Outcome.ACCEPTED, first.outcome());
    assertEquals("webhook:submittals:evt-1", first.idempotencyKey());
    // the sender retries the same event as a new delivery: acknowledged, stored once
    WebhookIntake.Result second = intake.receive(signed(SECRET, b, TS + 10, "d-2"), b);
    assertEquals(WebhookIntake.Outcome.DUPLICATE, second.outcome());
    // a captured delivery sent again is a replay
    assertEquals(Reason.REPLAYED, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(signed(SECRET, b, TS, "d-1"), b)).reason());
    assertEquals(1L, pending());
    List<ClaimedEntry> claimed = store.claim("submittals", "w", 10, Duration.ofMinutes(1));
    assertEquals(1, claimed.size());
    ClaimedEntry e = claimed.get(0);
    assertEquals(new String(b, java.nio.charset.StandardCharsets.UTF_8), e.payload());
    assertEquals("P-100", e.orderingKey());
    assertEquals("evt-1", e.headers().get("webhook_event_id"));
    assertEquals("d-1", e.headers().get("webhook_delivery_id"));
    assertEquals("submittal.decided", e.headers().get("event_type"));
    assertEquals("d-1", e.headers().get("correlation_id"));
  }

  @Test
  void concurrentDeliveriesOfOneEventAreStoredOnce() throws Exception {
    byte[] b = event("evt-c", "approved");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<WebhookIntake.Result>> fs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String delivery = "c-" + i;
      long ts = TS + i; // the sender's own retries: each signed anew
      fs.add(pool.submit(() -> {
        start.await();
        return intake.receive(signed(SECRET, b, ts, delivery), b);
      }));
    }
    start.countDown();
    int accepted = 0;
    for (Future<WebhookIntake.Result> f : fs) {
      if (f.get(30, TimeUnit.SECONDS).outcome() == WebhookIntake.Outcome.ACCEPTED) {
        accepted++;
      }
    }
    pool.shutdown();
    assertEquals(1, accepted);
    assertEquals(1L, pending());
  }

  @Test
  void everyRejectedDeliveryLeavesTheOutboxUntouched() {
    byte[] b = event("evt-r", "approved");
    List<Runnable> bad = List.of(
        () -> intake.receive(signed("another-secret-value", b, TS, "x1"), b),
        () -> intake.receive(signed(SECRET, b, TS, "x2"), event("evt-r", "rejected")),
        () -> intake.receive(Map.of("X-Timestamp", Long.toString(TS)), b),
        () -> intake.receive(signed(SECRET, b, TS - 3600, "x3"), b),
        () -> intake.receive(signed(SECRET, b, TS + 3600, "x4"), b),
        () -> intake.receive(signed(SECRET, new byte[1024 * 1024 + 1], TS, "x5"), new byte[1024 * 1024 + 1]),
        () -> intake.receive(signed(SECRET, body("not json"), TS, "x6"), body("not json")));
    for (Runnable r : bad) {
      assertThrows(WebhookRejectedException.class, r::run);
    }
    assertEquals(0L, pending());
  }

  @Test
  void aMapperCanRefuseContent() {
    WebhookIntake strict = WebhookIntake.builder(store, verifier()).flow("decisions").clock(clock)
        .mapper((flow, w) -> {
          String status = w.json().path("status").asText();
          if (!List.of("approved", "rejected").contains(status)) {
            throw new IllegalArgumentException("unknown status " + status);
          }
          return OutboxEntry.of(flow, "decision:" + w.json().path("submittal").asText() + ":" + status, w.body());
        }).build();
    byte[] odd = event("evt-o", "maybe");
    assertEquals(Reason.UNMAPPABLE, assertThrows(WebhookRejectedException.class,
        () -> strict.receive(signed(SECRET, odd, TS, "o-1"), odd)).reason());
    byte[] fine = event("evt-f", "approved");
    assertEquals("decision:03 30 00-001:approved", strict.receive(signed(SECRET, fine, TS, "f-1"), fine)
        .idempotencyKey());
    assertEquals(1L, store.outboxCounts("decisions").get(OutboxStatus.PENDING));
  }

  @Test
  void aDeliveryThatCouldNotBeStoredCanBeRetriedWithTheSameDeliveryId() {
    AtomicBoolean down = new AtomicBoolean(true);
    SyncStore flaky = (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(),
        new Class<?>[] {SyncStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("enqueue") && down.get()) {
            throw new StoreException("database unavailable");
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    WebhookIntake i = WebhookIntake.builder(flaky, verifier()).flow("submittals").clock(clock).build();
    byte[] b = event("evt-s", "approved");
    assertThrows(StoreException.class, () -> i.receive(signed(SECRET, b, TS, "s-1"), b));
    down.set(false);
    assertEquals(WebhookIntake.Outcome.ACCEPTED, i.receive(signed(SECRET, b, TS, "s-1"), b).outcome());
    assertEquals(1L, pending());
  }

  @Test
  void aCapturedDeliveryReplayedWithNewDeliveryIdsIsRefusedAndNotStoredAgain() {
    byte[] noId = body("{\"type\":\"submittal.decided\",\"project\":\"P-100\",\"status\":\"approved\"}");
    assertEquals(WebhookIntake.Outcome.ACCEPTED, intake.receive(signed(SECRET, noId, TS, "r-1"), noId).outcome());
    for (int i = 2; i < 6; i++) {
      String d = "r-" + i;
      WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
          () -> intake.receive(signed(SECRET, noId, TS, d), noId));
      assertEquals(Reason.REPLAYED, e.reason());
    }
    byte[] withId = event("evt-x", "approved");
    intake.receive(signed(SECRET, withId, TS, "x-1"), withId);
    assertEquals(Reason.REPLAYED, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(signed(SECRET, withId, TS, "x-2"), withId)).reason(), "the same answer with an id");
    assertEquals(2L, pending());
  }

  @Test
  void concurrentReplaysOfOneDeliveryGetOneAcceptanceAndTheSameRefusal() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 20; round++) {
        byte[] b = event("evt-cr-" + round, "approved");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          String delivery = "cr-" + round + "-" + i;
          fs.add(pool.submit(() -> {
            start.await();
            try {
              return intake.receive(signed(SECRET, b, TS, delivery), b).outcome();
            } catch (WebhookRejectedException e) {
              return e.reason();
            }
          }));
        }
        start.countDown();
        Map<Object, Integer> answers = new java.util.HashMap<>();
        for (Future<Object> f : fs) {
          answers.merge(f.get(30, TimeUnit.SECONDS), 1, Integer::sum);
        }
        assertEquals(Map.of(WebhookIntake.Outcome.ACCEPTED, 1, Reason.REPLAYED, 15), answers, "round " + round);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(20L, pending());
  }

  @Test
  void contentTheOutboxCannotHoldIsABadRequestNotAnOutage() throws Exception {
    String longKey = "P".repeat(300);
    byte[] b = body("{\"id\":\"evt-long\",\"project\":\"" + longKey + "\"}");
    assertEquals(Reason.UNMAPPABLE, assertThrows(WebhookRejectedException.class,
        () -> intake.receive(signed(SECRET, b, TS, "l-1"), b)).reason());
    int port = intake.serve(new InetSocketAddress("127.0.0.1", 0)).getPort();
    HttpResponse<String> r = post(port, "/webhooks/submittals", signed(SECRET, b, TS + 1, "l-2"), b);
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("longer than 256"), r.body());
    WebhookIntake custom = WebhookIntake.builder(store, verifier()).flow("custom").clock(clock)
        .mapper((flow, w) -> new OutboxEntry(flow, "k:" + "x".repeat(600), "", w.body(), Map.of(), clock.instant()))
        .build();
    assertEquals(Reason.UNMAPPABLE, assertThrows(WebhookRejectedException.class,
        () -> custom.receive(signed(SECRET, b, TS + 2, "l-3"), b)).reason());
    assertEquals(0L, pending());
  }

  @Test
  void connectionsThatNeverFinishTheirBodyDoNotHoldUpANormalDelivery() throws Exception {
    int port = intake.serve(new InetSocketAddress("127.0.0.1", 0)).getPort();
    List<java.net.Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) { // three times the handler threads
        java.net.Socket s = new java.net.Socket("127.0.0.1", port);
        s.getOutputStream().write(("POST /webhooks/submittals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"id\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      byte[] b = event("evt-n", "approved");
      HttpResponse<String> r = post(port, "/webhooks/submittals", signed(SECRET, b, TS, "n-1"), b);
      assertEquals(202, r.statusCode(), r.body());
      assertEquals(1L, pending());
    } finally {
      for (java.net.Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aRequestThatDoesNotArriveWithinTheReadTimeoutIsDropped() throws Exception {
    try (WebhookIntake i = WebhookIntake.builder(store, verifier()).flow("submittals").clock(clock)
        .readTimeout(Duration.ofSeconds(2)).build()) {
      int port = i.serve("127.0.0.1", 0);
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        s.setSoTimeout(60_000);
        s.getOutputStream().write(("POST /webhooks/submittals HTTP/1.1\r\nContent-Length: 50\r\n\r\n{")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(-1, s.getInputStream().read(), "closed by the endpoint, no answer");
      }
    }
  }

  // the embedded endpoint -----------------------------------------------------------------------

  HttpResponse<String> post(int port, String path, Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(rb::header);
    return HttpClient.newHttpClient().send(rb.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEndpointAnswersWithTheStatusOfEachCheck() throws Exception {
    int port = intake.serve(new InetSocketAddress("127.0.0.1", 0)).getPort();
    String path = "/webhooks/submittals";
    byte[] b = event("evt-h", "approved");

    HttpResponse<String> accepted = post(port, path, signed(SECRET, b, TS, "h-1"), b);
    assertEquals(202, accepted.statusCode());
    assertTrue(accepted.body().contains("\"accepted\""), accepted.body());
    HttpResponse<String> dup = post(port, path, signed(SECRET, b, TS + 1, "h-2"), b);
    assertEquals(202, dup.statusCode());
    assertTrue(dup.body().contains("\"duplicate\""), dup.body());
    HttpResponse<String> replay = post(port, path, signed(SECRET, b, TS, "h-1"), b);
    assertEquals(409, replay.statusCode());
    assertTrue(replay.body().contains("replayed"), replay.body());

    HttpResponse<String> unsigned = post(port, path, Map.of("X-Timestamp", Long.toString(TS)), b);
    assertEquals(401, unsigned.statusCode());
    assertTrue(unsigned.body().contains("missing_signature"), unsigned.body());
    HttpResponse<String> forged = post(port, path, signed("another-secret-value", b, TS, "h-3"), b);
    assertEquals(401, forged.statusCode());
    assertTrue(forged.body().contains("bad_signature"));
    assertTrue(!forged.body().contains(SECRET));
    assertEquals(401, post(port, path, signed(SECRET, b, TS - 3600, "h-4"), b).statusCode());

    byte[] notJson = body("submittal=S-1");
    HttpResponse<String> malformed = post(port, path, signed(SECRET, notJson, TS, "h-5"), notJson);
    assertEquals(400, malformed.statusCode());
    assertTrue(malformed.body().contains("malformed"), malformed.body());

    byte[] huge = new byte[1024 * 1024 + 10];
    assertEquals(413, post(port, path, signed(SECRET, huge, TS, "h-6"), huge).statusCode());

    HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertEquals(1L, pending(), "only the valid event was stored");
  }

  @Test
  void theEndpointAsksForARetryWhenTheStoreIsDown() throws Exception {
    SyncStore closed = SyncStores.inMemory();
    closed.close();
    try (WebhookIntake i = WebhookIntake.builder(closed, verifier()).flow("submittals").path("/hooks/x").clock(clock)
        .build()) {
      int port = i.serve("127.0.0.1", 0);
      byte[] b = event("evt-d", "approved");
      HttpResponse<String> r = post(port, "/hooks/x", signed(SECRET, b, TS, "down-1"), b);
      assertEquals(503, r.statusCode());
      assertEquals("5", r.headers().firstValue("Retry-After").orElseThrow());
    }
  }

  @Test
  void builderValidation() {
    assertThrows(NullPointerException.class, () -> WebhookIntake.builder(store, verifier()).build());
    assertThrows(IllegalArgumentException.class, () -> WebhookIntake.builder(store, verifier()).flow("a b"));
    assertThrows(IllegalArgumentException.class, () -> WebhookIntake.builder(store, verifier()).path("x"));
    assertTrue(intake.toString().contains("submittals"));
    assertTrue(!intake.toString().contains(SECRET));
  }
}
