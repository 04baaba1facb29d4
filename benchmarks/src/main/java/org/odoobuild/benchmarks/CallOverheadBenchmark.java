package org.odoobuild.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.client.ServerVersion;
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
 * What one call through {@link OdooClient} (JSON-2) costs on top of the HTTP exchange itself:
 * the same request body POSTed with a bare OkHttp client to the same loopback server is the
 * baseline. Two answers: {@code search_count} ({@code 66}) and a 10-row {@code search_read}
 * (the first 10 rows of the recorded 2,000-row answer). Target: at most 0.2 ms more per call
 * at the median. Connection reuse is checked at the server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CallOverheadBenchmark {
  static final Query TEN_ROWS = Query.all()
      .fields("name", "model", "ttype", "field_description", "relation", "required", "readonly", "store")
      .order("id").limit(10);
  private static final MediaType JSON = MediaType.get("application/json");

  private LoopbackServer countServer;
  private LoopbackServer readServer;
  private OdooModel countModel;
  private OdooModel readModel;
  private OdooClient countClient;
  private OdooClient readClient;
  private OkHttpClient raw;
  private Request countRequest;
  private Request readRequest;

  /** The first {@code n} rows of the recorded 2,000-row JSON-2 answer. */
  static byte[] firstRows(int n) throws IOException {
    ObjectMapper m = new ObjectMapper();
    JsonNode all = m.readTree(Wire.responseBody("json2", "search-read-2000-fields"));
    ArrayNode out = m.createArrayNode();
    for (int i = 0; i < n; i++) {
      out.add(all.get(i));
    }
    return m.writeValueAsBytes(out);
  }

  static OdooClient client(String url) {
    return OdooClient.builder().url(url).database("db").apiKey("k").serverVersion(ServerVersion.of(19))
        .protocol(Protocol.JSON2).build();
  }

  @Setup
  public void setUp() throws IOException {
    countServer = LoopbackServer.fixed("66".getBytes(StandardCharsets.UTF_8));
    readServer = LoopbackServer.fixed(firstRows(10));
    countClient = client(countServer.url());
    readClient = client(readServer.url());
    countModel = countClient.model("res.partner");
    readModel = readClient.model("ir.model.fields");
    raw = new OkHttpClient();
    // the baseline sends exactly the bytes and headers the SDK sent
    if (countModel.count(Domain.all()) != 66) {
      throw new IllegalStateException("unexpected count");
    }
    countRequest = new Request.Builder().url(countServer.url() + "/json/2/res.partner/search_count")
        .header("Authorization", "bearer k").header("X-Odoo-Database", "db")
        .post(RequestBody.create(countServer.lastBody(), JSON)).build();
    if (readModel.searchRead(TEN_ROWS).size() != 10) {
      throw new IllegalStateException("unexpected rows");
    }
    readRequest = new Request.Builder().url(readServer.url() + "/json/2/ir.model.fields/search_read")
        .header("Authorization", "bearer k").header("X-Odoo-Database", "db")
        .post(RequestBody.create(readServer.lastBody(), JSON)).build();
  }

  @TearDown
  public void tearDown() {
    System.out.printf("%n[connections] search_count server: %d requests over %d connection(s); "
        + "search_read server: %d requests over %d connection(s)%n", countServer.requests(), countServer.connections(),
        readServer.requests(), readServer.connections());
    countClient.close();
    readClient.close();
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    countServer.close();
    readServer.close();
  }

  private byte[] rawCall(Request r) throws IOException {
    try (Response resp = raw.newCall(r).execute()) {
      return resp.body().bytes();
    }
  }

  @Benchmark
  public byte[] count_baseline_rawOkHttp() throws IOException {
    return rawCall(countRequest);
  }

  @Benchmark
  public long count_sdk() {
    return countModel.count(Domain.all());
  }

  @Benchmark
  public byte[] searchRead10_baseline_rawOkHttp() throws IOException {
    return rawCall(readRequest);
  }

  @Benchmark
  public List<Record> searchRead10_sdk() {
    return readModel.searchRead(TEN_ROWS);
  }
}
