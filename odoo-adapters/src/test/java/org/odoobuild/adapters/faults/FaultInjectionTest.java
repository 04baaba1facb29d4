package org.odoobuild.adapters.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.sink.ReferenceVerifier;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.spi.Verifier;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/**
 * 10,000 records through the engine into the emulator while it fails in every way a network and
 * an overloaded Odoo do (502, 503, 504, 429, connections reset before Odoo processed the
 * request, answers cut off after it did, refused connections), one fault at a time and each one
 * counted as hit. Counted where they land: the records in Odoo (0 duplicates, 0 lost), and the
 * requests per record (the client's events and the emulator's call counters).
 */
class FaultInjectionTest {
  static final int N = 10_000;

  /** A vendor row from a procurement portal. */
  public record VendorRow(int n, String name, String rank) {}

  /** A source over n generated vendors; with {@code flawed}, every 500th has no name and every 777th a bad rank. */
  static Source<VendorRow> source(int n, String system, boolean flawed) {
    return (cursor, max) -> {
      int from = cursor.map(Integer::parseInt).orElse(0);
      int to = Math.min(n, from + max);
      List<SourceRecord<VendorRow>> out = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String name = flawed && i % 500 == 499 ? " " : "FI Vendor " + i;
        String rank = flawed && i % 777 == 776 ? "not-a-number" : Integer.toString(1 + i % 3);
        out.add(SourceRecord.of(new RecordKey(system, "V" + i, "1"), EventCatalog.VENDOR_APPROVED,
            new VendorRow(i, name, rank), Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i)));
      }
      return new SourceBatch<>(out, Integer.toString(to), to < n);
    };
  }

  static LoadRecord row(VendorRow v) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", v.name());
    cols.put("ref", "FI-" + v.n());
    cols.put("supplier_rank", v.rank());
    return LoadRecord.of("res.partner", "sdk_test.vendor_" + v.n(), cols);
  }

  static OdooClient client(OdooEmulator server, Sends sends) {
    // generous timeouts: every failure in these tests is an injected one
    return OdooClient.builder().url(server.url().toString()).database("construction").apiKey("fi-key")
        .timeout(Duration.ofSeconds(60)).maxBackoff(Duration.ofMillis(200)).eventListener(sends).build();
  }

  static SyncEngine engine(SyncStore store) {
    return SyncEngine.builder().store(store)
        .resilience(OdooFailures.resilience().circuitBreaker(1000, 1000, Duration.ofSeconds(1)).build()).build();
  }

  /** Runs the flow until a run completes, as a scheduler would; bounded by a count of runs, not by seconds. */
  static List<RunReport> runUntilComplete(SyncEngine engine, String flow) throws InterruptedException {
    List<RunReport> runs = new ArrayList<>();
    while (runs.size() < 5_000) {
      RunReport r = engine.run(flow);
      runs.add(r);
      if (r.completed()) {
        return runs;
      }
      assertTrue(r.status() != RunReport.Status.FAILED, r.summary());
      Thread.sleep(20);
    }
    throw new AssertionError("never completed: " + runs.get(runs.size() - 1).summary());
  }

  static Map<Object, Long> perRef(OdooEmulator server, String prefix) {
    return server.records("res.partner").stream().filter(p -> String.valueOf(p.get("ref")).startsWith(prefix))
        .collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
  }

  @Test
  void tenThousandCreatesUnderFaultsLeaveNoDuplicateBecauseUnknownOutcomesAreVerified() throws Exception {
    Sends sends = new Sends("create");
    try (OdooEmulator server = OdooEmulator.builder().apiKey("fi-key").build().start();
        SyncStore store = SyncStores.inMemory()) {
      OdooClient odoo = client(server, sends);
      // the create-style sink: a plain create per record (not idempotent), the record's reference in "ref"
      Sink<VendorRow> creates = batch -> {
        List<SinkResult> out = new ArrayList<>();
        OdooException stop = null;
        for (SourceRecord<VendorRow> r : batch) {
          if (stop != null) {
            out.add(SinkResult.failed(new java.io.IOException("not sent: " + stop.getMessage())));
            continue;
          }
          Sends.KEY.set(r.idempotencyKey());
          try {
            VendorRow v = r.payload();
            long id = odoo.model("res.partner").create(Map.of("name", v.name(), "ref", "FC-" + v.n(),
                "supplier_rank", Integer.parseInt(v.rank())));
            out.add(SinkResult.applied("res.partner," + id));
          } catch (OdooException e) {
            out.add(SinkResult.failed(e)); // the engine asks the classifier: unknown outcome, transient or not
            stop = e;
          } finally {
            Sends.KEY.remove();
          }
        }
        return out;
      };
      AtomicLong found = new AtomicLong();
      AtomicLong missing = new AtomicLong();
      Verifier<VendorRow> byRef = ReferenceVerifier.of(odoo, "res.partner", "ref", r -> "FC-" + r.payload().n());
      Verifier<VendorRow> counted = records -> {
        List<Optional<String>> res = byRef.verify(records);
        res.forEach(o -> (o.isPresent() ? found : missing).incrementAndGet());
        return res;
      };
      SyncEngine engine = engine(store);
      engine.register(Flow.builder("created", VendorRow.class).source(source(N, "portal-c", false)).sink(creates)
          .verifier(counted).batchSize(100).build());

      List<RunReport> runs;
      Chaos chaos = new Chaos(server, sends, 25);
      try {
        runs = runUntilComplete(engine, "created");
      } finally {
        chaos.close();
      }

      // effects, where they land
      Map<Object, Long> refs = perRef(server, "FC-");
      assertEquals(N, refs.size(), "0 lost");
      assertTrue(refs.values().stream().allMatch(c -> c == 1), "0 duplicates");
      assertEquals(N, server.callCount("res.partner", "create"), "creates Odoo executed: one per record");
      // sends, per record and per logical write
      assertEquals(1, sends.maxReachedPerCall.get(), "no create was put on the wire twice by the client");
      long createCalls = sends.calls("create");
      assertEquals(N + missing.get() + sends.neverSent.get(), createCalls,
          "a record was created again only after verification found it missing, or when nothing reached Odoo");
      for (int i = 0; i < N; i++) {
        String key = "vendor_approved/portal-c:V" + i + ":1";
        assertTrue(sends.reachedPerKey.containsKey(key), "sent: " + key);
      }
      // faults: every injected one was hit, of every kind
      Map<Chaos.Kind, Integer> hit = chaos.hit();
      assertEquals(Chaos.Kind.values().length, hit.size(), "every kind of fault was hit: " + hit);
      assertTrue(chaos.total() >= 100, "faults hit: " + chaos.total());
      // unknown outcomes: all resolved by verification
      long verified = runs.stream().mapToLong(RunReport::verified).sum();
      assertEquals(found.get() + missing.get(), verified);
      assertTrue(found.get() > 0 && missing.get() > 0, "verification found both: " + found + " / " + missing);
      assertEquals(0, runs.get(runs.size() - 1).unknownOutcomes());
      assertEquals(List.of(), store.deadLetters("created", 10));
      assertEquals(List.of(), store.deliveryIntents("created|", 10));
      double perWrite = (double) server.callCount("res.partner", "create") / N;
      System.out.printf("fault injection (create): %d records, %d runs, %d faults hit %s, %d create calls "
          + "(%.4f per record), %d creates executed by Odoo (%.4f per record), max %d request per create call, "
          + "%d unknown outcomes verified (%d found applied, %d found missing), %d calls never sent, "
          + "%d verification calls, 0 duplicates, 0 lost%n", N, runs.size(), chaos.total(), hit, createCalls,
          (double) createCalls / N, server.callCount("res.partner", "create"), perWrite, sends.maxReachedPerCall.get(),
          verified, found.get(), missing.get(), sends.neverSent.get(), sends.calls("search_read"));
    }
  }

  @Test
  void tenThousandUpsertsEndUpExactlyOnceInOdooOrDeadLetteredDespiteFaults() throws Exception {
    int invalid = 0;
    int refused = 0;
    for (int i = 0; i < N; i++) {
      if (i % 500 == 499) {
        invalid++;
      } else if (i % 777 == 776) {
        refused++;
      }
    }
    Sends sends = new Sends("load");
    try (OdooEmulator server = OdooEmulator.builder().apiKey("fi-key").build().start();
        SyncStore store = SyncStores.inMemory()) {
      OdooClient odoo = client(server, sends);
      Map<String, Integer> sentPerRecord = new java.util.concurrent.ConcurrentHashMap<>();
      Upserter counting = new Upserter((model, fields, rows) -> {
        rows.forEach(r -> {
          if (!String.valueOf(r.get(0)).isEmpty()) {
            sentPerRecord.merge(String.valueOf(r.get(0)), 1, Integer::sum);
          }
        });
        return odoo.model(model).load(fields, rows);
      }, Integer.MAX_VALUE);
      SyncEngine engine = engine(store);
      engine.register(Flow.builder("vendors", VendorRow.class).source(source(N, "portal", true))
          .validator(v -> v.name().isBlank() ? List.of("name: a vendor needs a name") : List.of())
          .sink(RowSink.of(counting, FaultInjectionTest::row)).batchSize(200).build());

      List<RunReport> runs;
      Chaos chaos = new Chaos(server, sends, 3);
      try {
        runs = runUntilComplete(engine, "vendors");
      } finally {
        chaos.close();
      }

      Map<Object, Long> refs = perRef(server, "FI-");
      int expectedInOdoo = N - invalid - refused;
      assertEquals(expectedInOdoo, refs.size(), "records in Odoo");
      assertTrue(refs.values().stream().allMatch(c -> c == 1), "no duplicates");
      for (int i : new int[] {0, 1, 5000, 9997}) {
        assertTrue(server.externalId("sdk_test.vendor_" + i).isPresent(), "external id of " + i);
      }
      List<DeadLetter> dls = store.deadLetters("vendors", N);
      assertEquals(invalid + refused, dls.size(), "dead letters");
      Map<String, Long> reasons = new HashMap<>();
      for (DeadLetter d : dls) {
        reasons.merge(d.errorMessage().contains("a vendor needs a name") ? "invalid"
            : d.errorMessage().contains("does not seem to be an integer") ? "refused" : d.errorMessage(), 1L, Long::sum);
      }
      assertEquals(Map.of("invalid", (long) invalid, "refused", (long) refused), reasons);
      assertEquals(N, refs.size() + dls.size(), "every record is accounted for exactly once");
      // sends: load is an upsert by external id, so the client re-sends it after a fault (at most 3 sends a call)
      assertTrue(sends.attempts("load") <= 3 * sends.calls("load"), sends.attempts("load") + " for " + sends.calls("load"));
      assertEquals(N - invalid, sentPerRecord.size(), "every valid record was sent");
      int maxPerRecord = sentPerRecord.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      Map<Chaos.Kind, Integer> hit = chaos.hit();
      assertEquals(Chaos.Kind.values().length, hit.size(), "every kind of fault was hit: " + hit);
      assertTrue(chaos.total() >= 15, "faults hit: " + chaos.total());
      System.out.printf("fault injection (load): %d records, %d runs, %d faults hit %s, %d load calls, %d load requests, "
          + "at most %d sends of one record, %d in Odoo, %d dead-lettered%n", N, runs.size(), chaos.total(), hit,
          sends.calls("load"), sends.attempts("load"), maxPerRecord, refs.size(), dls.size());
    }
  }
}
