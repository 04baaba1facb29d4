package org.odoobuild.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one run's results into {@code docs/performance.md}: JMH's JSON ({@code -rf json}),
 * the server-side counts of {@link Checks} and the heap figures of {@link StreamMemory}. Every
 * figure is put next to the baseline measured in the same run, as a ratio, with its target.
 *
 * <p>Usage: {@code Report RESULTS_DIR OUT.md [SETTINGS] [BEFORE_JMH.json]}; RESULTS_DIR holds
 * {@code jmh.json}, {@code checks.json} and {@code stream-*.json}/{@code list-*.json}. With a
 * BEFORE file (JMH JSON of a run before an SDK change), the JMH rows also show the ratio then.
 */
public final class Report {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String PKG = "org.odoobuild.benchmarks.";

  private final Map<String, JsonNode> jmh;
  private final Map<String, JsonNode> before;
  private final List<String> rows = new ArrayList<>();
  private int met;
  private int missed;

  private Report(Map<String, JsonNode> jmh, Map<String, JsonNode> before) {
    this.jmh = jmh;
    this.before = before;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args[0]);
    Path out = Paths.get(args[1]);
    String settings = args.length > 2 ? args[2] : "";
    Map<String, JsonNode> before = args.length > 3 && !args[3].isBlank() ? index(Paths.get(args[3])) : Map.of();
    // jmh.json, and any jmh-*.json of benchmarks run again on their own (later files win)
    Map<String, JsonNode> all = new HashMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().matches("jmh(-.+)?\\.json")).sorted(java.util.Comparator.comparing((Path f) -> !f.getFileName().toString().equals("jmh.json"))
          .thenComparing(Path::toString)).toList()) {
        all.putAll(index(p));
      }
    }
    Report r = new Report(all, before);
    JsonNode checks = MAPPER.readTree(dir.resolve("checks.json").toFile());
    String md = r.render(dir, checks, settings);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md, StandardCharsets.UTF_8);
    System.out.println("wrote " + out + ": " + r.met + " target(s) met, " + r.missed + " missed");
  }

  private static Map<String, JsonNode> index(Path file) throws IOException {
    Map<String, JsonNode> m = new HashMap<>();
    if (!Files.exists(file)) {
      return m;
    }
    for (JsonNode b : MAPPER.readTree(file.toFile())) {
      String name = b.path("benchmark").asText().replace(PKG, "");
      JsonNode params = b.path("params");
      if (params.isObject() && params.size() > 0) {
        name += "|" + params.elements().next().asText();
      }
      m.put(name, b);
    }
    return m;
  }

  // ---- figures ----------------------------------------------------------------------------

  /** The median of the iteration scores (robust to one disturbed iteration), or p50 for SampleTime. */
  private static double central(JsonNode b) {
    JsonNode pm = b.path("primaryMetric");
    if (b.path("mode").asText().equals("sample")) {
      return pm.path("scorePercentiles").path("50.0").asDouble();
    }
    List<Double> all = new ArrayList<>();
    for (JsonNode fork : pm.path("rawData")) {
      for (JsonNode v : fork) {
        all.add(v.asDouble());
      }
    }
    if (all.isEmpty()) {
      return pm.path("score").asDouble();
    }
    double[] a = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private JsonNode bench(String name) {
    JsonNode b = jmh.get(name);
    if (b == null) {
      throw new IllegalStateException("no JMH result for " + name);
    }
    return b;
  }

  private static String unit(JsonNode b) {
    return b.path("primaryMetric").path("scoreUnit").asText().replace("us/op", "µs/op");
  }

  private static String fmt(double v) {
    if (v < 0) {
      return "-" + fmt(-v);
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (v >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String timing(JsonNode b) {
    JsonNode pm = b.path("primaryMetric");
    String spread = b.path("mode").asText().equals("sample")
        ? " (p90 " + fmt(pm.path("scorePercentiles").path("90.0").asDouble()) + ")"
        : " (mean " + fmt(pm.path("score").asDouble()) + " ± " + fmt(pm.path("scoreError").asDouble()) + ")";
    return fmt(central(b)) + " " + unit(b) + spread;
  }

  private String beforeRatio(String base, String ours, boolean inverse) {
    if (!before.containsKey(base) || !before.containsKey(ours)) {
      return "";
    }
    double r = inverse ? central(before.get(base)) / central(before.get(ours))
        : central(before.get(ours)) / central(before.get(base));
    return "before: " + fmt(r) + "× → ";
  }

  private void row(String what, String baseline, String baseFig, String ourFig, String ratio, String target,
      Boolean ok) {
    if (ok != null) {
      if (ok) {
        met++;
      } else {
        missed++;
      }
    }
    rows.add("| " + String.join(" | ", what, baseline, baseFig, ourFig, ratio, target,
        ok == null ? "(reported)" : ok ? "**met**" : "**missed**") + " |");
  }

  private void speedup(String what, String base, String ours, double min) {
    JsonNode b = bench(base);
    JsonNode o = bench(ours);
    double speedup = central(b) / central(o);
    row(what, "one `create` request per record", timing(b) + " per 10,000", timing(o) + " per 10,000",
        beforeRatio(base, ours, true) + fmt(speedup) + "× faster", "≥ " + fmt(min) + "× faster", speedup >= min);
  }

  /** A speed-up without a target (the bulk target is on the fixed-answer server), with why. */
  private void speedupReported(String what, String base, String ours, String why) {
    JsonNode b = bench(base);
    JsonNode o = bench(ours);
    double speedup = central(b) / central(o);
    row(what, "one `create` request per record", timing(b) + " per 10,000", timing(o) + " per 10,000",
        beforeRatio(base, ours, true) + fmt(speedup) + "× faster", "— (" + why + ")", null);
  }

  private void roundTrips(String what, JsonNode c, String prefix) {
    double baseRt = c.path(prefix + ".createPerRecord.requests").asDouble()
        / c.path(prefix + ".createPerRecord.records").asDouble();
    double rt = c.path(prefix + ".loadBatched.requests").asDouble() / c.path(prefix + ".loadBatched.records").asDouble();
    row(what, "one `create` request per record", fmt(baseRt) + " requests/record ("
        + c.path(prefix + ".createPerRecord.requests").asLong() + ")", fmt(rt) + " requests/record ("
        + c.path(prefix + ".loadBatched.requests").asLong() + " requests, "
        + c.path(prefix + ".loadBatched.connections").asLong() + " connection)", fmt(rt / baseRt) + "×",
        "≤ 0.01 requests/record", rt <= 0.01);
  }

  private void emulatorRoundTrips(String what, JsonNode c, String prefix) {
    String p = "emu." + prefix + ".loadBatched.";
    if (!c.has(p + "requests")) {
      return;
    }
    double rt = c.path(p + "requests").asDouble() / c.path(p + "records").asDouble();
    double baseRt = c.path("emu.vendors.createPerRecord.requests").asDouble()
        / c.path("emu.vendors.createPerRecord.records").asDouble();
    row(what + " (" + c.path("emu." + prefix + ".stored").asLong() + " stored)", "one `create` request per record",
        fmt(baseRt) + " requests/record", fmt(rt) + " requests/record (" + c.path(p + "requests").asLong()
            + " requests)", fmt(rt / baseRt) + "×", "≤ 0.01 requests/record", rt <= 0.01);
  }

  // ---- the rows of this issue ------------------------------------------------------------

  private static final String[] PROTOCOLS = {"JSON2", "JSONRPC", "XMLRPC"};

  private static String protocolName(String p) {
    return switch (p) {
      case "JSON2" -> "JSON-2";
      case "JSONRPC" -> "JSON-RPC";
      default -> "XML-RPC";
    };
  }

  private static String baselineName(String p) {
    return switch (p) {
      case "JSON2" -> "plain OkHttp + Jackson";
      case "JSONRPC" -> "java.net.http + Jackson";
      default -> "apache xmlrpc-client 3.1.3 (naive)";
    };
  }

  private JsonNode param(String name, String protocol) {
    JsonNode b = jmh.get(name + "|" + protocol);
    if (b == null) {
      throw new IllegalStateException("no JMH result for " + name + " (" + protocol + ")");
    }
    return b;
  }

  private static double alloc(JsonNode b) {
    return b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "n/a (run without -prof gc)";
    }
    return b >= 1024 * 1024 ? String.format(Locale.ROOT, "%.2f MB/op", b / (1024 * 1024))
        : String.format(Locale.ROOT, "%.1f kB/op", b / 1024);
  }

  /**
   * SDK / baseline time and allocation of one workload; targets as given (NaN: reported only).
   * Where the workload also ran paired ({@code ProtocolBenchmark.Paired}: SDK and baseline
   * alternating in the same iterations), the time is judged on the median of the paired
   * iterations' ratios, and the ratio of the two separate runs is shown beside it.
   */
  private void workload(String what, String bench, String protocol, double maxTime, double maxAlloc) {
    JsonNode b = param("ProtocolBenchmark." + bench + "_baseline", protocol);
    JsonNode o = param("ProtocolBenchmark." + bench + "_sdk", protocol);
    double t = central(o) / central(b);
    String label = what + ", " + protocolName(protocol);
    JsonNode paired = jmh.get("ProtocolBenchmark." + bench + "_paired|" + protocol);
    String baseFig = timing(b);
    String sdkFig = timing(o);
    String ratio = fmt(t) + "×";
    double judged = t;
    if (paired != null) {
      JsonNode sm = paired.path("secondaryMetrics");
      List<Double> ratios = new ArrayList<>();
      List<Double> sdkMs = new ArrayList<>();
      List<Double> baseMs = new ArrayList<>();
      JsonNode sdk = sm.path("sdkNanos").path("rawData").path(0);
      JsonNode base = sm.path("baselineNanos").path("rawData").path(0);
      JsonNode pairs = sm.path("pairs").path("rawData").path(0);
      for (int i = 0; i < sdk.size(); i++) {
        ratios.add(sdk.get(i).asDouble() / base.get(i).asDouble());
        sdkMs.add(sdk.get(i).asDouble() / pairs.get(i).asDouble() / 1e6);
        baseMs.add(base.get(i).asDouble() / pairs.get(i).asDouble() / 1e6);
      }
      judged = median(ratios);
      baseFig += "; alternating with the SDK: " + fmt(median(baseMs)) + " ms/call";
      sdkFig += "; alternating with the baseline: " + fmt(median(sdkMs)) + " ms/call";
      ratio = fmt(judged) + "× (median of " + ratios.size() + " paired iterations: "
          + ratios.stream().map(Report::fmt).collect(java.util.stream.Collectors.joining(", "))
          + "; run apart: " + fmt(t) + "×)";
    }
    row(label + ": time", baselineName(protocol), baseFig, sdkFig, ratio,
        Double.isNaN(maxTime) ? "—" : "≤ " + fmt(maxTime) + "×", Double.isNaN(maxTime) ? null : judged <= maxTime);
    double ab = alloc(b);
    double ao = alloc(o);
    double a = ao / ab;
    row(label + ": allocated", baselineName(protocol), bytes(ab), bytes(ao), Double.isNaN(a) ? "n/a" : fmt(a) + "×",
        Double.isNaN(maxAlloc) ? "—" : "≤ " + fmt(maxAlloc) + "×", Double.isNaN(maxAlloc) ? null : a <= maxAlloc);
  }

  private void protocols() {
    for (String p : PROTOCOLS) {
      boolean xml = p.equals("XMLRPC");
      workload("2,000-row `search_read` (recorded answer)", "read2000", p, xml ? 0.8 : Double.NaN,
          xml ? 1.1 : Double.NaN);
    }
    for (String p : PROTOCOLS) {
      workload("1,000 single `create`s", "creates1000", p, Double.NaN, Double.NaN);
    }
    for (String p : PROTOCOLS) {
      workload("one `create` of 1,000 records", "createBatch1000", p, 1.0, 1.1);
    }
    for (String p : PROTOCOLS) {
      workload("one `load` of 1,000 rows", "load1000", p, 1.0, 1.1);
    }
  }

  private static double percentile(JsonNode b, String p) {
    return b.path("primaryMetric").path("scorePercentiles").path(p).asDouble();
  }

  private void smallCalls() {
    JsonNode raw = bench("RawOkHttpBenchmark.count_rawOkHttp");
    row("single `search_count`, raw OkHttp POST of fixed bytes (JSON-2 server, no decoding): p50 / p99, its own "
        + "JMH run", "—", "—", fmt(percentile(raw, "50.0")) + " / " + fmt(percentile(raw, "99.0")) + " µs, "
        + bytes(alloc(raw)), "—",
        "— (other time window: see the interleaved rows)", null);
    for (String call : new String[] {"count", "read1"}) {
      for (String p : PROTOCOLS) {
        JsonNode b = param("SmallCallBenchmark." + call + "_baseline", p);
        JsonNode o = param("SmallCallBenchmark." + call + "_sdk", p);
        String what = (call.equals("count") ? "single `search_count`" : "single `read` of one record") + ", "
            + protocolName(p);
        row(what + ": p50 / p99", baselineName(p),
            fmt(percentile(b, "50.0")) + " / " + fmt(percentile(b, "99.0")) + " µs, " + bytes(alloc(b)),
            fmt(percentile(o, "50.0")) + " / " + fmt(percentile(o, "99.0")) + " µs, " + bytes(alloc(o)),
            fmt(percentile(o, "50.0") / percentile(b, "50.0")) + "× / " + fmt(percentile(o, "99.0") / percentile(b, "99.0"))
                + "×", "—", null);
      }
    }
  }

  /** The p99 target, judged on {@link TailLatency}: every client timed in the same rounds. */
  private void tail(Path dir) throws IOException {
    Path f = dir.resolve("tail.json");
    if (!Files.exists(f)) {
      return;
    }
    JsonNode t = MAPPER.readTree(f.toFile());
    JsonNode raw = t.path("clients").get(0);
    String rawFig = fmt(raw.path("p99").asDouble()) + " µs (p50 " + fmt(raw.path("p50").asDouble()) + ")";
    for (JsonNode c : t.path("clients")) {
      if (c == raw) {
        continue;
      }
      double r = c.path("p99").asDouble() / raw.path("p99").asDouble();
      boolean sdk = c.path("name").asText().startsWith("SDK");
      row("Interleaved small calls (" + t.path("rounds").asInt() + " rounds, load " + t.path("load").asText() + ", "
              + t.path("gcCount").asInt() + " GCs / " + t.path("gcMs").asInt() + " ms): " + c.path("name").asText()
              + ", p99", "raw OkHttp POST of fixed bytes, same rounds", rawFig,
          fmt(c.path("p99").asDouble()) + " µs (p50 " + fmt(c.path("p50").asDouble()) + ", p99.9 "
              + fmt(c.path("p999").asDouble()) + ")", fmt(r) + "×", sdk ? "≤ 3×" : "—", sdk ? r <= 3 : null);
    }
  }

  private void fixedBulk() {
    for (String p : PROTOCOLS) {
      JsonNode b = param("ProtocolBenchmark.creates1000_sdk", p);
      JsonNode o = param("ProtocolBenchmark.load1000_sdk", p);
      double speedup = central(b) / central(o);
      row("Bulk: 1,000 vendors by one `load` against 1,000 single `create`s, fixed-answer server, "
          + protocolName(p), "SDK, one `create` per record", timing(b), timing(o), fmt(speedup) + "× faster",
          "≥ 20× faster", speedup >= 20);
    }
  }

  private void engine(Path dir) throws IOException {
    for (String store : new String[] {"h2", "postgres"}) {
      JsonNode b = jmh.get("EngineBenchmark.engine|" + store);
      Path side = dir.resolve("engine-" + store + ".json");
      if (b == null || !Files.exists(side)) {
        continue;
      }
      JsonNode its = MAPPER.readTree(side.toFile());
      int warmup = b.path("warmupIterations").asInt();
      List<Double> overheads = new ArrayList<>();
      List<Double> shares = new ArrayList<>();
      List<Double> baselines = new ArrayList<>();
      long requests = 0;
      for (int i = warmup; i < its.size(); i++) {
        double total = its.get(i).path("totalMs").asDouble();
        double base = its.get(i).path("baselineMs").asDouble();
        overheads.add((total - base) / total);
        shares.add(its.get(i).path("storeMs").asDouble() / total);
        baselines.add(base);
        requests = its.get(i).path("requests").asLong();
      }
      if (overheads.isEmpty()) {
        continue;
      }
      double overhead = median(overheads);
      double max = store.equals("h2") ? 0.20 : 0.35;
      String name = store.equals("h2") ? "H2 (embedded file)" : "PostgreSQL (embedded server)";
      JsonNode last = its.get(its.size() - 1).path("methods");
      List<String> top = new ArrayList<>();
      last.fields().forEachRemaining(e -> {
        if (top.size() < 4) {
          top.add("`" + e.getKey() + "` " + e.getValue().get(0).asLong() + "× " + fmt(e.getValue().get(1).asDouble())
              + " ms");
        }
      });
      row("Engine: 10,000 canonical vendors source → `SyncEngine` + " + name + " store → `EntitySink` → emulator (batches of 1,000, "
              + requests + " requests): the store's overhead", "the same run, store keeping nothing (each iteration)",
          fmt(median(baselines)) + " ms/op (median)", timing(b) + "; " + fmt(overhead * 100)
              + " % of it added by the store (median of iterations; each: " + percents(overheads)
              + "; time inside store methods, on any thread: " + fmt(median(shares) * 100) + " % (each: "
              + percents(shares) + ")" + (top.isEmpty() ? "" : "; last run: " + String.join(", ", top)) + ")",
          fmt(overhead) + "×", "≤ " + fmt(max * 100) + " %", overhead <= max);
    }
  }

  private static double median(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  private static String percents(List<Double> xs) {
    return xs.stream().map(x -> fmt(x * 100) + " %").collect(java.util.stream.Collectors.joining(", "));
  }

  // ---- document ---------------------------------------------------------------------------

  private String render(Path dir, JsonNode c, String settings) throws IOException {
    protocols();
    smallCalls();
    tail(dir);
    fixedBulk();
    long calls = c.path("count.calls").asLong() + c.path("searchRead10.calls").asLong();
    long conns = c.path("count.connections").asLong() + c.path("searchRead10.connections").asLong();
    row("Connection reuse: connections accepted by the server (2 clients)", "1 connection per client",
        "2 connections", calls + " calls over " + conns + " connections", fmt(conns / 2.0) + "×",
        "1 connection per client", conns == 2);
    roundTrips("Bulk upsert of 10,000 vendors: round trips", c, "vendors");
    roundTrips("Bulk upsert of 10,000 PO lines: round trips", c, "poLines");
    speedup("Bulk upsert of 10,000 vendors: throughput", "BulkSyncBenchmark.vendors_baseline_createPerRecord",
        "BulkSyncBenchmark.vendors_sdk_loadBatched", 20);
    speedup("Bulk upsert of 10,000 PO lines: throughput", "BulkSyncBenchmark.poLines_baseline_createPerRecord",
        "BulkSyncBenchmark.poLines_sdk_loadBatched", 20);
    emulatorRoundTrips("Emulator: bulk upsert of 10,000 vendors, round trips", c, "vendors");
    emulatorRoundTrips("Emulator: bulk upsert of 10,000 PO lines, round trips", c, "poLines");
    JsonNode engine = Files.exists(dir.resolve("engine.json")) ? MAPPER.readTree(dir.resolve("engine.json").toFile())
        : null;
    if (engine != null) {
      double rt = engine.path("engine.requests").asDouble() / engine.path("engine.records").asDouble();
      row("Emulator: 10,000 vendors through `SyncEngine` + `RowSink` (batches of 1,000, in-memory store), round trips ("
              + engine.path("engine.applied").asLong() + " applied, " + engine.path("engine.stored").asLong()
              + " stored, " + engine.path("engine.ms").asLong() + " ms; a second run sent "
              + engine.path("engine.rerun.requests").asLong() + " requests)",
          "one `create` request per record", "1.00 requests/record",
          fmt(rt) + " requests/record (" + engine.path("engine.requests").asLong() + " requests)", fmt(rt) + "×",
          "≤ 0.01 requests/record", rt <= 0.01 && engine.path("engine.stored").asLong() == Bulk.RECORDS);
    }
    if (jmh.containsKey("EmulatorSyncBenchmark.vendors_sdk_loadBatched")) {
      // the ≥ 20× target of issue 17 is on the fixed-answer server: here the emulator's own work per row
      // (an ORM, as on a real Odoo) is on both sides, so the ratio is reported, not judged (see the notes)
      String why = "server's own work per row on both sides; the ≥ 20× target is on the fixed-answer server";
      speedupReported("Emulator: bulk upsert of 10,000 vendors, throughput",
          "EmulatorSyncBenchmark.vendors_baseline_createPerRecord", "EmulatorSyncBenchmark.vendors_sdk_loadBatched", why);
      speedupReported("Emulator: bulk upsert of 10,000 PO lines, throughput",
          "EmulatorSyncBenchmark.poLines_baseline_createPerRecord", "EmulatorSyncBenchmark.poLines_sdk_loadBatched", why);
    }
    engine(dir);
    memory(dir);

    StringBuilder sb = new StringBuilder();
    sb.append("# Performance\n\n");
    sb.append("Generated by [`benchmarks/run`](../benchmarks/run) (JMH ")
        .append(jmh.values().stream().findFirst().map(b -> b.path("jmhVersion").asText()).orElse("?"))
        .append(") on ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append(". Do not edit by hand: run the script again.\n\n");
    sb.append("**Machine:** ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (`nproc`), ")
        .append(memTotal()).append(" memory, ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
        .append("), ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
        .append(".  \n**Load average** (1 min) before / after the JMH run: ").append(System.getenv()
            .getOrDefault("BENCH_LOAD", "?")).append(" (other builds may share the machine).")
        .append("  \n**Run:** ").append(settings.isBlank() ? "see benchmarks/run" : settings).append("\n\n");
    sb.append("Timings on a small shared machine are noisy, so every figure stands next to a baseline measured ")
        .append("in the same run, and the verdict is on the ratio. Times are the median of the measurement ")
        .append("iterations (mean ± 99.9% error in brackets); per-call times are the p50 of all samples ")
        .append("(p90 in brackets) unless the row says p99. Allocation is JMH's `gc.alloc.rate.norm` (bytes ")
        .append("allocated per operation, all threads of the JVM: the loopback server's share is small and the ")
        .append("same for both sides). Counts (requests, connections) are taken at the server.\n\n");
    sb.append("| Benchmark | Baseline | Baseline figure | SDK figure | Ratio | Target | Result |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> sb.append(r).append('\n'));
    sb.append("\n**").append(met).append(" of ").append(met + missed).append(" targets met.**\n\n");
    Path notes = Paths.get(System.getProperty("bench.notes", "benchmarks/performance-notes.md"));
    if (Files.exists(notes)) {
      sb.append(Files.readString(notes, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private void memory(Path dir) throws IOException {
    Map<Integer, JsonNode> stream = new java.util.TreeMap<>();
    Map<Integer, JsonNode> list = new java.util.TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String n = p.getFileName().toString();
        if (n.startsWith("stream-") || n.startsWith("list-")) {
          JsonNode j = MAPPER.readTree(p.toFile());
          (n.startsWith("stream-") ? stream : list).put(j.path("rows").asInt(), j);
        }
      }
    }
    if (stream.isEmpty()) {
      return;
    }
    int smallest = stream.keySet().iterator().next();
    double base = Math.max(1, stream.get(smallest).path("heldBytes").asDouble());
    // "flat": from the smallest size up, the held heap may not grow by more than one page of rows
    // (what a paging reader holds anyway); the bytes per row come from the list contrast
    double pageBytes = list.isEmpty() ? Double.NaN
        : list.values().iterator().next().path("heldBytes").asDouble()
            / list.values().iterator().next().path("rows").asDouble() * 1000;
    for (Map.Entry<Integer, JsonNode> e : stream.entrySet()) {
      if (e.getKey() == smallest) {
        continue;
      }
      double held = Math.max(1, e.getValue().path("heldBytes").asDouble());
      double ratio = held / base;
      boolean flat = Double.isNaN(pageBytes) ? ratio <= 1.25 : held - base <= pageBytes;
      row(String.format(Locale.ROOT, "Heap held streaming %,d rows (`stream(query, 1000)`, %d requests)", e.getKey(),
          e.getValue().path("requests").asLong()),
          String.format(Locale.ROOT, "the same at %,d rows", smallest), mb(base), mb(held),
          fmt(ratio) + "× (+" + mb(held - base) + ")",
          Double.isNaN(pageBytes) ? "flat: ≤ 1.25×" : "flat: grows by < 1 page of rows (" + mb(pageBytes) + ")", flat);
    }
    for (Map.Entry<Integer, JsonNode> e : list.entrySet()) {
      double held = e.getValue().path("heldBytes").asDouble();
      row(String.format(Locale.ROOT, "Contrast: heap held by one `searchRead` of %,d rows (a list)", e.getKey()),
          String.format(Locale.ROOT, "streaming %,d rows", smallest), mb(base), mb(held), fmt(held / base) + "×",
          "— (shows the measure is not blind)", null);
    }
  }

  private static String mb(double bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / (1024 * 1024));
  }

  private static String memTotal() {
    try {
      for (String l : Files.readAllLines(Paths.get("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "? GiB";
  }

  static List<String> split(String s) {
    return Arrays.asList(s.split(","));
  }
}
