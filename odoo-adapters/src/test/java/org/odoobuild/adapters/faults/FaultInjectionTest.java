package org.odoobuild.adapters.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.metrics.InMemorySyncMetrics;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/**
 * 10,000 vendors through the engine into the emulator while it fails in every way a network
 * and an overloaded Odoo do: every record must end in Odoo exactly once or in the dead-letter
 * store with its reason.
 */
class FaultInjectionTest {
  static final int N = 10_000;

  /** A vendor row from a procurement portal. */
  public record VendorRow(int n, String name, String rank) {}

  /** A source over n generated vendors: every 500th has no name (invalid), every 777th a bad rank (refused by Odoo). */
  static Source<VendorRow> source(int n) {
    return (cursor, max) -> {
      int from = cursor.map(Integer::parseInt).orElse(0);
      int to = Math.min(n, from + max);
      List<SourceRecord<VendorRow>> out = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String name = i % 500 == 499 ? " " : "FI Vendor " + i;
        String rank = i % 777 == 776 ? "not-a-number" : Integer.toString(1 + i % 3);
        out.add(SourceRecord.of(new RecordKey("portal", "V" + i, "1"), EventCatalog.VENDOR_APPROVED,
            new VendorRow(i, name, rank), Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i)));
      }
      return new SourceBatch<>(out, Integer.toString(to), to < n);
    };
  }

  static LoadRecord row(VendorRow v) {
    Map<String, Object> cols = new java.util.LinkedHashMap<>();
    cols.put("name", v.name());
    cols.put("ref", "FI-" + v.n());
    cols.put("supplier_rank", v.rank());
    return LoadRecord.of("res.partner", "sdk_test.vendor_" + v.n(), cols);
  }

  @Test
  void tenThousandRecordsEndUpExactlyOnceInOdooOrDeadLetteredDespiteFaults() throws Exception {
    int invalid = 0;
    int refused = 0;
    for (int i = 0; i < N; i++) {
      if (i % 500 == 499) {
        invalid++;
      } else if (i % 777 == 776) {
        refused++;
      }
    }
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("fi-key").build().start();
        SyncStore store = SyncStores.inMemory()) {
      OdooClient odoo = OdooClient.builder().url(odooServer.url().toString()).database("construction").apiKey("fi-key")
          .timeout(Duration.ofSeconds(1)).build();
      InMemorySyncMetrics metrics = new InMemorySyncMetrics();
      SyncEngine engine = SyncEngine.builder().store(store).metrics(metrics)
          .resilience(OdooFailures.resilience().circuitBreaker(20, 40, Duration.ofMillis(300)).build())
          .build();
      engine.register(Flow.builder("vendors", VendorRow.class).source(source(N))
          .validator(v -> v.name().isBlank() ? List.of("name: a vendor needs a name") : List.of())
          .sink(RowSink.of(odoo, FaultInjectionTest::row)).batchSize(200).build());

      AtomicBoolean running = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicInteger injected = new java.util.concurrent.atomic.AtomicInteger();
      Thread chaos = new Thread(() -> {
        int step = 0;
        long lastCount = -1;
        while (running.get()) {
          // a new fault only after some requests went through, so faults never pile up faster than traffic
          long count = odooServer.requestCount();
          if (count - lastCount < 3) {
            try {
              Thread.sleep(20);
            } catch (InterruptedException e) {
              return;
            }
            continue;
          }
          lastCount = count;
          injected.incrementAndGet();
          switch (step++ % 7) {
            case 0 -> odooServer.faults().failNext(3, 502);
            case 1 -> odooServer.faults().rateLimit(1, 1);
            case 2 -> odooServer.faults().resetNext(2);
            case 3 -> odooServer.faults().truncateNext(1);
            case 4 -> odooServer.faults().failNext(2, 504);
            case 5 -> odooServer.faults().down(Duration.ofMillis(400));
            default -> odooServer.faults().failNext(4, 503);
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "chaos");
      if (!Boolean.getBoolean("fi.nochaos")) {
        chaos.start();
      }
      List<RunReport> runs = new ArrayList<>();
      try {
        // a scheduler runs the flow until it completes; a run that meets a long outage stops early
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
          RunReport r = engine.run("vendors");
          runs.add(r);
          if (r.completed()) {
            break;
          }
          Thread.sleep(100);
        }
      } finally {
        running.set(false);
        chaos.join();
        odooServer.faults().clear();
      }
      assertTrue(runs.get(runs.size() - 1).completed(), "never completed: " + runs);

      List<Map<String, Object>> partners = odooServer.records("res.partner").stream()
          .filter(p -> String.valueOf(p.get("ref")).startsWith("FI-")).toList();
      Map<Object, Long> perRef = partners.stream().collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
      int expectedInOdoo = N - invalid - refused;
      assertEquals(expectedInOdoo, partners.size(), "records in Odoo");
      assertTrue(perRef.values().stream().allMatch(c -> c == 1), "no duplicates");
      for (int i : new int[] {0, 1, 5000, 9997}) {
        assertTrue(odooServer.externalId("sdk_test.vendor_" + i).isPresent(), "external id of " + i);
      }

      List<DeadLetter> dls = store.deadLetters("vendors", N);
      assertEquals(invalid + refused, dls.size(), "dead letters");
      Map<String, Long> reasons = new HashMap<>();
      for (DeadLetter d : dls) {
        reasons.merge(d.errorMessage().contains("a vendor needs a name") ? "invalid"
            : d.errorMessage().contains("does not seem to be an integer") ? "refused" : d.errorMessage(), 1L, Long::sum);
      }
      assertEquals(Map.of("invalid", (long) invalid, "refused", (long) refused), reasons);
      // every record is accounted for exactly once: in Odoo or dead-lettered
      assertEquals(N, partners.size() + dls.size());
      System.out.printf("fault injection: %d runs, %d faults injected, %d requests to the emulator, %d in Odoo, %d dead-lettered%n",
          runs.size(), injected.get(), odooServer.requestCount(), partners.size(), dls.size());
      assertTrue(injected.get() >= 15, "the run met at least 15 faults: " + injected.get());
      Optional<RunReport> last = Optional.of(runs.get(runs.size() - 1));
      assertTrue(last.get().completed());
    }
  }
}
