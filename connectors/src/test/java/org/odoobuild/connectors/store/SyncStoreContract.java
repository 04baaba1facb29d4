package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SyncStore} must have; run against H2 and PostgreSQL. */
abstract class SyncStoreContract {
  SyncStore store;

  abstract SyncStore open();

  @BeforeEach
  void openStore() {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static OutboxEntry entry(String flow, String key, String orderingKey) {
    return new OutboxEntry(flow, key, orderingKey, "{\"k\":\"" + key + "\"}", Map.of("event_type", "t"),
        Instant.now().minusSeconds(1));
  }

  @Test
  void cursorAndKeysCommitTogether() {
    assertTrue(store.cursor("f").isEmpty());
    store.commit("f", "c1", Map.of("k1", "res.partner,1", "k2", "res.partner,2"));
    assertEquals("c1", store.cursor("f").orElseThrow());
    assertTrue(store.seen("k1"));
    assertEquals("res.partner,2", store.processedResult("k2").orElseThrow());
    store.commit("f", "c2", Map.of("k1", "again"));
    assertEquals("c2", store.cursor("f").orElseThrow());
    assertFalse(store.seen("k3"));
  }

  @Test
  void markProcessedIsAtomicUnderConcurrency() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger winners = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      fs.add(pool.submit(() -> {
        if (store.markProcessed("same-key", Thread.currentThread().getName())) {
          winners.incrementAndGet();
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertEquals(1, winners.get());
  }

  @Test
  void enqueueIsIdempotentAndOrderingKeysAreDeliveredOneAtATimeInOrder() {
    assertTrue(store.enqueue(entry("o", "a1", "PO-1")));
    assertFalse(store.enqueue(entry("o", "a1", "PO-1")));
    store.enqueue(entry("o", "a2", "PO-1"));
    store.enqueue(entry("o", "b1", "PO-2"));
    store.enqueue(entry("o", "x", ""));
    List<ClaimedEntry> first = store.claim("o", "w", 10, Duration.ofMinutes(1));
    assertEquals(List.of("a1", "b1", "x"), first.stream().map(ClaimedEntry::idempotencyKey).toList(),
        "only the head of each ordering key");
    assertTrue(store.claim("o", "w", 10, Duration.ofMinutes(1)).isEmpty(), "a2 waits for a1");
    store.complete(first.get(0).id(), "w");
    assertEquals(List.of("a2"), store.claim("o", "w", 10, Duration.ofMinutes(1)).stream()
        .map(ClaimedEntry::idempotencyKey).toList());
  }

  @Test
  void expiredLeasesAreReclaimedAndFailuresRetryLater() throws Exception {
    store.enqueue(entry("l", "k", ""));
    ClaimedEntry e = store.claim("l", "crashed-worker", 1, Duration.ofMillis(50)).get(0);
    assertTrue(store.claim("l", "w2", 1, Duration.ofMinutes(1)).isEmpty());
    Thread.sleep(120);
    ClaimedEntry again = store.claim("l", "w2", 1, Duration.ofMinutes(1)).get(0);
    assertEquals(e.id(), again.id());
    store.complete(e.id(), "crashed-worker"); // a stale worker cannot complete what it lost
    assertEquals(1L, store.outboxCounts("l").get("claimed"));
    store.fail(again.id(), "w2", "503", Instant.now().plusSeconds(3600));
    assertTrue(store.claim("l", "w2", 1, Duration.ofMinutes(1)).isEmpty(), "not before retryAt");
    assertEquals(1L, store.outboxCounts("l").get("pending"));
  }

  @Test
  void deadLettersKeepPayloadErrorAndAttemptsAndCanBeReplayedOrDiscarded() {
    store.enqueue(entry("d", "k1", ""));
    store.enqueue(entry("d", "k2", ""));
    List<ClaimedEntry> c = store.claim("d", "w", 10, Duration.ofMinutes(1));
    store.fail(c.get(0).id(), "w", "timeout", Instant.now().minusSeconds(1));
    ClaimedEntry retry = store.claim("d", "w", 10, Duration.ofMinutes(1)).stream()
        .filter(x -> x.idempotencyKey().equals("k1")).findFirst().orElseThrow();
    assertEquals(1, retry.attempts());
    store.deadLetter(retry.id(), "w", "OdooValidationException: Contacts require a name");
    store.deadLetter(c.get(1).id(), "w", "validation: name missing");
    List<DeadLetter> dls = store.deadLetters("d", 10);
    assertEquals(2, dls.size());
    DeadLetter first = dls.get(0);
    assertEquals("OdooValidationException", first.errorType());
    assertEquals(2, first.attempts());
    assertEquals("{\"k\":\"k1\"}", first.payload());
    store.replay(first.id());
    assertEquals(1, store.deadLetters("d", 10).size());
    assertEquals(1, store.claim("d", "w", 10, Duration.ofMinutes(1)).size());
    store.discard(dls.get(1).id(), "bad data, fixed at source");
    assertTrue(store.deadLetters("d", 10).isEmpty());
    assertTrue(store.audit(AuditQuery.entity("k2", 10)).stream().anyMatch(a -> a.action().equals("discarded")));
  }

  @Test
  void deadLetterOfARecordThatWasNeverInTheOutbox() {
    store.deadLetter(entry("p", "pulled-1", ""), "validation: qty negative");
    assertEquals(1, store.deadLetters("p", 10).size());
    assertEquals(1, store.replayAll("p"));
    assertEquals(1, store.claim("p", "w", 10, Duration.ofMinutes(1)).size());
  }

  @Test
  void auditAndPause() {
    store.append(new AuditEntry(Instant.now(), "engine", "applied", "bills", "vendor_bill_received", "k", "cid-1",
        "{\"amount\":\"10.00\"}", "{\"amount\":\"12.00\"}", "account.move,7"));
    List<AuditEntry> a = store.audit(AuditQuery.flow("bills", 10));
    assertEquals(1, a.size());
    assertEquals("{\"amount\":\"12.00\"}", a.get(0).after());
    assertFalse(store.paused("bills"));
    store.pause("bills");
    assertTrue(store.paused("bills"));
    store.resume("bills");
    assertFalse(store.paused("bills"));
  }
}
