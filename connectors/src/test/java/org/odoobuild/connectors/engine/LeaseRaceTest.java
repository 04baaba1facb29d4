package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.connectors.engine.FakeSystems.Item;
import org.odoobuild.connectors.metrics.InMemorySyncMetrics;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.store.ClockedStores;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.testsupport.MutableClock;

/**
 * Engine A's sink is slow (it waits on a latch) while its lease runs out (the clock is moved, no
 * waiting); engine B claims the expired entries. B must not apply them while A is still applying,
 * and A's lost lease must not lose or repeat anything. On H2 and on PostgreSQL, where A and B
 * have their own connection pools.
 */
class LeaseRaceTest {
  static final Duration LEASE = Duration.ofMinutes(5);
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
  final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
  final InMemorySyncMetrics metricsA = new InMemorySyncMetrics();
  final ExecutorService pool = Executors.newSingleThreadExecutor();
  SyncStore storeA;
  SyncStore storeB;

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    storeA.close();
    if (storeB != storeA) {
      storeB.close();
    }
  }

  void open(String db) {
    if (db.equals("h2")) {
      storeA = ClockedStores.h2(clock);
      storeB = storeA;
    } else {
      String schema = ClockedStores.freshSchema("lease");
      storeA = ClockedStores.postgres(schema, clock);
      storeB = ClockedStores.postgres(schema, clock);
    }
  }

  SyncEngine engine(SyncStore store, String worker, CountDownLatch entered, CountDownLatch proceed,
      InMemorySyncMetrics metrics) {
    SyncEngine e = SyncEngine.builder().store(store).workerId(worker).clock(clock).lease(LEASE).metrics(metrics).build();
    e.register(Flow.builder("pushed", Item.class).batchSize(5).sink(batch -> {
      entered.countDown();
      if (!proceed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the sink proceed");
      }
      return batch.stream().map(r -> {
        applied.computeIfAbsent(r.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
        return SinkResult.applied(worker);
      }).toList();
    }).build());
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void anEngineWhoseLeaseRanOutWhileApplyingIsNotDoubledByTheEngineThatTakesTheEntriesOver(String db) throws Exception {
    open(db);
    CountDownLatch aEntered = new CountDownLatch(1);
    CountDownLatch aProceed = new CountDownLatch(1);
    SyncEngine a = engine(storeA, "engine-a", aEntered, aProceed, metricsA);
    SyncEngine b = engine(storeB, "engine-b", new CountDownLatch(1), new CountDownLatch(0), new InMemorySyncMetrics());
    for (int i = 0; i < 5; i++) {
      a.accept("pushed", FakeSystems.item(i, 1));
    }
    Future<RunReport> ra = pool.submit(() -> a.drain("pushed"));
    assertTrue(aEntered.await(60, TimeUnit.SECONDS), "engine A reached its sink");

    clock.advance(LEASE.plusMinutes(1)); // A's leases run out while its sink works
    RunReport rb = b.drain("pushed");
    assertEquals(5, rb.pulled(), "B claimed the expired entries");
    assertEquals(0, rb.applied(), "but did not apply what A is applying: " + rb.summary());
    assertTrue(applied.isEmpty());

    aProceed.countDown();
    RunReport aReport = ra.get(60, TimeUnit.SECONDS);
    assertEquals(5, aReport.applied(), aReport.summary());
    assertEquals(5, metricsA.count("sync.leases.lost"), "A noticed that its leases were gone");

    clock.advance(Duration.ofMinutes(2)); // B's give-back delay passes
    RunReport again = b.drain("pushed");
    assertEquals(5, again.duplicates(), "B finds them processed: " + again.summary());
    assertEquals(0, again.applied());
    assertEquals(5, applied.size());
    assertTrue(applied.values().stream().allMatch(n -> n.get() == 1), "each record applied once: " + applied);
    assertEquals(5L, storeA.outboxCounts("pushed").get(OutboxStatus.DONE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void leasesAreRenewedWhileTheSinkWorks(String db) throws Exception {
    open(db);
    CountDownLatch aEntered = new CountDownLatch(1);
    CountDownLatch aProceed = new CountDownLatch(1);
    SyncEngine a = engine(storeA, "engine-a", aEntered, aProceed, metricsA);
    SyncEngine b = engine(storeB, "engine-b", new CountDownLatch(1), new CountDownLatch(0), new InMemorySyncMetrics());
    for (int i = 0; i < 5; i++) {
      a.accept("pushed", FakeSystems.item(i, 1));
    }
    Future<RunReport> ra = pool.submit(() -> a.drain("pushed"));
    assertTrue(aEntered.await(60, TimeUnit.SECONDS));
    clock.advance(LEASE.multipliedBy(2).dividedBy(3));
    a.heartbeat(); // what A's heartbeat does every third of a lease
    clock.advance(LEASE.multipliedBy(2).dividedBy(3));
    RunReport rb = b.drain("pushed");
    assertEquals(0, rb.pulled(), "A's renewed leases keep B away");
    aProceed.countDown();
    assertEquals(5, ra.get(60, TimeUnit.SECONDS).applied());
    assertEquals(0, metricsA.count("sync.leases.lost"));
    assertEquals(List.of(1, 1, 1, 1, 1), applied.values().stream().map(AtomicInteger::get).toList());
  }
}
