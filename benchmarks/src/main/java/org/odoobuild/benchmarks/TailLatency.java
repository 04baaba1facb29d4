package org.odoobuild.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.odoobuild.client.Protocol;

/**
 * Small-call latency of the SDK and of raw OkHttp measured in the same time window: each round
 * makes one call with every client, in a rotating order, and times each; so a busy moment of a
 * shared machine lands on all of them alike, which sequential JMH runs cannot promise. Each client
 * has its own fixed-answer server (a server thread busy with several clients in a row stays awake,
 * one serving a single client sleeps between its requests: that would favour the shared one). Writes p50,
 * p90, p99 and p99.9 per client, and the JVM's GC count and time during the measurement.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.odoobuild.benchmarks.TailLatency OUT.json [ROUNDS]}
 */
public final class TailLatency {
  private TailLatency() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    byte[] sixtySix = "66".getBytes(StandardCharsets.US_ASCII);
    List<AutoCloseable> open = new ArrayList<>();
    Map<String, Callable<Object>> clients = new LinkedHashMap<>();
    // one server per client: each server's thread then wakes once per round for every client alike
    LoopbackServer json2 = FixedOdoo.start(Protocol.JSON2, sixtySix);
    LoopbackServer json2b = FixedOdoo.start(Protocol.JSON2, sixtySix);
    LoopbackServer json2c = FixedOdoo.start(Protocol.JSON2, sixtySix);
    LoopbackServer read = FixedOdoo.start(Protocol.JSON2, SmallCallBenchmark.firstRows(1));
    open.addAll(List.of(json2, json2b, json2c, read));
    OkHttpClient raw = new OkHttpClient();
    Request rawCount = new Request.Builder().url(json2.url() + "/json/2/res.partner/search_count")
        .header("Authorization", "bearer " + Clients.KEY).header("X-Odoo-Database", Clients.DB)
        .post(RequestBody.create("{\"domain\": []}".getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
        .build();
    clients.put("raw OkHttp count (JSON-2 server)", () -> {
      try (Response r = raw.newCall(rawCount).execute()) {
        return r.body().bytes();
      }
    });
    Clients.Calls base = Clients.baseline(json2b.url(), Protocol.JSON2);
    clients.put("OkHttp + Jackson count, JSON-2", () -> base.count("res.partner"));
    Clients.Calls sdk = Clients.sdk(json2c.url(), Protocol.JSON2);
    clients.put("SDK count, JSON-2", () -> sdk.count("res.partner"));
    Clients.Calls sdkRead = Clients.sdk(read.url(), Protocol.JSON2);
    clients.put("SDK read of one record, JSON-2", () -> sdkRead.read("ir.model.fields", 1, ProtocolBenchmark.FIELDS));
    for (Protocol p : new Protocol[] {Protocol.JSONRPC, Protocol.XMLRPC}) {
      LoopbackServer s = FixedOdoo.start(p, sixtySix);
      open.add(s);
      Clients.Calls c = Clients.sdk(s.url(), p);
      open.add(c);
      clients.put("SDK count, " + (p == Protocol.JSONRPC ? "JSON-RPC" : "XML-RPC"), () -> c.count("res.partner"));
    }
    open.add(base);
    open.add(sdk);
    open.add(sdkRead);

    List<Callable<Object>> calls = new ArrayList<>(clients.values());
    int n = calls.size();
    for (int i = 0; i < rounds / 2; i++) { // warm-up
      for (Callable<Object> c : calls) {
        c.call();
      }
    }
    long[][] nanos = new long[n][rounds];
    long gcCount0 = gcCount();
    long gcTime0 = gcTime();
    double load0 = load();
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < n; k++) {
        int c = (i + k) % n; // rotate who goes first
        long t0 = System.nanoTime();
        calls.get(c).call();
        nanos[c][i] = System.nanoTime() - t0;
      }
    }
    StringBuilder json = new StringBuilder("{\"rounds\": ").append(rounds)
        .append(String.format(Locale.ROOT, ", \"gcCount\": %d, \"gcMs\": %d, \"load\": \"%.2f / %.2f\", \"clients\": [",
            gcCount() - gcCount0, gcTime() - gcTime0, load0, load()));
    List<String> names = new ArrayList<>(clients.keySet());
    for (int k = 0; k < n; k++) {
      long[] a = nanos[k];
      Arrays.sort(a);
      json.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT,
          "{\"name\": \"%s\", \"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f, \"p999\": %.1f}", names.get(k),
          a[(int) (a.length * 0.50)] / 1e3, a[(int) (a.length * 0.90)] / 1e3, a[(int) (a.length * 0.99)] / 1e3,
          a[(int) (a.length * 0.999)] / 1e3));
    }
    json.append("]}\n");
    raw.dispatcher().executorService().shutdown();
    raw.connectionPool().evictAll();
    for (AutoCloseable c : open) {
      c.close();
    }
    Path out = Paths.get(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, json, StandardCharsets.UTF_8);
    System.out.print(json);
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcTime() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static double load() throws IOException {
    return Double.parseDouble(Files.readString(Paths.get("/proc/loadavg")).split(" ")[0]);
  }
}
