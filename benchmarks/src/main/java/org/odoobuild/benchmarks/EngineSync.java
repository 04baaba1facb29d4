package org.odoobuild.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

/**
 * 10,000 vendors end to end: a source, the connectors' {@code SyncEngine} (in-memory store:
 * cursor, processed keys, audit) and {@code RowSink} into odoo-testkit's emulator, batches
 * of 1,000. Counts the requests the emulator received (round trips per record) and runs the same
 * flow a second time (nothing may be sent again: every record is already processed).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.odoobuild.benchmarks.EngineSync OUT.json}
 */
public final class EngineSync {
  private EngineSync() {}

  /** A vendor as a source system has it. */
  public record Vendor(int n, String name, String email) {}

  /** {@code n} vendors as a source system has them. */
  static Source<Vendor> source(int n) {
    return source(n, i -> new Vendor(i, "Vendor " + i, "vendor" + i + "@example.com"));
  }

  /** The same vendors as canonical entities (the engine benchmark sends them through an {@code EntitySink}). */
  static Source<org.odoobuild.model.procurement.Vendor> vendors(int n) {
    return source(n, i -> org.odoobuild.model.procurement.ImmutableVendor.builder()
        .addSourceRefs(org.odoobuild.model.common.SourceRef.of("bench", "V" + i)).name("Vendor " + i)
        .vendorCode("V-" + i).email("vendor" + i + "@example.com").build());
  }

  /** Records {@code bench:V<i>} of {@code n} payloads, paged by the cursor (the index of the next record). */
  private static <T> Source<T> source(int n, java.util.function.IntFunction<T> payload) {
    return (cursor, max) -> {
      int from = cursor.map(Integer::parseInt).orElse(0);
      int to = Math.min(n, from + max);
      List<SourceRecord<T>> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        out.add(SourceRecord.of(new RecordKey("bench", "V" + i, "1"), EventCatalog.VENDOR_APPROVED, payload.apply(i),
            Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i)));
      }
      return new SourceBatch<>(out, Integer.toString(to), to < n);
    };
  }

  static LoadRecord row(Vendor v) {
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", v.name());
    cols.put("ref", "V-" + v.n());
    cols.put("email", v.email());
    cols.put("supplier_rank", 1);
    return LoadRecord.of("res.partner", "bench.vendor_" + v.n(), cols);
  }

  public static void main(String[] args) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    try (EmulatorBulk e = new EmulatorBulk(); SyncStore store = SyncStores.inMemory();
        SyncEngine engine = SyncEngine.builder().store(store).build()) {
      engine.register(Flow.builder("vendors", Vendor.class).source(source(Bulk.RECORDS))
          .sink(RowSink.of(e.client, EngineSync::row)).batchSize(Bulk.BATCH).build());
      e.odoo.resetCounters();
      long t0 = System.nanoTime();
      RunReport first = engine.run("vendors");
      long t1 = System.nanoTime();
      long requests = e.odoo.requestCount();
      e.odoo.resetCounters();
      RunReport second = engine.run("vendors");
      out.put("engine.records", Bulk.RECORDS);
      out.put("engine.applied", first.applied());
      out.put("engine.completed", first.completed());
      out.put("engine.requests", requests);
      out.put("engine.ms", (t1 - t0) / 1_000_000);
      out.put("engine.stored", e.records("res.partner").stream()
          .filter(r -> String.valueOf(r.get("ref")).startsWith("V-")).count());
      out.put("engine.rerun.requests", e.odoo.requestCount());
      out.put("engine.rerun.applied", second.applied());
    }
    String json = out.entrySet().stream()
        .map(x -> String.format(Locale.ROOT, "\"%s\": %s", x.getKey(), x.getValue()))
        .collect(java.util.stream.Collectors.joining(", ", "{", "}\n"));
    Path p = Paths.get(args[0]);
    Files.createDirectories(p.toAbsolutePath().getParent());
    Files.writeString(p, json, StandardCharsets.UTF_8);
    System.out.print(json);
  }
}
