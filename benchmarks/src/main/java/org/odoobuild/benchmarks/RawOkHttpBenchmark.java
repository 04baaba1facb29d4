package org.odoobuild.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.odoobuild.client.Protocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor of a small call: raw OkHttp (default client) posting fixed bytes to the fixed-answer
 * JSON-2 server of {@link SmallCallBenchmark} and reading the answer's bytes, no encoding or
 * decoding. Same JMH settings as {@link SmallCallBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
public class RawOkHttpBenchmark {
  private LoopbackServer server;
  private OkHttpClient raw;
  private Request count;

  @Setup
  public void setUp() throws IOException {
    server = FixedOdoo.start(Protocol.JSON2, "66".getBytes(StandardCharsets.US_ASCII));
    raw = new OkHttpClient();
    count = new Request.Builder().url(server.url() + "/json/2/res.partner/search_count")
        .header("Authorization", "bearer " + Clients.KEY).header("X-Odoo-Database", Clients.DB)
        .post(RequestBody.create("{\"domain\": []}".getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
        .build();
  }

  @TearDown
  public void tearDown() {
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    server.close();
  }

  @Benchmark
  public byte[] count_rawOkHttp() throws IOException {
    try (Response r = raw.newCall(count).execute()) {
      return r.body().bytes();
    }
  }
}
