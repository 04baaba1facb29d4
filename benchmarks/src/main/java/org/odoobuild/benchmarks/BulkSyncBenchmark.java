package org.odoobuild.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.odoobuild.client.OdooClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pushing 10,000 vendors and 10,000 purchase-order lines into a loopback fake Odoo (JSON-2):
 * one {@code load} per 1,000 rows against one {@code create} per record (the baseline).
 * Target: batched at least 20x faster. One operation = all 10,000 records.
 *
 * <p>Warm-up is given in work, not shots: a baseline shot takes 1.5 to 2 s, a batched one 0.05 to
 * 0.2 s, so five warm-up shots left the batched path half compiled (its shots were still getting
 * faster, 191 to 120 ms, while being measured). The batched methods get 40 warm-up and 15 measured
 * shots, about the baseline's warm-up time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5)
@Measurement(iterations = 5)
public class BulkSyncBenchmark {
  private FakeOdoo odoo;
  private LoopbackServer server;
  private OdooClient client;

  @Setup
  public void setUp() throws IOException {
    odoo = new FakeOdoo();
    server = LoopbackServer.start(odoo);
    client = Bulk.client(server.url());
  }

  @Setup(Level.Iteration)
  public void clear() {
    odoo.clear();
  }

  @TearDown
  public void tearDown() {
    client.close();
    server.close();
  }

  @Benchmark
  public int vendors_baseline_createPerRecord() {
    return Bulk.createPerRecord(client, "res.partner", Bulk.VENDOR_FIELDS, Bulk.RECORDS, false);
  }

  @Benchmark
  @Warmup(iterations = 40)
  @Measurement(iterations = 15)
  public int vendors_sdk_loadBatched() {
    return Bulk.loadBatched(client, "res.partner", Bulk.VENDOR_FIELDS, Bulk.RECORDS, false);
  }

  @Benchmark
  public int poLines_baseline_createPerRecord() {
    return Bulk.createPerRecord(client, "purchase.order.line", Bulk.LINE_FIELDS, Bulk.RECORDS, true);
  }

  @Benchmark
  @Warmup(iterations = 40)
  @Measurement(iterations = 15)
  public int poLines_sdk_loadBatched() {
    return Bulk.loadBatched(client, "purchase.order.line", Bulk.LINE_FIELDS, Bulk.RECORDS, true);
  }
}
