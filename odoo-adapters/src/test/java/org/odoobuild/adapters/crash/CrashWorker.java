package org.odoobuild.adapters.crash;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

/** The engine in a child JVM, killed with SIGKILL by {@link CrashRecoveryTest}: args url key storeDir n. */
public final class CrashWorker {
  /** A vendor. */
  public record Vendor(int n, String name) {}

  private CrashWorker() {}

  /** Runs the flow to completion (unless killed). */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String key = args[1];
    Path dir = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    try (SyncStore store = SyncStores.embedded(dir)) {
      OdooClient odoo = OdooClient.builder().url(url).database("construction").apiKey(key).build();
      SyncEngine engine = SyncEngine.builder().store(store).workerId("crash-worker")
          .resilience(OdooFailures.resilience().build()).build();
      engine.register(Flow.builder("vendors", Vendor.class).batchSize(100).source((cursor, max) -> {
        int from = cursor.map(Integer::parseInt).orElse(0);
        int to = Math.min(n, from + max);
        List<SourceRecord<Vendor>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
          out.add(SourceRecord.of(new RecordKey("erp-crash", "C" + i, "1"), EventCatalog.VENDOR_APPROVED,
              new Vendor(i, "Crash Vendor " + i), Instant.EPOCH.plusSeconds(i)));
        }
        Thread.sleep(5); // a slow source, so the kill lands mid-run
        return new SourceBatch<>(out, Integer.toString(to), to < n);
      }).sink(RowSink.of(odoo, v -> {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("name", v.name());
        cols.put("ref", "CR-" + v.n());
        return LoadRecord.of("res.partner", "sdk_crash.vendor_" + v.n(), cols);
      })).build());
      RunReport r = engine.run("vendors");
      System.out.println("WORKER DONE " + r.summary());
      System.exit(r.completed() ? 0 : 3);
    }
  }
}
