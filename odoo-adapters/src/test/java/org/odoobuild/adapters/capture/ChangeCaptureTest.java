package org.odoobuild.adapters.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.PayloadCodec;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.MutableClock;

/**
 * Change capture against the emulator: 10,000 partners written in the same second, writes
 * during the scan, a restart mid-scan, archivals and hard deletes: every change reaches the
 * subscriber exactly once.
 */
class ChangeCaptureTest {
  static final int N = 10_000;
  @TempDir Path dir;

  static final Instant T0 = Instant.parse("2026-11-22T12:20:50Z");

  /** What the subscriber received, by change key. */
  final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
  final Map<Long, OdooChange> lastById = new ConcurrentHashMap<>();

  SyncEngine engine(SyncStore store, OdooClient odoo, JdbcDataSource snapshotsDb, int pauseAfterBatches) {
    SnapshotStore snapshots = new JdbcSnapshotStore(snapshotsDb);
    OdooChangeSource source = OdooChangeSource.builder(odoo, "res.partner").fields("name", "ref")
        .scope(Domain.where("ref", "=like", "CDC-%")).snapshots(snapshots).deletionCheckEvery(Duration.ZERO).build();
    SyncEngine e = SyncEngine.builder().store(store).workerId("cdc").build();
    PayloadCodec<OdooChange> codec = OdooChange.codec();
    e.register(Flow.builder("partner-events", codec).sink(batch -> {
      List<SinkResult> out = new ArrayList<>();
      for (var r : batch) {
        OdooChange c = r.payload();
        deliveries.computeIfAbsent(c.id() + "@" + c.writeDate() + "/" + c.kind(), k -> new AtomicInteger()).incrementAndGet();
        lastById.merge(c.id(), c, (a, b) -> b.writeDate().isBefore(a.writeDate()) ? a : b);
        out.add(SinkResult.applied("portal"));
      }
      return out;
    }).build());
    AtomicInteger batches = new AtomicInteger();
    ChangeEventSink events = new ChangeEventSink(snapshots,
        List.of(new EventRule("res.partner", EventCatalog.MASTER_DATA_CHANGED, c -> true)),
        ev -> e.accept("partner-events", ev));
    e.register(Flow.builder("partner-capture", codec).source(source).batchSize(500).sink(batch -> {
      List<SinkResult> r = events.apply(batch);
      if (pauseAfterBatches > 0 && batches.incrementAndGet() == pauseAfterBatches) {
        store.pause("partner-capture"); // stop mid-scan, as a crash or a deploy would
      }
      return r;
    }).build());
    return e;
  }

  @Test
  void everyChangeIsEmittedExactlyOnceAcrossRestartsConcurrentWritesArchivalsAndDeletes() throws Exception {
    MutableClock clock = new MutableClock(T0); // the emulator stamps write_date with it
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("cdc-key").clock(clock).build().start();
        SyncStore store = SyncStores.embedded(dir.resolve("store"))) {
      for (int i = 0; i < N; i++) {
        odooServer.seed("res.partner", Map.of("name", "CDC Partner " + i, "ref", "CDC-" + i));
      }
      JdbcDataSource snapshotsDb = new JdbcDataSource();
      snapshotsDb.setURL("jdbc:h2:file:" + dir.resolve("snapshots").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
      OdooClient odoo = OdooClient.builder().url(odooServer.url().toString()).database("construction").apiKey("cdc-key")
          .protocol(Protocol.JSON2).build();

      // first engine: stops after 6 batches (3,000 rows), while a writer changes rows on both sides of the scan position
      SyncEngine first = engine(store, odoo, snapshotsDb, 6);
      Thread writer = new Thread(() -> {
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < N; i += 250) {
          odoo.model("res.partner").write(idOfRef(odooServer, "CDC-" + i), Map.of("name", "CDC Partner " + i + " (renamed)"));
        }
      });
      writer.start();
      RunReport r1 = first.run("partner-capture");
      writer.join();
      assertFalse(r1.completed(), "stopped mid-scan");
      first.close();

      // restart: new engine, new source, same stores
      store.resume("partner-capture");
      SyncEngine second = engine(store, odoo, snapshotsDb, 0);
      RunReport r2 = second.run("partner-capture");
      assertTrue(r2.completed());
      second.drain("partner-events");

      List<Map<String, Object>> rows = odooServer.records("res.partner").stream()
          .filter(p -> String.valueOf(p.get("ref")).startsWith("CDC-")).toList();
      assertEquals(N, rows.size());
      assertTrue(deliveries.values().stream().allMatch(c -> c.get() == 1), "no change delivered twice");
      for (Map<String, Object> row : rows) {
        OdooChange last = lastById.get(((Number) row.get("id")).longValue());
        assertTrue(last != null, "no change seen for " + row.get("ref"));
        assertEquals(row.get("name"), last.values().get("name"), "the last event carries the final values");
      }
      long renamed = lastById.values().stream().filter(c -> String.valueOf(c.values().get("name")).endsWith("(renamed)")).count();
      assertEquals(N / 250, renamed);

      // archivals and hard deletes
      clock.advance(Duration.ofSeconds(5));
      List<Long> archive = new ArrayList<>();
      List<Long> delete = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        archive.add(idOfRef(odooServer, "CDC-" + (i * 100 + 1)));
        delete.add(idOfRef(odooServer, "CDC-" + (i * 100 + 2)));
      }
      odoo.model("res.partner").write(archive, Map.of("active", false));
      odoo.model("res.partner").unlink(delete);
      deliveries.clear();
      RunReport r3 = second.run("partner-capture");
      second.drain("partner-events");
      Map<OdooChange.Kind, Integer> kinds = new HashMap<>();
      deliveries.keySet().forEach(k -> kinds.merge(OdooChange.Kind.valueOf(k.substring(k.indexOf('/') + 1)), 1, Integer::sum));
      assertEquals(Map.of(OdooChange.Kind.ARCHIVED, 5, OdooChange.Kind.DELETED, 5), kinds, "deliveries " + deliveries.keySet());
      assertTrue(r3.completed());
      System.out.printf("change capture: %d partners, first run %s, second run %s%n", N, r1.summary(), r2.summary());
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"19,JSON2", "19,JSONRPC", "19,XMLRPC", "17,JSONRPC", "17,XMLRPC"})
  void worksOnEveryProtocolAndVersion(int version, Protocol protocol) throws Exception {
    MutableClock clock = new MutableClock(T0); // the emulator stamps write_date with it
    try (OdooEmulator odooServer = OdooEmulator.builder().version(version).apiKey("k-" + version).clock(clock).build().start();
        SyncStore store = SyncStores.inMemory()) {
      for (int i = 0; i < 300; i++) {
        odooServer.seed("res.partner", Map.of("name", "CDC Partner " + i, "ref", "CDC-" + i));
      }
      OdooClient.Builder b = OdooClient.builder().url(odooServer.url().toString()).database(odooServer.database())
          .protocol(protocol);
      OdooClient odoo = (protocol == Protocol.JSON2 ? b.apiKey("k-" + version) : b.login("admin", "admin")).build();
      JdbcDataSource db = new JdbcDataSource();
      db.setURL("jdbc:h2:mem:snap-" + version + protocol + ";DB_CLOSE_DELAY=-1");
      SyncEngine e = engine(store, odoo, db, 0);
      assertTrue(e.run("partner-capture").completed());
      e.drain("partner-events");
      assertEquals(300, deliveries.size(), protocol + " on " + version);
      clock.advance(Duration.ofSeconds(2));
      odoo.model("res.partner").write(List.of(idOfRef(odooServer, "CDC-7")), Map.of("active", false));
      odoo.model("res.partner").unlink(List.of(idOfRef(odooServer, "CDC-8")));
      deliveries.clear();
      e.run("partner-capture");
      e.drain("partner-events");
      assertEquals(2, deliveries.size(), deliveries.keySet().toString());
      assertTrue(deliveries.keySet().stream().anyMatch(k -> k.endsWith("/ARCHIVED")));
      assertTrue(deliveries.keySet().stream().anyMatch(k -> k.endsWith("/DELETED")));
    }
  }

  @Test
  void changesCarryTheCanonicalEntityWhereAMappingExists() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("map-key").build().start()) {
      odooServer.seed("res.partner", Map.of("name", "Riverside Steel Erectors", "ref", "CDC-V1", "is_company", true,
          "supplier_rank", 1, "email", "ap@riverside-steel.example"));
      OdooClient odoo = OdooClient.builder().url(odooServer.url().toString()).database("construction").apiKey("map-key").build();
      org.odoobuild.adapters.mapping.MappingContext ctx = org.odoobuild.adapters.mapping.MappingContext.live(odoo,
          new org.odoobuild.adapters.mapping.InMemoryReferences());
      org.odoobuild.adapters.mapping.VendorMapping vendors = new org.odoobuild.adapters.mapping.VendorMapping();
      OdooChangeSource source = OdooChangeSource.builder(odoo, "res.partner")
          .fields(vendors.readFields(ctx).toArray(String[]::new)).scope(Domain.where("ref", "=like", "CDC-%"))
          .canonical(r -> vendors.decode(r, ctx).value()).build();
      var batch = source.pull(java.util.Optional.empty(), 10);
      assertEquals(1, batch.records().size());
      Object entity = batch.records().get(0).payload().entity().orElseThrow();
      assertTrue(entity instanceof org.odoobuild.model.procurement.Vendor, entity.getClass().getName());
      assertEquals("Riverside Steel Erectors", ((org.odoobuild.model.procurement.Vendor) entity).name());
    }
  }

  @Test
  void captureOfAModelWithoutActiveFailsTheRunAtOnceInsteadOfRetryingForEver() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("perm-key").build().start();
        SyncStore store = SyncStores.inMemory()) {
      OdooClient odoo = OdooClient.builder().url(odooServer.url().toString()).database("construction").apiKey("perm-key")
          .build();
      // account.analytic.line has no "active" field: tracking archivals cannot work there
      OdooChangeSource source = OdooChangeSource.builder(odoo, "account.analytic.line").fields("name").build();
      SyncEngine e = SyncEngine.builder().store(store)
          .resilience(org.odoobuild.adapters.failure.OdooFailures.resilience().build()).build();
      e.register(Flow.builder("lines", OdooChange.codec()).source(source).sink(b -> List.of()).build());
      odooServer.resetCounters();
      RunReport r = e.run("lines");
      assertEquals(RunReport.Status.FAILED, r.status(), r.summary());
      assertTrue(r.problem().contains("active"), r.problem());
      assertEquals(1, odooServer.callCount("account.analytic.line", "search_read"), "not retried: it cannot succeed");
      org.odoobuild.connectors.store.RunRecord kept = store.runs("lines", 1).get(0);
      assertTrue(kept.failed(), kept.toString());
      assertTrue(kept.problem().contains("Invalid field 'active'"), kept.problem());
    }
  }

  static long idOfRef(OdooEmulator s, String ref) {
    return s.records("res.partner").stream().filter(p -> ref.equals(p.get("ref"))).mapToLong(p -> ((Number) p.get("id")).longValue())
        .findFirst().orElseThrow();
  }
}
