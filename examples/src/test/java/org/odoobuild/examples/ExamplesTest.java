package org.odoobuild.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.connector.FieldRequestsConnector;
import org.odoobuild.examples.doccontrol.DocumentControlToProcurement;
import org.odoobuild.examples.equipment.TelematicsToErp;
import org.odoobuild.examples.estimating.EstimateToErp;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.Governance;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.testkit.OdooEmulator;

/** Runs each example against the embedded emulator and checks what it left in Odoo. */
class ExamplesTest {
  @TempDir
  Path dir;
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final Console console = new Console(new PrintStream(printed, true, StandardCharsets.UTF_8));

  /** What the example printed, as the message of failed assertions. */
  String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void fieldRequestsBecomeDraftPurchaseOrdersWithLinesOnce() throws Exception {
    try (OdooConnection conn = OdooConnection.emulated(console); SyncStore store = SyncStores.embedded(dir.resolve("sync"))) {
      List<RunReport> runs = FieldRequestsConnector.run(console, conn.client(), store);
      OdooEmulator odoo = conn.emulator().orElseThrow();

      assertEquals(2, runs.get(0).applied(), output());
      assertEquals(3, runs.get(0).deadLettered(), output());
      assertEquals(1, runs.get(1).applied(), output());
      assertEquals(1, runs.get(1).duplicates(), output());
      List<Map<String, Object>> orders = records(odoo, "purchase.order", r -> String.valueOf(r.get("name")).startsWith("MR-"));
      assertEquals(Map.of("MR-101", "draft", "MR-104", "draft"), orders.stream()
          .collect(Collectors.toMap(r -> (String) r.get("name"), r -> (String) r.get("state"))), output());
      assertEquals(2, odoo.callCount("purchase.order", "load"), "one load() per batch, two runs with something to send");

      long project = accountId(odoo, "P-1042");
      List<Map<String, Object>> mr101 = lines(odoo, "MR-101");
      assertEquals(List.of("[FT-12] Form ties 12 in", "[RB-CHAIR] Rebar chairs 2 in", "[LUM-2X10] 2x10 lumber 16 ft"),
          mr101.stream().map(l -> name(l.get("product_id"))).toList());
      assertEquals(List.of(450.0, 250.0, 60.0), mr101.stream().map(l -> l.get("product_qty")).toList(), "v2 updated line 1, added 3");
      assertEquals(List.of("Units", "Units", "Units"), mr101.stream().map(l -> name(l.get("product_uom_id"))).toList());
      assertEquals(List.of(project + "," + accountId(odoo, "03 11 00"), project + "," + accountId(odoo, "03 21 00"),
          project + "," + accountId(odoo, "06 10 00")), mr101.stream().map(ExamplesTest::distribution).toList());
      List<Map<String, Object>> mr104 = lines(odoo, "MR-104");
      assertEquals(1, mr104.size());
      assertEquals("kg", name(mr104.get(0).get("product_uom_id")));
      assertEquals(project + "," + accountId(odoo, "03 21 00"), distribution(mr104.get(0)));

      Map<String, String> dead = new TreeMap<>();
      store.deadLetters(FieldRequestsConnector.FLOW, 10).forEach(d -> dead.put(d.idempotencyKey().replaceAll(".*siteapp:", ""),
          d.errorMessage()));
      assertEquals(Set.of("MR-102:1", "MR-103:1", "MR-105:1"), dead.keySet());
      assertTrue(dead.get("MR-102:1").contains("lines[0].costCode: missing cost code"), dead.toString());
      assertTrue(dead.get("MR-103:1").contains("unknown unit 'bdl'"), dead.toString());
      assertTrue(dead.get("MR-105:1").contains("cannot resolve product GLULAM-24"), dead.toString());
    }
  }

  @Test
  void estimateBecomesProjectCostCodesVendorsAndRequisitionsAndARerunChangesNothing() throws Exception {
    try (OdooConnection conn = OdooConnection.emulated(console)) {
      OdooEmulator odoo = conn.emulator().orElseThrow();
      for (int run = 1; run <= 2; run++) {
        // as the command runs it: the store encrypted at rest; a fresh store re-sends everything
        try (InputStream csv = EstimateToErp.class.getResourceAsStream("/estimate-riverside-medical.csv");
            SyncStore raw = SyncStores.embedded(dir.resolve("sync-" + run));
            SyncStore store = Governance.protect(raw, Governance.keys())) {
          Map<String, RunReport> reports = EstimateToErp.run(console, conn.client(), store, csv);
          assertEquals(8, reports.get("estimate-lines").applied(), output());
          assertEquals(5, reports.get("requisitions").applied(), output());
          assertEquals(List.of("row-10", "row-11"), store.deadLetters("estimate-lines", 10).stream()
              .map(d -> d.idempotencyKey().replaceAll(".*estimating:(row-\\d+):", "$1")).sorted().toList());
          assertEncryptedAtRest(raw, store, "estimate-lines");
        }
        Set<String> items = Set.of("CON-4000", "REB-5", "STL-W12", "STL-HSS", "CW-UNIT", "GWB-58X", "STUD-362", "SRV-CRANE");
        assertEquals(8, records(odoo, "product.product", r -> items.contains(r.get("default_code"))).size(), "run " + run);
        List<Map<String, Object>> projects = records(odoo, "project.project", r -> "Riverside Medical Office".equals(r.get("name")));
        assertEquals(1, projects.size(), "run " + run);
        long projectAccount = accountId(odoo, "EST-2026-118");
        assertEquals(projectAccount, id(projects.get(0).get("account_id")));
        assertEquals(Set.of("01 54 00", "03 30 00", "05 12 00", "07 21 00", "08 44 13", "09 21 16", "26 05 19"),
            records(odoo, "account.analytic.account", r -> "Cost Codes".equals(name(r.get("plan_id")))).stream()
                .map(r -> (String) r.get("code")).collect(Collectors.toSet()), "run " + run);
        List<String> vendors = List.of("Apex Drywall", "ClearSpan Curtain Wall", "Lift & Hoist Rentals", "Metro Ready-Mix",
            "Riverside Steel Erectors", "Volt Supply");
        assertEquals(vendors, records(odoo, "res.partner", r -> vendors.contains(r.get("name"))).stream()
            .map(r -> (String) r.get("name")).sorted().toList(), "each vendor once, run " + run);
        List<Map<String, Object>> orders = records(odoo, "purchase.order",
            r -> String.valueOf(r.get("name")).startsWith("EST-2026-118 / "));
        assertEquals(5, orders.size(), "one requisition per vendor with valid lines, run " + run);
        assertEquals(310_776.0, orders.stream().mapToDouble(r -> (Double) r.get("amount_untaxed")).sum(), 0.001);
        List<Map<String, Object>> lines = orders.stream().flatMap(o -> lines(odoo, (String) o.get("name")).stream()).toList();
        assertEquals(8, lines.size(), "run " + run);
        Set<String> costCodeAccounts = Set.of("01 54 00", "03 30 00", "05 12 00", "08 44 13", "09 21 16").stream()
            .map(c -> projectAccount + "," + accountId(odoo, c)).collect(Collectors.toSet());
        assertEquals(costCodeAccounts, lines.stream().map(ExamplesTest::distribution).collect(Collectors.toSet()));
        assertEquals(Map.of("CY", 1L, "lb", 1L, "Units", 3L, "ft²", 1L, "LF", 1L, "Days", 1L),
            lines.stream().collect(Collectors.groupingBy(l -> name(l.get("product_uom_id")), Collectors.counting())));
      }
    }
  }

  @Test
  void telematicsChargesAndMaintenanceRequestsAreNeverDuplicatedByARerun() throws Exception {
    try (OdooConnection conn = OdooConnection.emulated(console)) {
      OdooEmulator odoo = conn.emulator().orElseThrow();
      for (int run = 1; run <= 2; run++) {
        // as the command runs it: the store encrypted at rest; a fresh store re-sends every report
        try (InputStream json = TelematicsToErp.class.getResourceAsStream("/telematics-week-47.json");
            SyncStore raw = SyncStores.embedded(dir.resolve("sync-" + run));
            SyncStore store = Governance.protect(raw, Governance.keys())) {
          Map<String, RunReport> reports = TelematicsToErp.run(console, conn.client(), store, json);
          assertEquals(6, reports.get("equipment-usage").applied(), output());
          assertEquals(2, reports.get("equipment-usage").deadLettered(), output());
          assertEncryptedAtRest(raw, store, "equipment-usage");
        }
        List<Map<String, Object>> charges = records(odoo, "account.analytic.line", r -> String.valueOf(r.get("ref")).contains("@"));
        assertEquals(5, charges.size(), "charges after run " + run);
        assertEquals(Set.of(1L), Set.copyOf(charges.stream().collect(Collectors.groupingBy(r -> r.get("ref"),
            Collectors.counting())).values()), "0 double charges after run " + run);
        assertEquals(run, odoo.callCount("account.analytic.line", "load"), "one load of the week's charges per run");
        assertEquals(-5692.50, charges.stream().mapToDouble(r -> (Double) r.get("amount")).sum(), 0.001);
        // the cost code's account in the cost-code plan's column (x_plan<id>_id), as Odoo's own analytic lines have it
        String column = "x_plan" + odoo.externalId("construction_sdk.analytic_plan_cost_codes").orElseThrow() + "_id";
        assertEquals(Map.of("31 23 16", 3L, "01 54 00", 2L), charges.stream().collect(Collectors.groupingBy(
            r -> name(r.get(column)).substring(1, 9), Collectors.counting())));
        List<Map<String, Object>> fleet = records(odoo, "maintenance.equipment", r -> String.valueOf(r.get("name")).startsWith("["));
        assertEquals(3, fleet.size(), "run " + run);
        Set<Long> fleetIds = fleet.stream().map(r -> ((Number) r.get("id")).longValue()).collect(Collectors.toSet());
        assertEquals(Set.of("Service due at 1250 h: CAT 320 excavator", "Service due at 5000 h: Grove 90 t mobile crane",
            "Downtime 6 h reported: CAT 320 excavator"), records(odoo, "maintenance.request",
                r -> fleetIds.contains(id(r.get("equipment_id")))).stream().map(r -> (String) r.get("name"))
                .collect(Collectors.toSet()), "run " + run);
      }
    }
  }

  @Test
  void documentControlServesTheConsoleOverItsEngineAndGates() throws Exception {
    try (OdooConnection conn = OdooConnection.emulated(console); SyncStore store = SyncStores.embedded(dir.resolve("sync"))) {
      java.util.concurrent.atomic.AtomicReference<org.odoobuild.console.ConsoleServer> server = new java.util.concurrent.atomic.AtomicReference<>();
      DocumentControlToProcurement.run(console, conn.client(), store,
          (engine, gates) -> server.set(DocumentControlToProcurement.startConsole(engine, store, gates, 0, "test-password")));
      try (org.odoobuild.console.ConsoleServer c = server.get()) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("viewer:test-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> flows = http.send(java.net.http.HttpRequest.newBuilder(c.url().resolve("flows"))
            .header("Authorization", basic).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, flows.statusCode(), flows.body());
        assertTrue(flows.body().contains("submittal-decisions"), "the example's flows are listed");
        java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(c.url().resolve("flows"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(anonymous.statusCode() == 401 || anonymous.statusCode() == 303 || anonymous.statusCode() == 302,
            "sign-in required: " + anonymous.statusCode());
      }
    }
  }

  @Test
  void documentControlReleasesApprovedPackagesAndHoldsSupersededOnes() throws Exception {
    // as the command runs it: the store encrypted at rest
    try (OdooConnection conn = OdooConnection.emulated(console); SyncStore raw = SyncStores.embedded(dir.resolve("sync"));
        SyncStore store = Governance.protect(raw, Governance.keys())) {
      assertEquals(2, DocumentControlToProcurement.run(console, conn.client(), store), output());
      OdooEmulator odoo = conn.emulator().orElseThrow();
      Map<String, Map<String, Object>> orders = records(odoo, "purchase.order", r -> String.valueOf(r.get("name")).startsWith("SUB "))
          .stream().collect(Collectors.toMap(r -> (String) r.get("name"), r -> r));
      assertEquals(Map.of("SUB 05 12 00-001", "purchase", "SUB 08 44 13-002", "purchase", "SUB 03 30 00-003", "draft",
          "SUB 09 21 16-004", "draft"), orders.values().stream().collect(Collectors.toMap(r -> (String) r.get("name"),
              r -> (String) r.get("state"))), output());
      assertTrue(String.valueOf(orders.get("SUB 05 12 00-001").get("notes")).startsWith("[ON HOLD] drawing S-201 rev C"));
      List<Map<String, Object>> links = records(odoo, "ir.attachment", r -> "purchase.order.line".equals(r.get("res_model")));
      assertEquals(4, links.size(), "each line linked to the drawing it was bought for");
      List<Map<String, Object>> held = links.stream().filter(l -> String.valueOf(l.get("description")).startsWith("ON HOLD: ")).toList();
      assertEquals(1, held.size(), "found from the link: the steel line bought for S-201 rev B");
      assertEquals("urn:construction-sdk:document_revision:doccontrol:S-201@B", held.get(0).get("url"));
      long steelLine = ((Number) lines(odoo, "SUB 05 12 00-001").get(0).get("id")).longValue();
      assertEquals(steelLine, ((Number) held.get(0).get("res_id")).longValue());
      assertEquals(2, odoo.callCount("purchase.order", "button_confirm"), "the duplicate approval released nothing twice");
      for (Map<String, Object> o : orders.values()) {
        List<Map<String, Object>> lines = lines(odoo, (String) o.get("name"));
        assertEquals(1, lines.size());
        assertEquals(String.valueOf(accountId(odoo, ((String) o.get("name")).substring(4, 12))), distribution(lines.get(0)));
      }
      assertEquals(1, store.deadLetters("submittal-decisions", 10).size(), "the non-compliant vendor's approval");

      // encrypted at rest: the dead letter's payload is unreadable in the database, readable through the SDK
      try (java.sql.Connection c = raw.database().orElseThrow().getConnection(); java.sql.Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SELECT payload FROM sync_outbox WHERE status = 'dead'")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("enc1:") && !rs.getString(1).contains("03 30 00-003"), rs.getString(1));
      }
      assertTrue(store.deadLetters("submittal-decisions", 10).get(0).payload().contains("submittal"));
      assertTrue(org.odoobuild.connectors.audit.AuditChain.open(raw).verify().intact());
      // the drawing hold and the dead letter are cases with owners
      assertTrue(output().contains("DRAWING_HOLD → pm.lee"), output());
      assertTrue(output().contains("DEAD_LETTER → integration-team") || output().contains("VALIDATION → integration-team"), output());
    }
  }

  /** Code between the user-code markers of the connector: what docs/writing-a-connector.md says a user writes. */
  @Test
  void theConnectorsUserCodeIsAtMost80LinesAsTheDocSays() throws Exception {
    List<String> source = Files.readAllLines(CONNECTOR);
    int from = source.indexOf("  // ---- user code ----");
    int to = source.indexOf("  // ---- end of user code ----");
    assertTrue(from >= 0 && to > from, "markers in " + CONNECTOR);
    long lines = source.subList(from + 1, to).stream().filter(l -> !isBlankOrComment(l)).count();
    assertTrue(lines <= 80, lines + " lines of user code");
    assertTrue(Files.readString(DOC).contains("**" + lines + " lines**"), "the doc states the count, " + lines);
  }

  /** Every Java block of docs/writing-a-connector.md appears in the examples (blank and comment lines aside). */
  @Test
  void everyCodeBlockOfTheConnectorDocAppearsVerbatimInTheExamples() throws Exception {
    List<List<String>> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.add(code(Files.readAllLines(f)));
      }
    }
    Set<String> connectorImports = Files.readAllLines(CONNECTOR).stream().filter(l -> l.startsWith("import ")).collect(
        Collectors.toSet());
    List<List<String>> blocks = javaBlocks(Files.readAllLines(DOC));
    assertTrue(blocks.size() >= 10, blocks.size() + " blocks");
    for (List<String> block : blocks) {
      List<String> code = code(block);
      if (code.stream().allMatch(l -> l.startsWith("import "))) {
        assertTrue(connectorImports.containsAll(code), "imports not in " + CONNECTOR + ": " + code.stream()
            .filter(l -> !connectorImports.contains(l)).toList());
      } else {
        assertTrue(sources.stream().anyMatch(src -> java.util.Collections.indexOfSubList(src, code) >= 0),
            "not in the examples:\n" + String.join("\n", block));
      }
    }
  }

  static final Path CONNECTOR = Path.of("src/main/java/org/odoobuild/examples/connector/FieldRequestsConnector.java");
  static final Path DOC = Path.of("../docs/writing-a-connector.md");

  static boolean isBlankOrComment(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("//") || t.startsWith("/*") || t.startsWith("*");
  }

  /** The code lines, stripped, without blank and comment lines. */
  static List<String> code(List<String> lines) {
    return lines.stream().filter(l -> !isBlankOrComment(l)).map(String::strip).toList();
  }

  static List<List<String>> javaBlocks(List<String> markdown) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = null;
    for (String line : markdown) {
      if (current == null && line.equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        blocks.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return blocks;
  }

  static List<Map<String, Object>> records(OdooEmulator odoo, String model, Predicate<Map<String, Object>> filter) {
    return odoo.records(model).stream().filter(filter).toList();
  }

  /** The lines of the purchase order named {@code order}, by sequence. */
  static List<Map<String, Object>> lines(OdooEmulator odoo, String order) {
    return records(odoo, "purchase.order.line", l -> order.equals(name(l.get("order_id")))).stream()
        .sorted(java.util.Comparator.comparingInt(l -> ((Number) l.get("sequence")).intValue())).toList();
  }

  /** The analytic account with this code. */
  static long accountId(OdooEmulator odoo, String code) {
    List<Map<String, Object>> found = records(odoo, "account.analytic.account", r -> code.equals(r.get("code")));
    assertEquals(1, found.size(), "accounts with code " + code);
    return ((Number) found.get(0).get("id")).longValue();
  }

  /** The accounts of a line's analytic distribution ({@code "<project account>,<cost code account>"}), all at 100 %. */
  static String distribution(Map<String, Object> line) {
    Object raw = line.get("analytic_distribution");
    // Odoo parses the load() text of a json field (ir_fields._str_to_json); the emulator may keep the text
    Map<?, ?> d = raw instanceof String text ? readJson(text) : (Map<?, ?>) raw;
    assertEquals(1, d.size(), line.toString());
    assertEquals(new BigDecimal("100"), new BigDecimal(String.valueOf(d.values().iterator().next())).stripTrailingZeros()
        .setScale(0));
    return String.valueOf(d.keySet().iterator().next());
  }

  static Map<?, ?> readJson(String text) {
    try {
      return new ObjectMapper().readValue(text, Map.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a JSON object: " + text, e);
    }
  }

  static String name(Object many2one) {
    return many2one instanceof List<?> l && l.size() == 2 ? String.valueOf(l.get(1)) : "";
  }

  static long id(Object many2one) {
    return many2one instanceof List<?> l && !l.isEmpty() ? ((Number) l.get(0)).longValue() : 0;
  }

  /**
   * The flow's dead letters are ciphertext in the database and readable through the protected
   * store, and the audit chain verifies.
   */
  private static void assertEncryptedAtRest(SyncStore raw, SyncStore store, String flow)
      throws java.sql.SQLException {
    List<String> stored = new java.util.ArrayList<>();
    try (java.sql.Connection c = raw.database().orElseThrow().getConnection();
        java.sql.PreparedStatement st = c.prepareStatement("SELECT payload FROM sync_outbox WHERE flow = ? AND status = 'dead'")) {
      st.setString(1, flow);
      try (java.sql.ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    assertTrue(!stored.isEmpty(), "dead letters of " + flow);
    assertTrue(stored.stream().allMatch(p -> p.startsWith("enc1:")), stored.toString());
    assertTrue(store.deadLetters(flow, 10).stream().allMatch(d -> !d.payload().startsWith("enc1:")),
        "readable through the SDK");
    assertTrue(org.odoobuild.connectors.audit.AuditChain.open(raw).verify().intact());
  }
}
