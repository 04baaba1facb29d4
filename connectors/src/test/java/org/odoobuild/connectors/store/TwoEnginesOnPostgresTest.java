package org.odoobuild.connectors.store;

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
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;

/** Two engine instances (own connection pools, own worker ids) on one PostgreSQL drain one backlog without double work. */
class TwoEnginesOnPostgresTest {
  /** A pushed event. */
  public record Delivery(int n) {}

  @Test
  void twoEnginesShareTheBacklogAndApplyEachRecordOnce() throws Exception {
    String schema = PgSupport.freshSchema("engines");
    int n = 3000;
    Map<Integer, AtomicInteger> applied = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> byEngine = new ConcurrentHashMap<>();
    // each engine's first batch, once applied, waits until the other engine has applied one: both
    // work on the backlog at the same time whatever the scheduler does (each claims while the other
    // holds a batch), and neither can drain it all before the other started
    CountDownLatch aApplied = new CountDownLatch(1);
    CountDownLatch bApplied = new CountDownLatch(1);
    try (SyncStore a = PgSupport.open(schema); SyncStore b = PgSupport.open(schema)) {
      SyncEngine ea = engine(a, "engine-a", applied, byEngine, aApplied, bApplied);
      SyncEngine eb = engine(b, "engine-b", applied, byEngine, bApplied, aApplied);
      for (int i = 0; i < n; i++) {
        ea.accept("backlog", new SourceRecord<>(new RecordKey("portal", "D" + i, "1"), EventCatalog.DELIVERY_RECEIVED_ON_SITE,
            new Delivery(i), Instant.EPOCH.plusSeconds(i), i % 5 == 0 ? "po-" + (i % 40) : "", Map.of()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<RunReport> fa = pool.submit(() -> ea.drain("backlog"));
      Future<RunReport> fb = pool.submit(() -> eb.drain("backlog"));
      RunReport ra = fa.get(120, TimeUnit.SECONDS);
      RunReport rb = fb.get(120, TimeUnit.SECONDS);
      // entries held back by ordering keys while the other engine had their predecessor: drain while that finds any
      while (a.outboxCounts("backlog").get(OutboxStatus.DONE) < n && ea.drain("backlog").pulled() > 0) {
        // drained some more
      }
      pool.shutdown();
      assertEquals(n, applied.size(), "every record applied");
      assertTrue(applied.values().stream().allMatch(c -> c.get() == 1), "no record applied twice");
      assertTrue(byEngine.get("engine-a").get() > 0 && byEngine.get("engine-b").get() > 0,
          "both engines did work: " + byEngine);
      assertEquals(n, a.outboxCounts("backlog").get(OutboxStatus.DONE));
      System.out.printf("two engines: a applied %d, b applied %d (first drains %d + %d)%n", byEngine.get("engine-a").get(),
          byEngine.get("engine-b").get(), ra.applied(), rb.applied());
    }
  }

  static SyncEngine engine(SyncStore store, String worker, Map<Integer, AtomicInteger> applied,
      Map<String, AtomicInteger> byEngine, CountDownLatch mine, CountDownLatch other) {
    SyncEngine e = SyncEngine.builder().store(store).workerId(worker).lease(Duration.ofMinutes(2)).build();
    AtomicInteger batches = new AtomicInteger();
    e.register(Flow.builder("backlog", Delivery.class).batchSize(50).sink(batch -> {
      List<SinkResult> out = batch.stream().map(r -> {
        applied.computeIfAbsent(r.payload().n(), k -> new AtomicInteger()).incrementAndGet();
        byEngine.computeIfAbsent(worker, k -> new AtomicInteger()).incrementAndGet();
        return SinkResult.applied(worker);
      }).toList();
      if (batches.incrementAndGet() == 1) {
        mine.countDown();
        if (!other.await(60, TimeUnit.SECONDS)) { // a hang guard only
          throw new IllegalStateException("the other engine never applied a batch");
        }
      }
      return out;
    }).build());
    return e;
  }
}
