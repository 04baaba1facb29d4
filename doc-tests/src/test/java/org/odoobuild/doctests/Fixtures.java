package org.odoobuild.doctests;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/**
 * The values of a run snippet's givens, by declaration ({@code TYPE NAME}), all closed after the
 * run: an {@code OdooClient} on an emulated Odoo 19 with demo data, a {@code SyncStore} in memory,
 * a {@code SyncEngine} on it with a flow {@code vendors} (two records, one the sink refuses, so
 * there is a dead letter), a temporary {@code Path}, a Micrometer registry, and the expected
 * vendors of the reconciliation snippet.
 */
final class Fixtures implements AutoCloseable {
  private final List<AutoCloseable> open = new ArrayList<>();
  private OdooEmulator emulator;
  private SyncStore store;

  Object provide(String given) {
    String decl = given.replaceAll("\\s+", " ").trim();
    String type = decl.substring(0, decl.lastIndexOf(' '));
    switch (type) {
      case "OdooClient":
        return odoo();
      case "OdooEmulator":
        return emulator();
      case "SyncStore":
        return store();
      case "SyncEngine":
        return engine();
      case "Path":
        return tempDir();
      case "MeterRegistry":
        return new SimpleMeterRegistry();
      case "Map<String, Map<String, Object>>":
        return Map.of("V-1", Map.of("name", "Azure Interior"));
      default:
        throw new IllegalArgumentException("no fixture for '" + decl + "': add one to " + Fixtures.class.getName());
    }
  }

  private OdooEmulator emulator() {
    if (emulator == null) {
      emulator = OdooEmulator.builder().apiKey("docs-key").demoData(true).build().start();
      open.add(emulator);
    }
    return emulator;
  }

  private OdooClient odoo() {
    OdooEmulator e = emulator();
    OdooClient c = OdooClient.builder().url(e.url().toString()).database(e.database()).apiKey("docs-key").build();
    open.add(c);
    return c;
  }

  private SyncStore store() {
    if (store == null) {
      store = SyncStores.inMemory();
      open.add(store);
    }
    return store;
  }

  /** A vendor name. */
  record Vendor(String name) {}

  private SyncEngine engine() {
    SyncEngine engine = SyncEngine.builder().store(store()).build();
    open.add(engine);
    List<SourceRecord<Vendor>> rows = List.of(
        new SourceRecord<>(new RecordKey("docs", "V-1", "1"), EventCatalog.VENDOR_APPROVED, new Vendor("Acme"),
            Instant.EPOCH, "", Map.of()),
        new SourceRecord<>(new RecordKey("docs", "V-2", "1"), EventCatalog.VENDOR_APPROVED, new Vendor(""),
            Instant.EPOCH, "", Map.of()));
    engine.register(Flow.builder("vendors", Vendor.class)
        .source((cursor, max) -> new SourceBatch<>(cursor.isEmpty() ? rows : List.of(), "end", false))
        .sink(batch -> batch.stream().map(r -> r.payload().name().isEmpty() ? SinkResult.failed("name is empty")
            : SinkResult.applied("vendor " + r.payload().name())).toList())
        .build());
    engine.run("vendors");
    return engine;
  }

  private Path tempDir() {
    try {
      Path d = Files.createTempDirectory("doc-snippet");
      open.add(() -> {
        try (var walk = Files.walk(d)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      });
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }
}
