package org.odoobuild.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.odoobuild.client.Protocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Single small calls, p50 and p99 (JMH sample mode): {@code search_count} ({@code 66}) and
 * {@code read} of one record (the first row of the recorded answer), the SDK next to each
 * protocol's baseline ({@link Clients}); and raw OkHttp posting fixed bytes to the same JSON-2
 * server with no encoding or decoding at all ({@link Raw}), the floor the p99 target is set against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
public class SmallCallBenchmark {
  @Param({"JSON2", "JSONRPC", "XMLRPC"})
  public Protocol protocol;

  private LoopbackServer countServer;
  private LoopbackServer readServer;
  private Clients.Calls[] counters;
  private Clients.Calls[] readers;

  @Setup
  public void setUp() throws IOException {
    countServer = FixedOdoo.start(protocol, "66".getBytes(StandardCharsets.US_ASCII));
    readServer = FixedOdoo.start(protocol, firstRows(1));
    counters = new Clients.Calls[] {Clients.sdk(countServer.url(), protocol), Clients.baseline(countServer.url(), protocol)};
    readers = new Clients.Calls[] {Clients.sdk(readServer.url(), protocol), Clients.baseline(readServer.url(), protocol)};
    for (int k = 0; k < 2; k++) {
      if (counters[k].count("res.partner") != 66 || readers[k].read("ir.model.fields", 1, ProtocolBenchmark.FIELDS).size() != 1) {
        throw new IllegalStateException(protocol + ": wrong answer");
      }
    }
  }

  /** The first {@code n} rows of the recorded 2,000-row JSON-2 answer, as JSON. */
  static byte[] firstRows(int n) throws IOException {
    List<?> all = FixedOdoo.MAPPER.readValue(Wire.responseBody("json2", "search-read-2000-fields"), List.class);
    return FixedOdoo.MAPPER.writeValueAsBytes(all.subList(0, n));
  }

  @TearDown
  public void tearDown() {
    System.out.printf("%n[connections] %s search_count server: %d requests over %d connection(s)%n", protocol,
        countServer.requests(), countServer.connections());
    for (int k = 0; k < 2; k++) {
      counters[k].close();
      readers[k].close();
    }
    countServer.close();
    readServer.close();
  }

  @Benchmark
  public long count_sdk() {
    return counters[0].count("res.partner");
  }

  @Benchmark
  public long count_baseline() {
    return counters[1].count("res.partner");
  }

  @Benchmark
  public Object read1_sdk() {
    return readers[0].read("ir.model.fields", 1, ProtocolBenchmark.FIELDS);
  }

  @Benchmark
  public Object read1_baseline() {
    return readers[1].read("ir.model.fields", 1, ProtocolBenchmark.FIELDS);
  }
}

