package org.odoobuild.adapters.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.sink.ReferenceVerifier;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.EmbeddedSyncStore;
import org.odoobuild.connectors.store.PostgresSyncStore;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.MutableClock;
import org.odoobuild.testsupport.TestPostgres;

/**
 * Two engines on one store, the first one's create sink slow (it waits on a latch before it
 * sends) while its leases run out (the clock is moved): the second claims the expired entries
 * but creates nothing while the first is still at work, and every record is created in Odoo
 * exactly once. On H2 and on PostgreSQL (two store instances, two connection pools).
 */
class LeaseRaceTest {
  static final int N = 20;
  static final Duration LEASE = Duration.ofMinutes(5);

  /** A pushed vendor. */
  public record Pushed(int n) {}

  SyncEngine engine(SyncStore store, MutableClock clock, OdooClient odoo, String worker, CountDownLatch entered,
      CountDownLatch proceed) {
    SyncEngine e = SyncEngine.builder().store(store).workerId(worker).clock(clock).lease(LEASE)
        .resilience(OdooFailures.resilience().build()).build();
    e.register(Flow.builder("pushed", Pushed.class).batchSize(N).sink(batch -> {
      entered.countDown();
      if (!proceed.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never let the sink proceed");
      }
      List<SinkResult> out = new ArrayList<>();
      for (SourceRecord<Pushed> r : batch) {
        long id = odoo.model("res.partner").create(Map.of("name", "Pushed " + r.payload().n(), "ref",
            "LR-" + r.payload().n()));
        out.add(SinkResult.applied("res.partner," + id));
      }
      return out;
    }).verifier(ReferenceVerifier.of(odoo, "res.partner", "ref", r -> "LR-" + r.payload().n())).build());
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aSlowEngineWhoseLeasesRanOutIsNotDoubledInOdoo(String db) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    SyncStore a;
    SyncStore b;
    if (db.equals("h2")) {
      a = EmbeddedSyncStore.inMemory(clock);
      b = a;
    } else {
      String url = schema(TestPostgres.get());
      a = PostgresSyncStore.open(url, TestPostgres.get().user(), TestPostgres.get().password(), 4, clock);
      b = PostgresSyncStore.open(url, TestPostgres.get().user(), TestPostgres.get().password(), 4, clock);
    }
    try (OdooEmulator server = OdooEmulator.builder().apiKey("lr-key").build().start()) {
      OdooClient odoo = OdooClient.builder().url(server.url().toString()).database("construction").apiKey("lr-key")
          .build();
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch proceed = new CountDownLatch(1);
      SyncEngine slow = engine(a, clock, odoo, "engine-a", entered, proceed);
      SyncEngine other = engine(b, clock, odoo, "engine-b", new CountDownLatch(1), new CountDownLatch(0));
      for (int i = 0; i < N; i++) {
        slow.accept("pushed", SourceRecord.of(new RecordKey("portal", "P" + i, "1"), EventCatalog.VENDOR_APPROVED,
            new Pushed(i), Instant.EPOCH.plusSeconds(i)));
      }
      Future<RunReport> first = pool.submit(() -> slow.drain("pushed"));
      assertTrue(entered.await(60, TimeUnit.SECONDS), "the slow engine reached its sink");
      clock.advance(LEASE.plusMinutes(1));

      RunReport meanwhile = other.drain("pushed");
      assertEquals(N, meanwhile.pulled(), "the other engine claimed the expired entries");
      assertEquals(0, meanwhile.applied(), meanwhile.summary());
      assertEquals(0, server.callCount("res.partner", "create"), "and created nothing");

      proceed.countDown();
      assertEquals(N, first.get(60, TimeUnit.SECONDS).applied());
      clock.advance(Duration.ofMinutes(2));
      RunReport after = other.drain("pushed");
      assertEquals(N, after.duplicates(), after.summary());

      Map<Object, Long> perRef = server.records("res.partner").stream()
          .filter(p -> String.valueOf(p.get("ref")).startsWith("LR-"))
          .collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
      assertEquals(N, perRef.size());
      assertTrue(perRef.values().stream().allMatch(c -> c == 1), "each record created once: " + perRef);
      assertEquals(N, server.callCount("res.partner", "create"), "one create per record");
    } finally {
      pool.shutdownNow();
      a.close();
      if (b != a) {
        b.close();
      }
    }
  }

  /** A new schema on the test PostgreSQL; its JDBC URL. */
  static String schema(TestPostgres pg) throws Exception {
    String schema = "lease_race_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return pg.jdbcUrl() + (pg.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
