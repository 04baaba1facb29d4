package org.odoobuild.benchmarks;

import java.util.concurrent.TimeUnit;
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
 * The bulk runs of {@link BulkSyncBenchmark} against odoo-testkit's {@code OdooEmulator}, whose
 * in-memory ORM does real work per row (defaults, computed fields, external-id resolution), so
 * the server's own time per row weighs here as it does on a real Odoo. A fresh emulator for each
 * iteration. One operation = all 10,000 records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class EmulatorSyncBenchmark {
  private EmulatorBulk bulk;

  @Setup(Level.Iteration)
  public void start() {
    bulk = new EmulatorBulk();
  }

  @TearDown(Level.Iteration)
  public void stop() {
    bulk.close();
  }

  @Benchmark
  public int vendors_baseline_createPerRecord() {
    return bulk.vendorsCreatePerRecord(Bulk.RECORDS);
  }

  @Benchmark
  public int vendors_sdk_loadBatched() {
    return bulk.vendorsLoadBatched(Bulk.RECORDS);
  }

  @Benchmark
  public int poLines_baseline_createPerRecord() {
    return bulk.linesCreatePerRecord(Bulk.RECORDS);
  }

  @Benchmark
  public int poLines_sdk_loadBatched() {
    return bulk.linesLoadBatched(Bulk.RECORDS);
  }
}
