package org.odoobuild.examples.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.cases.CaseKind;
import org.odoobuild.connectors.cases.ExceptionCase;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.workflow.jobcost.JobCostLine;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * Runs the procure-to-pay reference integration against emulated Odoo 17 and 19 and checks what
 * it left in Odoo (orders, receipts and moves, bill states, analytic amounts, activities) and
 * that the job cost equals the hand computation from the inputs.
 */
class ProcureToPayIntegrationTest {
  @TempDir Path dir;

  static List<Map<String, Object>> where(OdooEmulator odoo, String model, String field, Object value) {
    return odoo.records(model).stream().filter(r -> Objects.equals(r.get(field), value) || r.get(field) instanceof List<?> l
        && !l.isEmpty() && l.get(0) instanceof Number n && value instanceof Number v && n.longValue() == v.longValue()).toList();
  }

  static BigDecimal dec(Object v) {
    return new BigDecimal(String.valueOf(v));
  }

  static void assertAmount(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual instanceof BigDecimal b ? b : dec(actual)), expected + " vs " + actual);
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void theChainLeavesTheExpectedRecordsInOdooAndTheJobCostIsTheHandComputation(int version) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // with the demo data, as the command runs it: other orders, receipts and analytic accounts are around
    try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).apiKey("admin", "p2p-example").build().start();
        OdooClient client = OdooClient.builder().url(odoo.url().toString()).database(odoo.database()).login("admin").apiKey("p2p-example")
            .build();
        SyncStore store = SyncStores.inMemory()) {
      ProcureToPayIntegration.Result r = ProcureToPayIntegration.run(new Console(new PrintStream(printed, true, StandardCharsets.UTF_8)),
          client, store, dir);

      // orders: the two from the estimate released, the change request held back by the budget guard
      Map<String, Object> states = odoo.records("purchase.order").stream().filter(p -> String.valueOf(p.get("name")).startsWith("PO-"))
          .collect(Collectors.toMap(p -> (String) p.get("name"), p -> p.get("state")));
      assertEquals(Map.of("PO-KS-1", "purchase", "PO-MF-1", "purchase", "PO-KS-2", "draft"), states);
      assertTrue(r.refusedByBudget().startsWith("PO-KS-2 would commit 1740.00 USD on cost code 03 30 00 of project RMC-24 but only 0.00"),
          r.refusedByBudget());

      // the partial delivery: the receipt validated with what arrived, the backorder expects the rest (the rejected load included)
      long ks = r.orders().get("PO-KS-1");
      List<Map<String, Object>> pickings = where(odoo, "stock.picking", "origin", "PO-KS-1");
      assertEquals(2, pickings.size());
      Map<String, Object> receipt = pickings.get(0);
      Map<String, Object> backorder = pickings.get(1);
      assertEquals("done", receipt.get("state"));
      assertEquals("assigned", backorder.get("state"));
      assertEquals(((Number) receipt.get("id")).longValue(), ((Number) ((List<?>) backorder.get("backorder_id")).get(0)).longValue());
      List<Map<String, Object>> done = where(odoo, "stock.move", "picking_id", receipt.get("id"));
      assertEquals(List.of("done", "done"), done.stream().map(m -> m.get("state")).toList());
      assertAmount("2000", done.get(0).get("quantity"));
      assertAmount("24", done.get(1).get("quantity"));
      List<Map<String, Object>> rest = where(odoo, "stock.move", "picking_id", backorder.get("id"));
      assertAmount("1000", rest.get(0).get("product_uom_qty"));
      assertAmount("16", rest.get(1).get("product_uom_qty"));
      List<Map<String, Object>> ksLines = where(odoo, "purchase.order.line", "order_id", ks);
      assertAmount("2000", ksLines.get(0).get("qty_received"));
      assertAmount("24", ksLines.get(1).get("qty_received"));
      assertEquals("done", where(odoo, "stock.picking", "origin", "PO-MF-1").get(0).get("state"));

      // bills: both posted (the over-priced one after approval), nothing for the bad ones, no hold left
      Map<Object, Object> bills = odoo.records("account.move").stream().collect(Collectors.toMap(m -> m.get("ref"), m -> m.get("state")));
      assertEquals(Map.of("INV-KS-1001", "posted", "INV-MF-77", "posted"), bills);
      assertEquals(0, odoo.records("mail.activity").size(), "the hold was removed when the variance was approved");
      assertAmount("34", where(odoo, "account.move.line", "move_id", r.heldBill()).get(0).get("price_unit"));

      // analytic lines: the cost on the project's cost codes (a cost is negative)
      Map<Long, String> codes = odoo.records("account.analytic.account").stream().filter(a -> a.get("code") instanceof String
              && !((String) a.get("code")).isEmpty())
          .collect(Collectors.toMap(a -> ((Number) a.get("id")).longValue(), a -> (String) a.get("code")));
      Map<String, BigDecimal> analytic = new java.util.TreeMap<>();
      for (Map<String, Object> a : odoo.records("account.analytic.line")) {
        assertEquals("RMC-24", codes.get(((Number) ((List<?>) a.get("account_id")).get(0)).longValue()), "the project's account");
        String costCode = a.entrySet().stream().filter(e -> e.getKey().startsWith("x_plan") && e.getValue() instanceof List<?>)
            .map(e -> codes.get(((Number) ((List<?>) e.getValue()).get(0)).longValue())).findFirst().orElseThrow();
        analytic.merge(costCode, dec(a.get("amount")), BigDecimal::add);
      }
      assertEquals(3, odoo.records("account.analytic.line").size(), "one per posted bill line");

      // the hand computation from the inputs
      BigDecimal budgetForming = new BigDecimal("60").multiply(new BigDecimal("32.50"));       // 1950.00
      BigDecimal budgetRebar = new BigDecimal("3000").multiply(new BigDecimal("0.62"));        // 1860.00
      BigDecimal budgetConcrete = new BigDecimal("40").multiply(new BigDecimal("145.00"));     // 5800.00
      BigDecimal actualForming = new BigDecimal("60").multiply(new BigDecimal("34.00"));       // 2040.00: billed over price, approved
      BigDecimal actualRebar = new BigDecimal("2000").multiply(new BigDecimal("0.62"));        // 1240.00
      BigDecimal actualConcrete = new BigDecimal("24").multiply(new BigDecimal("145.00"));     // 3480.00
      BigDecimal committedForming = BigDecimal.ZERO;                                             // 60 ordered, 60 billed
      BigDecimal committedRebar = new BigDecimal("3000").subtract(new BigDecimal("2000")).multiply(new BigDecimal("0.62"));  // 620.00
      BigDecimal committedConcrete = new BigDecimal("40").subtract(new BigDecimal("24")).multiply(new BigDecimal("145.00")); // 2320.00
      assertAmount(actualForming.negate().toPlainString(), analytic.get("03 11 00"));
      assertAmount(actualRebar.negate().toPlainString(), analytic.get("03 20 00"));
      assertAmount(actualConcrete.negate().toPlainString(), analytic.get("03 30 00"));
      check(r.jobCost().line("03 11 00").orElseThrow(), budgetForming, committedForming, actualForming);
      check(r.jobCost().line("03 20 00").orElseThrow(), budgetRebar, committedRebar, actualRebar);
      check(r.jobCost().line("03 30 00").orElseThrow(), budgetConcrete, committedConcrete, actualConcrete);
      assertAmount("-90", r.jobCost().line("03 11 00").orElseThrow().variance());
      JsonNode json = new ObjectMapper().readTree(Files.readString(r.json()));
      assertAmount(actualConcrete.toPlainString(), json.get("lines").get(2).get("actual").decimalValue());
      assertTrue(Files.readString(r.csv()).contains("03 20 00,Concrete reinforcing,1860.00,620.00,1240.00,620.00,0.00"));

      // events from the state changes, each once; bad input dead-lettered with its reason
      assertEquals(List.of("delivery_received_on_site", "delivery_received_on_site", "cost_posted", "invoice_blocked_for_variance",
          "cost_posted"), r.events().stream().map(e -> e.type().name()).toList());
      P2pEvent.CostPosted approved = (P2pEvent.CostPosted) r.events().get(4);
      assertEquals("account.move," + r.heldBill(), approved.erpBill());
      assertAmount("2040", approved.total());
      assertEquals(List.of("over_receipt", "invalid", "unknown_purchase_order", "currency_mismatch"), r.deadLetters().stream()
          .map(d -> d.errorMessage().replaceAll("^P2pException: ([a-z_]+):.*$", "$1").replaceAll("(?s):.*", "")).toList());
      assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Job cost of RMC-24 (USD)"));

      // encryption at rest: no payload is readable in the database, every one is through the SDK
      int payloads = 0;
      try (java.sql.Connection c = store.database().orElseThrow().getConnection(); java.sql.Statement st = c.createStatement();
          java.sql.ResultSet rs = st.executeQuery("SELECT payload FROM sync_outbox")) {
        while (rs.next()) {
          String stored = rs.getString(1);
          assertTrue(stored.startsWith("enc1:example-1:"), stored);
          assertFalse(stored.contains("INV-") || stored.contains("Keystone"), stored);
          payloads++;
        }
      }
      assertTrue(payloads >= 4, "dead letters and events are in the outbox: " + payloads);
      assertTrue(r.deadLetters().stream().anyMatch(d -> d.payload().contains("INV-KS-1999")), "readable through the SDK");
      assertTrue(org.odoobuild.connectors.audit.AuditChain.open(store).verify().intact(), "the audit chain is sealed and intact");

      // ownership: the remittance email accounts payable keeps in Odoo was not overwritten by estimating
      Map<String, Object> keystone = odoo.records("res.partner").stream().filter(p -> "Keystone Supply".equals(p.get("name")))
          .findFirst().orElseThrow();
      assertEquals(ProcureToPayIntegration.AP_REMITTANCE_EMAIL, keystone.get("email"));

      // exception cases with owners: the conflict, the four dead letters; the variance hold was resolved by the approval
      Map<CaseKind, List<String>> owners = r.cases().stream().collect(Collectors.groupingBy(c -> c.facts().kind(),
          java.util.TreeMap::new, Collectors.mapping(ExceptionCase::owner, Collectors.toList())));
      assertEquals(List.of("vendor-master"), owners.get(CaseKind.OWNERSHIP_CONFLICT), owners.toString());
      assertTrue(r.cases().stream().filter(c -> c.facts().kind() == CaseKind.OWNERSHIP_CONFLICT).allMatch(c -> c.facts().summary()
          .contains(ProcureToPayIntegration.AP_REMITTANCE_EMAIL)));
      assertEquals(4, owners.getOrDefault(CaseKind.DEAD_LETTER, List.of()).size() + owners.getOrDefault(CaseKind.VALIDATION,
          List.of()).size(), owners.toString());
      assertEquals(null, owners.get(CaseKind.VARIANCE_HOLD), "resolved when pm.lee approved within the limit");
    }
  }

  static void check(JobCostLine l, BigDecimal budget, BigDecimal committed, BigDecimal actual) {
    assertAmount(budget.toPlainString(), l.budget());
    assertAmount(committed.toPlainString(), l.committed());
    assertAmount(actual.toPlainString(), l.actual());
    assertAmount(budget.subtract(actual).toPlainString(), l.remaining());
    assertAmount(budget.subtract(committed).subtract(actual).toPlainString(), l.variance());
  }
}
