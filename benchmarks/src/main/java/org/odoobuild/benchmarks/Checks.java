package org.odoobuild.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;

/**
 * Counts taken at the server, which do not depend on timing: connections used for many calls
 * (connection reuse), and requests per record for the bulk runs (round trips).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.odoobuild.benchmarks.Checks OUT.json}
 */
public final class Checks {
  private static final int CALLS = 2000;
  private static final org.odoobuild.client.Query TEN_ROWS = org.odoobuild.client.Query.all()
      .fields("name", "model", "ttype", "field_description", "relation", "required", "readonly", "store")
      .order("id").limit(10);

  private Checks() {}

  public static void main(String[] args) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    try (LoopbackServer s = LoopbackServer.fixed("66".getBytes(StandardCharsets.UTF_8));
        OdooClient c = Bulk.client(s.url())) {
      for (int i = 0; i < CALLS; i++) {
        c.model("res.partner").count(Domain.all());
      }
      out.put("count.calls", s.requests());
      out.put("count.connections", s.connections());
    }
    try (LoopbackServer s = LoopbackServer.fixed(SmallCallBenchmark.firstRows(10));
        OdooClient c = Bulk.client(s.url())) {
      for (int i = 0; i < CALLS; i++) {
        c.model("ir.model.fields").searchRead(TEN_ROWS);
      }
      out.put("searchRead10.calls", s.requests());
      out.put("searchRead10.connections", s.connections());
    }
    FakeOdoo fake = new FakeOdoo();
    try (LoopbackServer s = LoopbackServer.start(fake); OdooClient c = Bulk.client(s.url())) {
      roundTrips(out, "vendors.loadBatched", s,
          () -> Bulk.loadBatched(c, "res.partner", Bulk.VENDOR_FIELDS, Bulk.RECORDS, false));
      roundTrips(out, "vendors.createPerRecord", s,
          () -> Bulk.createPerRecord(c, "res.partner", Bulk.VENDOR_FIELDS, Bulk.RECORDS, false));
      // a second load of the same vendors updates them (upsert by external id): no duplicates
      fake.clear();
      Bulk.loadBatched(c, "res.partner", Bulk.VENDOR_FIELDS, Bulk.RECORDS, false);
      Bulk.loadBatched(c, "res.partner", Bulk.VENDOR_FIELDS, Bulk.RECORDS, false);
      out.put("vendors.afterTwoLoads", fake.size("res.partner"));
      fake.clear();
      roundTrips(out, "poLines.loadBatched", s,
          () -> Bulk.loadBatched(c, "purchase.order.line", Bulk.LINE_FIELDS, Bulk.RECORDS, true));
      roundTrips(out, "poLines.createPerRecord", s,
          () -> Bulk.createPerRecord(c, "purchase.order.line", Bulk.LINE_FIELDS, Bulk.RECORDS, true));
    }
    // the same against odoo-testkit's emulator, counted by the emulator itself
    try (EmulatorBulk e = new EmulatorBulk()) {
      e.odoo.resetCounters();
      out.put("emu.vendors.loadBatched.records", e.vendorsLoadBatched(Bulk.RECORDS));
      out.put("emu.vendors.loadBatched.requests", e.odoo.requestCount());
      out.put("emu.vendors.stored", e.records("res.partner").stream()
          .filter(r -> String.valueOf(r.get("ref")).startsWith("V-")).count());
      e.odoo.resetCounters();
      out.put("emu.poLines.loadBatched.records", e.linesLoadBatched(Bulk.RECORDS));
      out.put("emu.poLines.loadBatched.requests", e.odoo.requestCount());
      out.put("emu.poLines.stored", e.records("purchase.order.line").size());
      e.odoo.resetCounters();
      out.put("emu.vendors.createPerRecord.records", e.vendorsCreatePerRecord(1000));
      out.put("emu.vendors.createPerRecord.requests", e.odoo.requestCount());
    }
    String json = out.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "\"%s\": %s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", "{", "}\n"));
    Path p = Paths.get(args[0]);
    Files.createDirectories(p.toAbsolutePath().getParent());
    Files.writeString(p, json, StandardCharsets.UTF_8);
    System.out.print(json);
  }

  private interface Run {
    int records();
  }

  private static void roundTrips(Map<String, Object> out, String name, LoopbackServer s, Run run) {
    s.resetCounts();
    int n = run.records();
    out.put(name + ".records", n);
    out.put(name + ".requests", s.requests());
    out.put(name + ".connections", s.connections());
  }
}
