package org.odoobuild.adapters.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.odoobuild.adapters.capture.ChangeEventSink;
import org.odoobuild.adapters.capture.EventRule;
import org.odoobuild.adapters.capture.JdbcSnapshotStore;
import org.odoobuild.adapters.capture.OdooChange;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.sink.ReferenceVerifier;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
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
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

/**
 * The engine in a child JVM, killed with SIGKILL by {@link CrashRecoveryTest}. Arguments: url key
 * dir n mode [stopAfterBatch [holdAt]]. Modes: {@code load} (upserts by external id), {@code create} (plain
 * creates, verified by reference), {@code cdc} (change capture of partners into a subscriber that
 * appends to a file). With {@code stopAfterBatch} k, the sink prints {@code APPLIED k} after its
 * k-th batch reached Odoo and waits, before the engine could record anything, for the kill. With
 * {@code holdAt} h, the source of the load and create modes waits for the kill when asked for record
 * h: the kill lands mid-run however slow or fast the machine.
 */
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
    String mode = args[4];
    int stopAfter = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    int holdAt = args.length > 6 ? Integer.parseInt(args[6]) : n;
    try (SyncStore store = SyncStores.embedded(dir.resolve("store"))) {
      OdooClient odoo = OdooClient.builder().url(url).database("construction").apiKey(key).build();
      // a short lease: the outbox entries a killed worker held come back soon after the restart
      SyncEngine engine = SyncEngine.builder().store(store).workerId("crash-worker").lease(Duration.ofSeconds(5))
          .resilience(OdooFailures.resilience().build()).build();
      RunReport r = switch (mode) {
        case "load" -> {
          engine.register(Flow.builder("vendors", Vendor.class).batchSize(100).source(vendors(n, "erp-crash", holdAt))
              .sink(stopping(RowSink.of(odoo, v -> {
                Map<String, Object> cols = new LinkedHashMap<>();
                cols.put("name", v.name());
                cols.put("ref", "CR-" + v.n());
                return LoadRecord.of("res.partner", "sdk_crash.vendor_" + v.n(), cols);
              }), stopAfter)).build());
          yield engine.run("vendors");
        }
        case "create" -> {
          Sink<Vendor> creates = batch -> {
            List<SinkResult> out = new ArrayList<>();
            for (SourceRecord<Vendor> rec : batch) {
              long id = odoo.model("res.partner").create(Map.of("name", rec.payload().name(), "ref",
                  "CC-" + rec.payload().n()));
              out.add(SinkResult.applied("res.partner," + id));
            }
            return out;
          };
          engine.register(Flow.builder("vendors", Vendor.class).batchSize(100).source(vendors(n, "erp-create", holdAt))
              .sink(stopping(creates, stopAfter))
              .verifier(ReferenceVerifier.of(odoo, "res.partner", "ref", rec -> "CC-" + rec.payload().n())).build());
          yield engine.run("vendors");
        }
        case "cdc" -> capture(engine, store, odoo, dir, stopAfter);
        default -> throw new IllegalArgumentException(mode);
      };
      System.out.println("WORKER DONE " + r.summary());
      System.out.flush();
      System.exit(r.completed() ? 0 : 3);
    }
  }

  /** Vendors 0 to n - 1; asked for {@code holdAt} or later, it waits for the kill. */
  static Source<Vendor> vendors(int n, String system, int holdAt) {
    return (cursor, max) -> {
      int from = cursor.map(Integer::parseInt).orElse(0);
      if (from >= holdAt && from < n) {
        System.in.read(); // the parent kills the process now
      }
      int to = Math.min(n, from + max);
      List<SourceRecord<Vendor>> out = new ArrayList<>();
      for (int i = from; i < to; i++) {
        out.add(SourceRecord.of(new RecordKey(system, "C" + i, "1"), EventCatalog.VENDOR_APPROVED,
            new Vendor(i, "Crash Vendor " + i), Instant.EPOCH.plusSeconds(i)));
      }
      Thread.sleep(5); // a slow source, so a kill at a random moment lands mid-run
      return new SourceBatch<>(out, Integer.toString(to), to < n);
    };
  }

  /** The sink, stopping after its k-th batch reached the target until the process is killed. */
  static <T> Sink<T> stopping(Sink<T> sink, int stopAfter) {
    if (stopAfter <= 0) {
      return sink;
    }
    int[] batches = {0};
    return new Sink<>() {
      @Override
      public List<SinkResult> apply(List<SourceRecord<T>> batch) throws Exception {
        List<SinkResult> r = sink.apply(batch);
        if (++batches[0] == stopAfter) {
          System.out.println("APPLIED " + stopAfter);
          System.out.flush();
          System.in.read(); // the parent kills the process now: the engine never records this batch
        }
        return r;
      }

      @Override
      public boolean idempotent() {
        return sink.idempotent();
      }
    };
  }

  /**
   * Captures changes of the CDC-* partners into a subscriber flow whose sink appends one line per
   * event to a file (not idempotent; verified by reading the file).
   */
  static RunReport capture(SyncEngine engine, SyncStore store, OdooClient odoo, Path dir, int stopAfter)
      throws IOException {
    Path effects = dir.resolve("effects.txt");
    JdbcDataSource snapshotsDb = new JdbcDataSource();
    snapshotsDb.setURL("jdbc:h2:file:" + dir.resolve("snapshots").toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_DELAY=-1");
    OdooChangeSource source = OdooChangeSource.builder(odoo, "res.partner").fields("name", "ref")
        .scope(Domain.where("ref", "=like", "CDC-%")).snapshots(new JdbcSnapshotStore(snapshotsDb)).build();
    Sink<OdooChange> append = batch -> {
      StringBuilder lines = new StringBuilder();
      for (SourceRecord<OdooChange> r : batch) {
        lines.append(r.idempotencyKey()).append('\n');
      }
      Files.writeString(effects, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return batch.stream().map(r -> SinkResult.applied("line")).toList();
    };
    Verifier<OdooChange> inFile = records -> {
      Set<String> have = Files.exists(effects) ? new HashSet<>(Files.readAllLines(effects)) : Set.of();
      return records.stream().map(r -> have.contains(r.idempotencyKey()) ? Optional.of("line") : Optional.<String>empty())
          .toList();
    };
    engine.register(Flow.builder("subscriber", OdooChange.codec()).sink(stopping(append, stopAfter)).verifier(inFile)
        .batchSize(100).build());
    engine.register(Flow.builder("capture", OdooChange.codec()).source(source).batchSize(250)
        .sink(new ChangeEventSink(source.snapshots(), List.of(new EventRule("res.partner",
            EventCatalog.MASTER_DATA_CHANGED, c -> true)), ev -> engine.accept("subscriber", ev))).build());
    RunReport captured = engine.run("capture");
    if (!captured.completed()) {
      return captured;
    }
    RunReport drained = engine.drain("subscriber");
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (drained.completed() && waiting(store) > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(500); // entries the killed worker held come back when their lease ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      drained = engine.drain("subscriber");
    }
    return drained;
  }

  private static long waiting(SyncStore store) {
    Map<OutboxStatus, Long> c = store.outboxCounts("subscriber");
    return c.get(OutboxStatus.PENDING) + c.get(OutboxStatus.CLAIMED);
  }
}
