package org.odoobuild.benchmarks;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.TestPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine path timed: 10,000 canonical vendors from a source through the connectors' {@code SyncEngine}
 * (its durable store: cursor, processed keys, audit) and odoo-adapters' {@code EntitySink} (the
 * vendor mapping, one {@code load} per batch of 1,000) into odoo-testkit's emulator, on the embedded H2 store and on
 * PostgreSQL (sdk-test-support's embedded server). A fresh emulator and a new flow for each
 * iteration, so every run writes all 10,000. The time spent inside the store's methods is summed
 * by a wrapper and written, per iteration, to {@code engine-<store>.json} in {@code $BENCH_RESULTS},
 * together with the baseline of that iteration: the same run (fresh emulator, new flow) with a
 * {@link NullStore}, timed just before the measured one, each after a full collection (neither pays
 * for the other's garbage). The store's overhead is the measured run's time minus the baseline's,
 * over the measured run's time: the median of 11 iterations (one iteration's share moves by ±10
 * points with the machine's load) after 20 warm-ups (the H2 share still falls over the first 15).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 20)
@Measurement(iterations = 11)
public class EngineBenchmark {
  @Param({"h2", "postgres"})
  public String store;

  private Path dir;
  private SyncStore backing;
  private final AtomicLong storeNanos = new AtomicLong();
  private final java.util.Map<String, long[]> byMethod = new java.util.concurrent.ConcurrentHashMap<>();
  private SyncStore timed;
  private OdooEmulator odoo;
  private OdooClient client;
  private SyncEngine engine;
  private String flow;
  private int iteration;
  private final List<String> shares = new ArrayList<>();

  @Setup(Level.Trial)
  public void openStore() throws IOException {
    if (store.equals("h2")) {
      dir = Files.createTempDirectory("bench-h2-");
      backing = SyncStores.embedded(dir);
    } else {
      TestPostgres pg = TestPostgres.get();
      backing = SyncStores.postgres(pg.jdbcUrl(), pg.user(), pg.password());
    }
    timed = timing(backing, storeNanos, byMethod);
  }

  /** {@code store} with the time spent in its methods added to {@code nanos}, and per method (calls, nanos). */
  static SyncStore timing(SyncStore store, AtomicLong nanos, java.util.Map<String, long[]> byMethod) {
    return (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, m, args) -> {
          long t0 = System.nanoTime();
          try {
            return m.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            long d = System.nanoTime() - t0;
            nanos.addAndGet(d);
            long[] m2 = byMethod.computeIfAbsent(m.getName(), k -> new long[2]);
            synchronized (m2) {
              m2[0]++;
              m2[1] += d;
            }
          }
        });
  }

  private long baselineNanos;

  @Setup(Level.Iteration)
  public void start() {
    baselineNanos = baseline();
    odoo = emulator();
    client = client(odoo);
    engine = SyncEngine.builder().store(timed).build();
    flow = "vendors-" + store + "-" + (iteration++) + "-" + System.nanoTime();
    engine.register(flow(flow, client));
    storeNanos.set(0);
    byMethod.clear();
    System.gc(); // neither timed run pays for the other's garbage
  }

  private static OdooEmulator emulator() {
    return OdooEmulator.builder().version(19).database("bench").apiKey("bench-key").build().start();
  }

  private static OdooClient client(OdooEmulator odoo) {
    return OdooClient.builder().url(odoo.url().toString()).database("bench").apiKey("bench-key")
        .serverVersion(ServerVersion.of(19)).protocol(Protocol.JSON2).build();
  }

  private static Flow<Vendor> flow(String name, OdooClient client) {
    return Flow.builder(name, Vendor.class).source(EngineSync.vendors(Bulk.RECORDS))
        .sink(EntitySink.of(client, Vendor.class)).batchSize(Bulk.BATCH).build();
  }

  /** The same run with a store that keeps nothing durable: its time in nanoseconds. */
  private static long baseline() {
    try (OdooEmulator o = emulator(); OdooClient c = client(o);
        SyncEngine e = SyncEngine.builder().store(NullStore.create()).build()) {
      e.register(flow("baseline", c));
      System.gc();
      long t0 = System.nanoTime();
      RunReport r = e.run("baseline");
      long t = System.nanoTime() - t0;
      if (r.applied() != Bulk.RECORDS) {
        throw new IllegalStateException("baseline applied " + r.applied() + " of " + Bulk.RECORDS);
      }
      return t;
    }
  }

  @Benchmark
  public RunReport engine() {
    long t0 = System.nanoTime();
    RunReport r = engine.run(flow);
    long total = System.nanoTime() - t0;
    if (r.applied() != Bulk.RECORDS) {
      throw new IllegalStateException("applied " + r.applied() + " of " + Bulk.RECORDS);
    }
    String methods = byMethod.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .map(e -> String.format(Locale.ROOT, "\"%s\": [%d, %.1f]", e.getKey(), e.getValue()[0], e.getValue()[1] / 1e6))
        .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    shares.add(String.format(Locale.ROOT,
        "{\"totalMs\": %.1f, \"baselineMs\": %.1f, \"storeMs\": %.1f, \"requests\": %d, \"methods\": %s}",
        total / 1e6, baselineNanos / 1e6, storeNanos.get() / 1e6, odoo.requestCount(), methods));
    return r;
  }

  @TearDown(Level.Iteration)
  public void stop() {
    engine.close();
    client.close();
    odoo.close();
  }

  @TearDown(Level.Trial)
  public void closeStore() throws IOException {
    backing.close();
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path out = Paths.get(System.getenv().getOrDefault("BENCH_RESULTS", "benchmarks/target/results"),
        "engine-" + store + ".json");
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, "[" + String.join(", ", shares) + "]\n", StandardCharsets.UTF_8);
  }
}
