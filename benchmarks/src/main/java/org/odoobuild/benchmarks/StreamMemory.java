package org.odoobuild.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;

/**
 * Heap held while reading {@code rows} rows, in a JVM of its own (run once per size):
 * {@code stream} reads them with {@code OdooModel.stream(query, 1000)} and samples the live heap
 * (used after {@code System.gc()}) every 2,500 rows; {@code list} reads them with one
 * {@code searchRead} and measures the live heap while holding the list (the contrast that is
 * not flat). The server generates its pages on the fly, so it holds no rows. Figures are the
 * live heap above the one measured before reading.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.odoobuild.benchmarks.StreamMemory stream|list ROWS OUT.json}
 */
public final class StreamMemory {
  private static final int PAGE = 1000;
  private static final int SAMPLE_EVERY = 2500;

  private StreamMemory() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int rows = Integer.parseInt(args[1]);
    Path out = Paths.get(args[2]);
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    try (LoopbackServer server = LoopbackServer.start(new FakeOdoo(rows));
        OdooClient client = Bulk.client(server.url())) {
      OdooModel model = client.model("bench.row");
      Query query = Query.all().fields("name", "ref", "email", "is_company", "supplier_rank", "country_id",
          "credit_limit", "write_date");
      // warm up the code paths, then take the live heap before reading
      model.stream(query.limit(2 * PAGE), PAGE).forEach(r -> { });
      server.resetCounts();
      long before = liveHeap(mem);
      long peak = before;
      long seen;
      if (mode.equals("stream")) {
        LongAdder n = new LongAdder();
        long[] max = {before};
        model.stream(query, PAGE).forEach(r -> {
          n.increment();
          if (n.sum() % SAMPLE_EVERY == 0) {
            max[0] = Math.max(max[0], liveHeap(mem));
          }
        });
        seen = n.sum();
        peak = max[0];
      } else {
        List<Record> all = model.searchRead(query);
        seen = all.size();
        peak = Math.max(peak, liveHeap(mem));
        if (all.get(all.size() - 1).id() != rows) {
          throw new IllegalStateException("last row");
        }
      }
      if (seen != rows) {
        throw new IllegalStateException("read " + seen + " rows, expected " + rows);
      }
      String json = String.format(Locale.ROOT,
          "{\"mode\": \"%s\", \"rows\": %d, \"requests\": %d, \"baseHeapBytes\": %d, \"peakHeapBytes\": %d, "
              + "\"heldBytes\": %d}%n", mode, rows, server.requests(), before, peak, peak - before);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, json, StandardCharsets.UTF_8);
      System.out.print(json);
    }
  }

  private static long liveHeap(MemoryMXBean mem) {
    System.gc();
    return mem.getHeapMemoryUsage().getUsed();
  }
}
