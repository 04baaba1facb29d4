package org.odoobuild.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.Protocol;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SDK next to each protocol's baseline ({@link Clients}), against fixed-answer loopback
 * servers ({@link FixedOdoo}): the recorded 2,000-row {@code search_read} of Odoo 19
 * ({@code ir.model.fields}), 1,000 single {@code create}s, one {@code create} of 1,000 records
 * and one {@code load} of 1,000 rows. Time and (with {@code -prof gc}) bytes allocated per
 * operation; the server runs in the same JVM and allocates next to nothing per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
public class ProtocolBenchmark {
  static final List<String> FIELDS = List.of("name", "model", "ttype", "field_description", "relation", "required",
      "readonly", "store");
  static final int ROWS = 2000;
  static final int WRITES = 1000;

  @Param({"JSON2", "JSONRPC", "XMLRPC"})
  public Protocol protocol;

  private final List<LoopbackServer> servers = new ArrayList<>();
  private Clients.Calls[] readers;
  private Clients.Calls[] creators;
  private Clients.Calls[] batchers;
  private Clients.Calls[] loaders;
  private List<Map<String, Object>> vals;
  private List<List<Object>> rows;

  private Clients.Calls[] pair(LoopbackServer s) {
    servers.add(s);
    return new Clients.Calls[] {Clients.sdk(s.url(), protocol), Clients.baseline(s.url(), protocol)};
  }

  @Setup
  public void setUp() throws IOException {
    byte[] json = Wire.responseBody("json2", "search-read-2000-fields");
    readers = pair(protocol == Protocol.XMLRPC ? FixedOdoo.startXml(Wire.responseBody("xmlrpc", "search-read-2000-fields"))
        : FixedOdoo.start(protocol, json));
    creators = pair(FixedOdoo.start(protocol, "42".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    batchers = pair(FixedOdoo.start(protocol, FixedOdoo.ids(WRITES)));
    loaders = pair(FixedOdoo.start(protocol, FixedOdoo.loadAnswer(WRITES)));
    vals = new ArrayList<>(WRITES);
    rows = new ArrayList<>(WRITES);
    for (int i = 0; i < WRITES; i++) {
      rows.add(Bulk.vendorRow(i));
      vals.add(Bulk.asValues(Bulk.VENDOR_FIELDS, Bulk.vendorRow(i)));
    }
    // every client must get the whole answer, or the comparison means nothing
    for (int k = 0; k < 2; k++) {
      check(readers[k].searchRead("ir.model.fields", FIELDS, ROWS).size() == ROWS, "rows read");
      check(creators[k].create("res.partner", vals.get(0)) == 42, "created id");
      check(batchers[k].createBatch("res.partner", vals).size() == WRITES, "ids created");
      Object loaded = loaders[k].load("res.partner", Bulk.VENDOR_FIELDS, rows);
      check(loadedIds(loaded) == WRITES, "ids loaded");
    }
  }

  private static int loadedIds(Object loaded) {
    if (loaded instanceof LoadResult r) {
      return r.ids().size();
    }
    Object ids = ((Map<?, ?>) loaded).get("ids");
    return ids instanceof Object[] a ? a.length : ((List<?>) ids).size();
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(protocol + ": wrong " + what);
    }
  }

  @TearDown
  public void tearDown() {
    for (Clients.Calls[] p : List.of(readers, creators, batchers, loaders)) {
      p[0].close();
      p[1].close();
    }
    servers.forEach(LoopbackServer::close);
  }

  private int creates(Clients.Calls c) {
    long last = 0;
    for (Map<String, Object> v : vals) {
      last = c.create("res.partner", v);
    }
    return (int) last;
  }

  @Benchmark
  public Object read2000_sdk() {
    return readers[0].searchRead("ir.model.fields", FIELDS, ROWS);
  }

  @Benchmark
  public Object read2000_baseline() {
    return readers[1].searchRead("ir.model.fields", FIELDS, ROWS);
  }

  @Benchmark
  public int creates1000_sdk() {
    return creates(creators[0]);
  }

  @Benchmark
  public int creates1000_baseline() {
    return creates(creators[1]);
  }

  @Benchmark
  public Object createBatch1000_sdk() {
    return batchers[0].createBatch("res.partner", vals);
  }

  @Benchmark
  public Object createBatch1000_baseline() {
    return batchers[1].createBatch("res.partner", vals);
  }

  @Benchmark
  public Object load1000_sdk() {
    return loaders[0].load("res.partner", Bulk.VENDOR_FIELDS, rows);
  }

  @Benchmark
  public Object load1000_baseline() {
    return loaders[1].load("res.partner", Bulk.VENDOR_FIELDS, rows);
  }

  /**
   * The time of the SDK's call and of its baseline's, taken in the same iterations: one of each per
   * invocation, which goes first alternating. Sums per iteration (JMH secondary metrics); the
   * report judges the median of the iterations' ratios, so a slow second of the machine weighs on
   * both sides alike.
   */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Paired {
    public long sdkNanos;
    public long baselineNanos;
    public long pairs;

    @Setup(Level.Iteration)
    public void reset() {
      sdkNanos = 0;
      baselineNanos = 0;
      pairs = 0;
    }

    void time(java.util.function.Supplier<Object> sdk, java.util.function.Supplier<Object> baseline, Blackhole bh) {
      if ((pairs++ & 1) == 0) {
        sdkNanos += nanos(sdk, bh);
        baselineNanos += nanos(baseline, bh);
      } else {
        baselineNanos += nanos(baseline, bh);
        sdkNanos += nanos(sdk, bh);
      }
    }

    private static long nanos(java.util.function.Supplier<Object> call, Blackhole bh) {
      long t0 = System.nanoTime();
      Object r = call.get();
      long t = System.nanoTime() - t0;
      bh.consume(r);
      return t;
    }
  }

  @Benchmark
  public void createBatch1000_paired(Paired p, Blackhole bh) {
    p.time(() -> batchers[0].createBatch("res.partner", vals), () -> batchers[1].createBatch("res.partner", vals), bh);
  }

  @Benchmark
  public void load1000_paired(Paired p, Blackhole bh) {
    p.time(() -> loaders[0].load("res.partner", Bulk.VENDOR_FIELDS, rows),
        () -> loaders[1].load("res.partner", Bulk.VENDOR_FIELDS, rows), bh);
  }
}
