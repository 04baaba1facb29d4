package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.testsupport.MutableClock;

/** The behaviour every {@link SyncStore} must have; run against H2 and PostgreSQL. */
abstract class SyncStoreContract {
  static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  MutableClock clock;
  JdbcSyncStore store;
  private final List<SyncStore> extra = new ArrayList<>();

  /** A fresh, empty store on its own database (or schema). */
  abstract JdbcSyncStore open(Clock clock);

  /** A second instance (own connection pool) on the database of the last {@link #open}. */
  abstract JdbcSyncStore openAgain(Clock clock);

  @BeforeEach
  void openStore() {
    clock = new MutableClock(T0);
    store = open(clock);
  }

  @AfterEach
  void closeStores() {
    extra.forEach(SyncStore::close);
    if (store != null) {
      store.close();
    }
  }

  JdbcSyncStore second(Clock c) {
    JdbcSyncStore s = openAgain(c);
    extra.add(s);
    return s;
  }

  OutboxEntry entry(String flow, String key, String orderingKey) {
    return new OutboxEntry(flow, key, orderingKey, "{\"k\":\"" + key + "\"}", Map.of("event_type", "t"),
        clock.instant());
  }

  static List<String> keys(List<ClaimedEntry> entries) {
    return entries.stream().map(ClaimedEntry::idempotencyKey).toList();
  }

  // locking, intents, liveness --------------------------------------------------------------------

  @Test
  void claimSkipsEntriesAnotherTransactionHoldsLockedInsteadOfWaitingForThem() throws Exception {
    for (int i = 0; i < 3; i++) {
      store.enqueue(entry("f", "k" + i, ""));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try (java.sql.Connection c = store.database().orElseThrow().getConnection()) {
      c.setAutoCommit(false);
      try (java.sql.PreparedStatement p = c.prepareStatement("SELECT id FROM sync_outbox WHERE idem_key = ? FOR UPDATE")) {
        p.setString(1, "k0");
        p.executeQuery().close();
      }
      // without SKIP LOCKED the claim waits for this transaction (PostgreSQL: for ever; H2: until its lock timeout fails it)
      java.util.concurrent.Future<List<ClaimedEntry>> f = pool.submit(() -> store.claim("f", "w", 10, Duration.ofMinutes(1)));
      assertEquals(List.of("k1", "k2"), keys(f.get(60, java.util.concurrent.TimeUnit.SECONDS)));
      c.rollback();
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of("k0"), keys(store.claim("f", "w2", 10, Duration.ofMinutes(1))));
  }

  @Test
  void deliveryIntentsGoToOneOwnerAndEndWithTheOutcome() {
    assertEquals(Map.of(), store.beginDelivery("run-a", List.of("f|k1", "f|k2")));
    assertEquals(Map.of(), store.beginDelivery("run-a", List.of("f|k1")), "an owner's own intent is kept");
    Map<String, DeliveryIntent> taken = store.beginDelivery("run-b", List.of("f|k1", "f|k3"));
    assertEquals(java.util.Set.of("f|k1"), taken.keySet());
    DeliveryIntent i = taken.get("f|k1");
    assertEquals("run-a", i.owner());
    assertEquals(DeliveryIntent.State.IN_FLIGHT, i.state());
    assertEquals(T0, i.since());

    assertTrue(store.takeOverDelivery(i, "run-b"));
    assertFalse(store.takeOverDelivery(i, "run-c"), "only one owner takes an intent over");
    store.deliveryOutcomeUnknown("run-b", List.of("f|k1"), "answer lost");
    store.deliveryOutcomeUnknown("run-a", List.of("f|k2", "f|k3"), "not its intent: ignored for k3");
    Map<String, DeliveryIntent> now = new java.util.TreeMap<>();
    store.deliveryIntents("f|", 10).forEach(d -> now.put(d.idempotencyKey(), d));
    assertEquals(java.util.Set.of("f|k1", "f|k2", "f|k3"), now.keySet());
    assertEquals(DeliveryIntent.State.UNKNOWN, now.get("f|k1").state());
    assertEquals("answer lost", now.get("f|k1").detail());
    assertEquals(DeliveryIntent.State.IN_FLIGHT, now.get("f|k3").state());
    assertEquals(List.of(), store.deliveryIntents("g|", 10), "by key prefix");

    store.markProcessed(Map.of("f|k1", "x,1"));
    store.endDelivery("run-b", List.of("f|k3"));
    store.endDelivery("run-b", List.of("f|k2")); // not run-b's: kept
    store.commit("f", "c", Map.of("f|k2", "x,2"));
    assertEquals(List.of(), store.deliveryIntents("f|", 10), "processing ends intents");
  }

  @Test
  void leasesAreRenewedOnlyForTheirHolderAndAReleaseCostsNoAttempt() {
    store.enqueue(entry("f", "k1", ""));
    store.enqueue(entry("f", "k2", ""));
    List<ClaimedEntry> c = store.claim("f", "w", 10, Duration.ofMinutes(1));
    List<Long> ids = c.stream().map(ClaimedEntry::id).toList();
    clock.advance(Duration.ofSeconds(50));
    assertEquals(java.util.Set.copyOf(ids), store.renew(ids, "w", Duration.ofMinutes(1)));
    assertEquals(java.util.Set.of(), store.renew(ids, "other", Duration.ofMinutes(1)));
    clock.advance(Duration.ofSeconds(50)); // 100 s after the claim, 50 s after the renewal
    assertEquals(List.of(), store.claim("f", "w2", 10, Duration.ofMinutes(1)), "renewed leases hold");
    store.renew(List.of(ids.get(1)), "w", Duration.ofMinutes(5));
    assertTrue(store.release(ids.get(0), "w", clock.instant().plusSeconds(30)));
    assertFalse(store.release(ids.get(0), "w", clock.instant()), "released already");
    clock.advance(Duration.ofSeconds(30));
    List<ClaimedEntry> again = store.claim("f", "w2", 10, Duration.ofMinutes(1));
    assertEquals(List.of("k1"), keys(again));
    assertEquals(0, again.get(0).attempts(), "a release is not a failed attempt");
    assertEquals(java.util.Set.of(ids.get(1)), store.renew(ids, "w", Duration.ofMinutes(1)));
  }

  @Test
  void aRunIsAliveUntilItsAnnouncementEndsSeenFromAnotherStoreInstance() {
    JdbcSyncStore other = second(clock);
    assertFalse(other.alive("run-x"));
    SyncStore.Liveness live = store.announce("run-x");
    assertTrue(store.alive("run-x"));
    assertTrue(other.alive("run-x"), "seen by another instance (own pool) on the same database");
    assertThrows(IllegalStateException.class, () -> store.announce("run-x"));
    live.close();
    live.close();
    assertFalse(store.alive("run-x"));
    assertFalse(other.alive("run-x"));
  }

  @Test
  void handledKeysAreTheProcessedAndTheQueuedOnes() {
    store.markProcessed(Map.of("f|a", "", "f|b", "r"));
    store.enqueue(entry("f", "f|c", ""));
    store.deadLetter(entry("f", "f|d", ""), "validation: bad");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      many.add("f|n" + i);
    }
    many.addAll(List.of("f|a", "f|b", "f|c", "f|d", "f|e"));
    assertEquals(java.util.Set.of("f|a", "f|b", "f|c", "f|d"), store.handled(many));
    assertEquals(0, store.markProcessed(Map.of("f|a", "again")), "first result wins");
    assertEquals("", store.processedResult("f|a").orElseThrow());
  }

  // cursors and keys ----------------------------------------------------------------------------

  @Test
  void cursorAndKeysCommitTogether() {
    assertTrue(store.cursor("f").isEmpty());
    store.commit("f", "c1", Map.of("k1", "res.partner,1", "k2", "res.partner,2"));
    assertEquals("c1", store.cursor("f").orElseThrow());
    assertTrue(store.seen("k1"));
    assertEquals("res.partner,2", store.processedResult("k2").orElseThrow());
    store.commit("f", "c2", Map.of("k1", "again"));
    assertEquals("c2", store.cursor("f").orElseThrow());
    assertEquals("res.partner,1", store.processedResult("k1").orElseThrow(), "the first result is kept");
    store.commit("f", "c3", List.of("k3", "k4"));
    assertEquals("", store.processedResult("k3").orElseThrow());
    store.saveCursor("f", "c4");
    assertEquals("c4", store.cursor("f").orElseThrow());
    assertTrue(store.cursor("other").isEmpty(), "cursors are per flow");
    assertFalse(store.seen("k5"));
    assertTrue(store.processedResult("k5").isEmpty());
  }

  @Test
  void aFailedCommitMovesNeitherCursorNorKeys() {
    store.commit("f", "c1", Map.of());
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("good-key", "r");
    keys.put("x".repeat(600), "r"); // longer than the key column: the batch fails after the first insert
    assertThrows(StoreException.class, () -> store.commit("f", "c2", keys));
    assertEquals("c1", store.cursor("f").orElseThrow(), "cursor unchanged");
    assertFalse(store.seen("good-key"), "no key of the failed batch recorded");
  }

  @Test
  void aBatchsAuditLinesAreWrittenWithItsKeysOrNotAtAll() {
    List<AuditEntry> lines = List.of(
        AuditEntry.of(T0, "w1", "applied").withEntity("f", "vendor", "f|a").withCorrelationId("run-9"),
        AuditEntry.of(T0, "w1", "applied").withEntity("f", "vendor", "f|b").withCorrelationId("run-9"));
    store.commit("f", "c1", Map.of("f|a", "x,1", "f|b", "x,2"), lines);
    assertEquals("c1", store.cursor("f").orElseThrow());
    assertTrue(store.seen("f|a") && store.seen("f|b"));
    assertEquals(lines, store.audit(AuditQuery.builder().correlationId("run-9").limit(10).build()));

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("f|c", "x,3");
    bad.put("x".repeat(600), "r"); // longer than the key column: the transaction fails
    List<AuditEntry> more = List.of(AuditEntry.of(T0, "w1", "applied").withEntity("f", "vendor", "f|c")
        .withCorrelationId("run-10"));
    assertThrows(StoreException.class, () -> store.commit("f", "c2", bad, more));
    assertThrows(StoreException.class, () -> store.markProcessed(bad, more));
    assertEquals("c1", store.cursor("f").orElseThrow(), "cursor unchanged");
    assertFalse(store.seen("f|c"), "no key of the failed batch");
    assertEquals(List.of(), store.audit(AuditQuery.builder().correlationId("run-10").limit(10).build()),
        "no audit line of the failed batch");

    assertEquals(1, store.markProcessed(Map.of("f|c", "x,3"), more));
    assertTrue(store.seen("f|c"));
    assertEquals(more, store.audit(AuditQuery.builder().correlationId("run-10").limit(10).build()));
    assertEquals(0, store.markProcessed(Map.of(), List.of()));
  }

  @Test
  void markProcessedIsAnAtomicInsertIfAbsentUnderConcurrency() throws Exception {
    JdbcSyncStore other = second(clock); // two pools: the race goes through the database, not one pool
    int threads = 12;
    int keys = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    Map<String, AtomicInteger> winners = new ConcurrentHashMap<>();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SyncStore s = t % 2 == 0 ? store : other;
      String me = "thread-" + t;
      fs.add(pool.submit(() -> {
        start.await();
        for (int k = 0; k < keys; k++) {
          if (s.markProcessed("key-" + k, me)) {
            winners.computeIfAbsent("key-" + k, x -> new AtomicInteger()).incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : fs) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(keys, winners.size(), "every key recorded");
    assertTrue(winners.values().stream().allMatch(w -> w.get() == 1), "exactly one winner per key: " + winners);
    assertFalse(store.markProcessed("key-0", "late"));
    assertTrue(store.processedResult("key-0").orElseThrow().startsWith("thread-"));
  }

  // outbox --------------------------------------------------------------------------------------

  @Test
  void enqueueIsIdempotentAndOrderingKeysAreDeliveredOneAtATimeInOrder() {
    assertTrue(store.enqueue(entry("o", "a1", "PO-1")));
    assertFalse(store.enqueue(entry("o", "a1", "PO-1")), "same key twice is a no-op");
    assertFalse(store.enqueue(entry("other-flow", "a1", "")), "keys are unique across flows");
    store.enqueue(entry("o", "a2", "PO-1"));
    store.enqueue(entry("o", "b1", "PO-2"));
    store.enqueue(entry("o", "x", ""));
    store.enqueue(entry("o", "y", ""));
    store.enqueue(entry("o", "a3", "PO-1"));
    assertEquals(6L, store.outboxCounts("o").get(OutboxStatus.PENDING));
    List<ClaimedEntry> first = store.claim("o", "w", 10, Duration.ofMinutes(1));
    assertEquals(List.of("a1", "b1", "x", "y"), keys(first), "only the head of each ordering key");
    assertEquals(Map.of("event_type", "t"), first.get(0).headers());
    assertEquals("{\"k\":\"a1\"}", first.get(0).payload());
    assertEquals("PO-1", first.get(0).orderingKey());
    assertTrue(store.claim("o", "w2", 10, Duration.ofMinutes(1)).isEmpty(), "a2 waits for a1");
    assertTrue(store.complete(first.get(0).id(), "w"));
    assertEquals(List.of("a2"), keys(store.claim("o", "w", 10, Duration.ofMinutes(1))));
    assertTrue(store.claim("o", "w", 10, Duration.ofMinutes(1)).isEmpty(), "a3 waits for a2");
    Map<OutboxStatus, Long> counts = store.outboxCounts("o");
    assertEquals(1L, counts.get(OutboxStatus.DONE));
    assertEquals(4L, counts.get(OutboxStatus.CLAIMED));
    assertEquals(1L, counts.get(OutboxStatus.PENDING));
    assertEquals(0L, counts.get(OutboxStatus.DEAD));
  }

  @Test
  void aFailedHeadKeepsItsSuccessorsWaitingAndADeadOneReleasesThem() {
    store.enqueue(entry("o", "h1", "PO-7"));
    store.enqueue(entry("o", "h2", "PO-7"));
    ClaimedEntry h1 = store.claim("o", "w", 10, Duration.ofMinutes(1)).get(0);
    assertTrue(store.fail(h1.id(), "w", "503: busy", clock.instant().plusSeconds(60)));
    assertTrue(store.claim("o", "w", 10, Duration.ofMinutes(1)).isEmpty(), "h1 not due, h2 must wait for it");
    clock.advance(Duration.ofSeconds(61));
    ClaimedEntry again = store.claim("o", "w", 10, Duration.ofMinutes(1)).get(0);
    assertEquals("h1", again.idempotencyKey());
    assertEquals(1, again.attempts());
    assertTrue(store.deadLetter(again.id(), "w", "validation: bad"));
    assertEquals(List.of("h2"), keys(store.claim("o", "w", 10, Duration.ofMinutes(1))));
  }

  @Test
  void notDueEntriesWait() {
    store.enqueue(entry("o", "later", "").availableAt(clock.instant().plusSeconds(30)));
    assertTrue(store.claim("o", "w", 10, Duration.ofMinutes(1)).isEmpty());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(1, store.claim("o", "w", 10, Duration.ofMinutes(1)).size());
  }

  @Test
  void concurrentWorkersRespectOrderingKeys() throws Exception {
    int perKey = 40;
    List<String> orderingKeys = List.of("PO-1", "PO-2", "PO-3");
    for (int i = 0; i < perKey; i++) {
      for (String k : orderingKeys) {
        store.enqueue(new OutboxEntry("ord", k + "#" + i, k, Integer.toString(i), Map.of(), clock.instant()));
      }
    }
    JdbcSyncStore other = second(clock);
    Map<String, List<Integer>> delivered = new ConcurrentHashMap<>();
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      SyncStore s = w % 2 == 0 ? store : other;
      String worker = "w" + w;
      fs.add(pool.submit(() -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (s.outboxCounts("ord").get(OutboxStatus.DONE) < perKey * orderingKeys.size()
            && System.nanoTime() < deadline) {
          for (ClaimedEntry e : s.claim("ord", worker, 5, Duration.ofMinutes(5))) {
            if (!inFlight.add(e.orderingKey())) {
              overlaps.incrementAndGet();
            }
            delivered.computeIfAbsent(e.orderingKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(Integer.parseInt(e.payload()));
            Thread.yield();
            inFlight.remove(e.orderingKey());
            s.complete(e.id(), worker);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get(90, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(0, overlaps.get(), "two entries of one ordering key were in flight at once");
    for (String k : orderingKeys) {
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < perKey; i++) {
        expected.add(i);
      }
      assertEquals(expected, delivered.get(k), "delivery order of " + k);
    }
  }

  @Test
  void expiredLeasesAreReclaimedAndAStaleWorkerCannotFinish() {
    store.enqueue(entry("l", "k", ""));
    ClaimedEntry e = store.claim("l", "crashed-worker", 1, Duration.ofSeconds(30)).get(0);
    assertEquals(clock.instant().plusSeconds(30), e.leaseUntil());
    assertTrue(store.claim("l", "w2", 1, Duration.ofMinutes(1)).isEmpty(), "leased");
    clock.advance(Duration.ofSeconds(31));
    ClaimedEntry again = store.claim("l", "w2", 1, Duration.ofMinutes(1)).get(0);
    assertEquals(e.id(), again.id());
    assertEquals(0, again.attempts(), "an expired lease is not a failed attempt");
    assertFalse(store.complete(e.id(), "crashed-worker"), "the stale worker lost the entry");
    assertFalse(store.fail(e.id(), "crashed-worker", "x", clock.instant()));
    assertFalse(store.deadLetter(e.id(), "crashed-worker", "x"));
    assertEquals(1L, store.outboxCounts("l").get(OutboxStatus.CLAIMED));
    assertTrue(store.fail(again.id(), "w2", "OdooServerError: 503", clock.instant().plusSeconds(3600)));
    assertTrue(store.claim("l", "w2", 1, Duration.ofMinutes(1)).isEmpty(), "not before retryAt");
    assertEquals(1L, store.outboxCounts("l").get(OutboxStatus.PENDING));
    assertFalse(store.complete(again.id(), "w2"), "no longer claimed");
  }

  @Test
  void aStoreOnTheSameDatabaseReclaimsACrashedInstancesWork() {
    store.enqueue(entry("l", "k1", ""));
    store.enqueue(entry("l", "k2", ""));
    assertEquals(2, store.claim("l", "instance-a", 10, Duration.ofSeconds(10)).size());
    store.close(); // instance A "crashes" holding two leases
    JdbcSyncStore b = second(clock);
    store = null;
    assertTrue(b.claim("l", "instance-b", 10, Duration.ofSeconds(10)).isEmpty());
    clock.advance(Duration.ofSeconds(11));
    List<ClaimedEntry> back = b.claim("l", "instance-b", 10, Duration.ofSeconds(10));
    assertEquals(List.of("k1", "k2"), keys(back));
    back.forEach(e -> assertTrue(b.complete(e.id(), "instance-b")));
    assertEquals(2L, b.outboxCounts("l").get(OutboxStatus.DONE));
  }

  @Test
  void concurrentClaimersOnOneStoreDeliverEachEntryOnce() throws Exception {
    int n = 1500;
    for (int i = 0; i < n; i++) {
      store.enqueue(entry("many", "m" + i, i % 7 == 0 ? "P" + (i % 5) : ""));
    }
    Map<String, Integer> deliveries = drain(List.of(store, store, store, store), "many", 50);
    assertEquals(n, deliveries.size());
    assertTrue(deliveries.values().stream().allMatch(c -> c == 1), "no entry delivered twice");
    assertEquals((long) n, store.outboxCounts("many").get(OutboxStatus.DONE));
  }

  /** Drains a flow with one worker per store; returns deliveries per idempotency key. */
  static Map<String, Integer> drain(List<? extends SyncStore> stores, String flow, int batch) throws Exception {
    Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger doubleClaims = new AtomicInteger();
    AtomicInteger lostCompletions = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(stores.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < stores.size(); w++) {
      SyncStore s = stores.get(w);
      String worker = "worker-" + w;
      fs.add(pool.submit(() -> {
        start.await();
        int idle = 0;
        while (idle < 3) {
          List<ClaimedEntry> got = s.claim(flow, worker, batch, Duration.ofMinutes(5));
          if (got.isEmpty()) {
            idle++;
            Thread.sleep(20);
            continue;
          }
          idle = 0;
          for (ClaimedEntry e : got) {
            if (!inFlight.add(e.id())) {
              doubleClaims.incrementAndGet();
            }
            deliveries.merge(e.idempotencyKey(), 1, Integer::sum);
            inFlight.remove(e.id());
            if (!s.complete(e.id(), worker)) {
              lostCompletions.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : fs) {
      f.get(240, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(0, doubleClaims.get(), "an entry was claimed by two workers at once");
    assertEquals(0, lostCompletions.get(), "a worker could not complete what it claimed");
    return deliveries;
  }

  // dead letters --------------------------------------------------------------------------------

  @Test
  void deadLettersKeepPayloadErrorAndAttemptsAndCanBeReplayedOrDiscarded() {
    store.enqueue(entry("d", "k1", "PO-1"));
    store.enqueue(entry("d", "k2", ""));
    List<ClaimedEntry> c = store.claim("d", "w", 10, Duration.ofMinutes(1));
    Instant firstFailure = clock.instant();
    store.fail(c.get(0).id(), "w", "timeout: read timed out", clock.instant());
    clock.advance(Duration.ofSeconds(5));
    ClaimedEntry retry = store.claim("d", "w", 10, Duration.ofMinutes(1)).stream()
        .filter(x -> x.idempotencyKey().equals("k1")).findFirst().orElseThrow();
    assertEquals(1, retry.attempts());
    assertTrue(store.deadLetter(retry.id(), "w", "OdooValidationException: Contacts require a name"));
    assertTrue(store.deadLetter(c.get(1).id(), "w", "validation", "name missing"));
    List<DeadLetter> dls = store.deadLetters("d", 10);
    assertEquals(2, dls.size());
    DeadLetter first = dls.get(0);
    assertEquals("k1", first.idempotencyKey());
    assertEquals("PO-1", first.orderingKey());
    assertEquals("OdooValidationException", first.errorType());
    assertEquals("OdooValidationException: Contacts require a name", first.errorMessage());
    assertEquals(2, first.attempts());
    assertEquals(firstFailure, first.firstFailureAt());
    assertEquals(clock.instant(), first.lastFailureAt());
    assertEquals("{\"k\":\"k1\"}", first.payload());
    assertEquals(Map.of("event_type", "t"), first.headers());
    assertEquals(first, store.deadLetter(first.id()).orElseThrow());
    assertEquals("validation", dls.get(1).errorType());
    assertEquals("name missing", dls.get(1).errorMessage());
    assertEquals(2L, store.outboxCounts("d").get(OutboxStatus.DEAD));

    assertTrue(store.replay(first.id()));
    assertFalse(store.replay(first.id()), "no longer a dead letter");
    assertTrue(store.deadLetter(first.id()).isEmpty());
    assertEquals(1, store.deadLetters("d", 10).size());
    ClaimedEntry replayed = store.claim("d", "w", 10, Duration.ofMinutes(1)).get(0);
    assertEquals("k1", replayed.idempotencyKey());
    assertEquals(2, replayed.attempts(), "attempt history kept");
    store.deadLetter(replayed.id(), "w", "OdooValidationException: still no name");
    DeadLetter again = store.deadLetter(replayed.id()).orElseThrow();
    assertEquals(3, again.attempts());
    assertEquals(firstFailure, again.firstFailureAt(), "first failure kept across replays");

    assertTrue(store.discard(dls.get(1).id(), "bad data, fixed at source"));
    assertFalse(store.discard(dls.get(1).id(), "twice"));
    assertEquals(1L, store.outboxCounts("d").get(OutboxStatus.DISCARDED));
    assertEquals(List.of("k1"), store.deadLetters("d", 10).stream().map(DeadLetter::idempotencyKey).toList());
    List<AuditEntry> k2 = store.audit(AuditQuery.entity("k2", 10));
    assertEquals(1, k2.size());
    assertEquals("discarded", k2.get(0).action());
    assertTrue(k2.get(0).detail().contains("bad data, fixed at source"), k2.get(0).detail());
    assertEquals("t", k2.get(0).entityType());
    assertEquals(List.of("replayed"), store.audit(AuditQuery.entity("k1", 10)).stream().map(AuditEntry::action)
        .toList());
    assertFalse(store.replay(987_654L));
    assertTrue(store.deadLetter(987_654L).isEmpty());
  }

  @Test
  void replayAllPutsEveryDeadLetterOfAFlowBack() {
    for (String k : List.of("r1", "r2", "r3")) {
      store.enqueue(entry("ra", k, ""));
    }
    store.enqueue(entry("rb", "other", ""));
    for (ClaimedEntry e : store.claim("ra", "w", 10, Duration.ofMinutes(1))) {
      store.deadLetter(e.id(), "w", "refused: no");
    }
    store.deadLetter(store.claim("rb", "w", 10, Duration.ofMinutes(1)).get(0).id(), "w", "refused: no");
    assertEquals(3, store.replayAll("ra"));
    assertEquals(0, store.replayAll("ra"));
    assertEquals(3L, store.outboxCounts("ra").get(OutboxStatus.PENDING));
    assertEquals(1, store.deadLetters("rb", 10).size(), "other flows untouched");
    assertEquals(3, store.audit(AuditQuery.builder().flow("ra").action("replayed").build()).size());
  }

  @Test
  void deadLetterOfARecordThatWasNeverInTheOutbox() {
    store.deadLetter(entry("p", "pulled-1", ""), "validation: qty negative");
    DeadLetter dl = store.deadLetters("p", 10).get(0);
    assertEquals("validation", dl.errorType());
    assertEquals(1, dl.attempts());
    assertEquals(1, store.replayAll("p"));
    assertEquals(1, store.claim("p", "w", 10, Duration.ofMinutes(1)).size());
  }

  @Test
  void deadLettersComeInKeysetPagesFilteredByFlowErrorTypeAndOwner() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String flow = i % 2 == 0 ? "pa" : "pb";
      store.deadLetter(entry(flow, "pk" + i, ""), (i < 5 ? "validation" : "refused") + ": bad " + i);
    }
    store.enqueue(entry("pa", "alive", ""));
    List<DeadLetter> all = store.deadLetters(DeadLetterQuery.builder().limit(1000).build());
    assertEquals(7, all.size());
    all.forEach(d -> ids.add(d.id()));
    assertEquals(ids.stream().sorted().toList(), ids, "id order");
    List<DeadLetter> page1 = store.deadLetters(DeadLetterQuery.builder().limit(3).build());
    List<DeadLetter> page2 = store.deadLetters(DeadLetterQuery.builder().afterId(page1.get(2).id()).limit(3).build());
    List<DeadLetter> page3 = store.deadLetters(DeadLetterQuery.builder().afterId(page2.get(2).id()).limit(3).build());
    assertEquals(List.of("pk0", "pk1", "pk2"), page1.stream().map(DeadLetter::idempotencyKey).toList());
    assertEquals(List.of("pk3", "pk4", "pk5"), page2.stream().map(DeadLetter::idempotencyKey).toList());
    assertEquals(List.of("pk6"), page3.stream().map(DeadLetter::idempotencyKey).toList());
    assertEquals(List.of("pk0", "pk2", "pk4", "pk6"), store.deadLetters(DeadLetterQuery.builder().flow("pa").build())
        .stream().map(DeadLetter::idempotencyKey).toList());
    assertEquals(List.of("pk5", "pk6"), store.deadLetters(DeadLetterQuery.builder().errorType("refused").build())
        .stream().map(DeadLetter::idempotencyKey).toList());
    assertEquals("", all.get(0).owner(), "nobody owns a new dead letter");

    clock.advance(Duration.ofMinutes(1));
    assertEquals(2, store.route(List.of(ids.get(1), ids.get(3), 987_654L), "ap-team", "alice"));
    assertEquals(0, store.route(List.of(ids.get(1)), "ap-team", "alice"), "already routed there");
    assertEquals(List.of("pk1", "pk3"), store.deadLetters(DeadLetterQuery.builder().owner("ap-team").build())
        .stream().map(DeadLetter::idempotencyKey).toList());
    assertEquals(5, store.deadLetters(DeadLetterQuery.builder().owner("").build()).size());
    assertEquals("ap-team", store.deadLetter(ids.get(1)).orElseThrow().owner());
    List<AuditEntry> routed = store.audit(AuditQuery.entity("pk1", 10));
    assertEquals(1, routed.size());
    assertEquals("routed", routed.get(0).action());
    assertEquals("alice", routed.get(0).actor());
    assertEquals("to ap-team", routed.get(0).detail());
    assertEquals(1, store.route(List.of(ids.get(1)), "buyers", "bob"));
    assertEquals("to buyers (was ap-team)", store.audit(AuditQuery.entity("pk1", 10)).get(1).detail());

    assertTrue(store.replay(ids.get(0), "carol"));
    AuditEntry replayed = store.audit(AuditQuery.entity("pk0", 10)).get(0);
    assertEquals("replayed", replayed.action());
    assertEquals("carol", replayed.actor());
    assertThrows(IllegalArgumentException.class, () -> DeadLetterQuery.builder().limit(0).build());
    assertThrows(IllegalArgumentException.class, () -> DeadLetterQuery.builder().limit(1001).build());
    assertThrows(IllegalArgumentException.class, () -> DeadLetterQuery.builder().afterId(-1).build());
  }

  @Test
  void oldestDueTellsHowFarBehindTheOutboxIs() {
    assertTrue(store.oldestDue("lag").isEmpty());
    store.enqueue(entry("lag", "l1", ""));
    clock.advance(Duration.ofMinutes(3));
    store.enqueue(entry("lag", "l2", ""));
    assertEquals(T0, store.oldestDue("lag").orElseThrow());
    List<ClaimedEntry> c = store.claim("lag", "w", 1, Duration.ofMinutes(1));
    store.complete(c.get(0).id(), "w");
    assertEquals(T0.plus(Duration.ofMinutes(3)), store.oldestDue("lag").orElseThrow());
    assertTrue(store.oldestDue("other").isEmpty());
  }

  @Test
  void runHistoryIsNewestFirstPerFlowAndKeptThirtyDays() {
    store.recordRun(new RunRecord("rh", "w1", T0, Duration.ofSeconds(2), 10, 8, 1, 1, 0, true));
    store.recordRun(new RunRecord("rh", "w2", T0.plusSeconds(60), Duration.ofMillis(500), 4, 4, 0, 0, 0, false));
    store.recordRun(new RunRecord("other", "w1", T0.plusSeconds(30), Duration.ZERO, 0, 0, 0, 0, 0, true));
    List<RunRecord> runs = store.runs("rh", 10);
    assertEquals(2, runs.size());
    assertEquals("w2", runs.get(0).worker());
    assertEquals(new RunRecord("rh", "w1", T0, Duration.ofSeconds(2), 10, 8, 1, 1, 0, true), runs.get(1));
    assertEquals(8.0, runs.get(0).appliedPerSecond());
    assertEquals(1, store.runs("rh", 1).size());
    store.recordRun(new RunRecord("rh", "w1", T0.plus(Duration.ofDays(31)), Duration.ofSeconds(1), 0, 0, 0, 0, 0, true));
    assertEquals(1, store.runs("rh", 10).size(), "runs older than 30 days dropped");
    assertEquals(1, store.runs("other", 10).size(), "other flows untouched");
  }

  @Test
  void purgeDeletesOnlyOldDeliveredEntries() {
    store.enqueue(entry("pg", "done-1", ""));
    store.enqueue(entry("pg", "dead-1", ""));
    List<ClaimedEntry> c = store.claim("pg", "w", 10, Duration.ofMinutes(1));
    store.complete(c.get(0).id(), "w");
    store.deadLetter(c.get(1).id(), "w", "x: y");
    clock.advance(Duration.ofDays(8));
    assertEquals(1, store.purgeDelivered("pg", clock.instant().minus(Duration.ofDays(7))));
    assertEquals(0L, store.outboxCounts("pg").get(OutboxStatus.DONE));
    assertEquals(1L, store.outboxCounts("pg").get(OutboxStatus.DEAD));
  }

  // audit and flow control ----------------------------------------------------------------------

  @Test
  void auditLinesAreKeptInOrderAndFiltered() {
    store.append(new AuditEntry(T0, "engine", "applied", "bills", "vendor_bill_received", "bill-1", "cid-1",
        "{\"amount\":\"10.00\"}", "{\"amount\":\"12.00\"}", "account.move,7"));
    store.append(AuditEntry.of(T0.plusSeconds(60), "engine", "dead_lettered")
        .withEntity("bills", "vendor_bill_received", "bill-2").withCorrelationId("cid-2").withDetail("no vendor"));
    store.append(AuditEntry.of(T0.plusSeconds(120), "alice", "applied").withEntity("pos", "po_approved", "po-1")
        .withChange("{\"total\":\"1\"}", "{\"total\":\"2\"}"));
    List<AuditEntry> bills = store.audit(AuditQuery.flow("bills", 10));
    assertEquals(2, bills.size());
    assertEquals("{\"amount\":\"10.00\"}", bills.get(0).before());
    assertEquals("{\"amount\":\"12.00\"}", bills.get(0).after());
    assertEquals(T0, bills.get(0).at());
    assertEquals("cid-1", bills.get(0).correlationId());
    assertEquals("", bills.get(1).before());
    assertEquals(3, store.audit(AuditQuery.all(10)).size());
    assertEquals(2, store.audit(AuditQuery.all(2)).size());
    assertEquals(List.of("bill-2"), store.audit(AuditQuery.builder().correlationId("cid-2").build()).stream()
        .map(AuditEntry::entityKey).toList());
    assertEquals(2, store.audit(AuditQuery.builder().action("applied").build()).size());
    assertEquals(1, store.audit(AuditQuery.builder().entityType("po_approved").build()).size());
    assertEquals(List.of("bill-2", "po-1"), store.audit(AuditQuery.builder().since(T0.plusSeconds(60)).build())
        .stream().map(AuditEntry::entityKey).toList());
    assertEquals(List.of("bill-1"), store.audit(AuditQuery.builder().until(T0.plusSeconds(60)).build())
        .stream().map(AuditEntry::entityKey).toList());
  }

  @Test
  void aBatchOfAuditLinesIsAppendedInOrder() {
    List<AuditEntry> lines = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      lines.add(AuditEntry.of(T0.plusMillis(i), "site-app:" + i, "applied").withEntity("vendors", "vendor_approved",
          "k" + i).withCorrelationId("run-1").withChange("", i % 2 == 0 ? "{\"n\":" + i + "}" : "")
          .withDetail("res.partner," + i));
    }
    store.append(lines);
    assertEquals(lines, store.audit(AuditQuery.builder().correlationId("run-1").limit(1000).build()));
    store.append(List.of());
    store.append(List.of(AuditEntry.of(T0, "a".repeat(300), "applied").withEntity("f", "t", "long")));
    assertEquals("a".repeat(256), store.audit(AuditQuery.entity("long", 1)).get(0).actor(),
        "cut to the column, as one by one");
    assertEquals(701, store.audit(AuditQuery.all(1000)).size());
  }

  @Test
  void seenAndCompleteForManyAtOnce() {
    store.markProcessed(Map.of("f|a", "", "f|b", "r"));
    store.enqueue(entry("f", "f|c", ""));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      many.add("f|n" + i);
    }
    many.addAll(List.of("f|a", "f|b", "f|c"));
    assertEquals(Set.of("f|a", "f|b"), store.seen(many), "processed only, not queued");
    assertEquals(Set.of(), store.seen(List.of()));
    for (int i = 0; i < 3; i++) {
      store.enqueue(entry("g", "g|" + i, ""));
    }
    List<ClaimedEntry> held = store.claim("g", "w1", 2, Duration.ofSeconds(30));
    assertEquals(2, held.size());
    clock.advance(Duration.ofSeconds(31));
    ClaimedEntry lost = store.claim("g", "w2", 1, Duration.ofMinutes(1)).get(0);
    assertEquals(held.get(0).id(), lost.id(), "w2 took over w1's first entry after its lease ran out");
    List<Long> ids = new ArrayList<>(keysOf(held));
    ids.add(999_999L);
    assertEquals(Set.of(held.get(1).id()), store.complete(ids, "w1"), "only what w1 still held");
    assertEquals(Set.of(), store.complete(List.of(), "w1"));
    assertEquals(1L, store.outboxCounts("g").get(OutboxStatus.DONE));
    assertEquals(Set.of(lost.id()), store.complete(List.of(lost.id()), "w2"));
  }

  private static List<Long> keysOf(List<ClaimedEntry> entries) {
    return entries.stream().map(ClaimedEntry::id).toList();
  }

  @Test
  void theAuditTableRejectsUpdateAndDelete() throws Exception {
    store.append(AuditEntry.of(T0, "engine", "applied").withEntity("f", "t", "k").withDetail("original"));
    try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement()) {
      SQLException upd = assertThrows(SQLException.class,
          () -> s.executeUpdate("UPDATE sync_audit SET detail = 'tampered'"));
      assertTrue(upd.getMessage().contains("append-only"), upd.getMessage());
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      SQLException del = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM sync_audit"));
      assertTrue(del.getMessage().contains("append-only"), del.getMessage());
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
    assertEquals("original", store.audit(AuditQuery.entity("k", 10)).get(0).detail());
  }

  @Test
  void pauseAndResumeAreDurableAndAudited() {
    assertFalse(store.paused("bills"));
    store.resume("bills"); // resuming a running flow changes nothing
    store.pause("bills");
    store.pause("bills");
    assertTrue(store.paused("bills"));
    assertFalse(store.paused("other"));
    assertTrue(second(clock).paused("bills"), "visible to every instance");
    store.resume("bills");
    assertFalse(store.paused("bills"));
    assertEquals(List.of("paused", "resumed"), store.audit(AuditQuery.flow("bills", 10)).stream()
        .map(AuditEntry::action).toList());
  }

  @Test
  void pauseAndResumeNameTheActorAndAuditCanBeReadNewestFirst() {
    store.pause("pr", "dana");
    store.resume("pr", "erin");
    store.pause("pr");
    List<AuditEntry> lines = store.audit(AuditQuery.builder().flow("pr").build());
    assertEquals(List.of("dana", "erin", "operator"), lines.stream().map(AuditEntry::actor).toList());
    assertEquals(List.of("paused", "resumed"), store.audit(AuditQuery.builder().flow("pr").newestFirst().limit(2)
        .build()).stream().map(AuditEntry::action).toList());
  }

  // schema and arguments ------------------------------------------------------------------------

  @Test
  void openingAgainKeepsDataAndTheSchemaVersion() {
    store.saveCursor("f", "c9");
    store.append(AuditEntry.of(T0, "a", "applied"));
    assertEquals(JdbcSyncStore.SCHEMA_VERSION, store.schemaVersion());
    JdbcSyncStore again = second(clock);
    assertEquals(JdbcSyncStore.SCHEMA_VERSION, again.schemaVersion());
    assertEquals("c9", again.cursor("f").orElseThrow());
    assertEquals(1, again.audit(AuditQuery.all(10)).size());
  }

  @Test
  void aVersionOneStoreIsUpgradedKeepingItsDeadLetters() throws Exception {
    store.deadLetter(entry("up", "old-1", ""), "validation: x");
    try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement()) {
      // back to what version 1 created
      s.executeUpdate("DROP TABLE sync_run");
      s.executeUpdate("DROP INDEX sync_outbox_status_id");
      s.executeUpdate("DROP INDEX sync_outbox_flow_status_id");
      s.executeUpdate("ALTER TABLE sync_outbox DROP COLUMN dl_owner");
      s.executeUpdate("DROP TABLE sync_intent");
      s.executeUpdate("DELETE FROM sync_schema_version WHERE version >= 2");
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    JdbcSyncStore again = second(clock);
    assertEquals(JdbcSyncStore.SCHEMA_VERSION, again.schemaVersion());
    DeadLetter old = again.deadLetters(DeadLetterQuery.builder().flow("up").build()).get(0);
    assertEquals("old-1", old.idempotencyKey());
    assertEquals("", old.owner());
    assertEquals(1, again.route(List.of(old.id()), "ops", "alice"));
    again.recordRun(new RunRecord("up", "w", T0, Duration.ZERO, 0, 0, 0, 0, 0, true));
    assertEquals(1, again.runs("up", 5).size());
    assertEquals(Map.of(), again.beginDelivery("run", List.of("up|k")), "version 3: delivery intents");
  }

  @Test
  void aNewerSchemaIsRefused() throws Exception {
    try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO sync_schema_version (version, applied_at) VALUES (99, 0)");
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    StoreException e = assertThrows(StoreException.class, () -> second(clock));
    assertTrue(e.getMessage().contains("99"), e.getMessage());
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();
    store.close(); // twice is fine
    StoreException e = assertThrows(StoreException.class, () -> store.cursor("f"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(StoreException.class, () -> store.enqueue(entry("f", "k", "")));
    store = null;
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(NullPointerException.class, () -> store.cursor(null));
    assertThrows(IllegalArgumentException.class, () -> store.cursor(""));
    assertThrows(NullPointerException.class, () -> store.markProcessed("k", null));
    assertThrows(IllegalArgumentException.class, () -> store.claim("f", "w", 0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> store.claim("f", "w", 1, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new OutboxEntry("f", "", "", "{}", Map.of(), T0));
    assertThrows(IllegalArgumentException.class, () -> AuditQuery.all(0));
  }
}
