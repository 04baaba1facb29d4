package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.workflow.p2p.MatchTolerance;
import org.odoobuild.workflow.p2p.MatchTolerances;
import org.odoobuild.workflow.p2p.P2pEvent;
import org.odoobuild.workflow.p2p.Variance;

/**
 * The money chain against emulated Odoo 17 and 19: deliveries validate the order's receipt (with a
 * backorder for the rest), bills are linked to the order lines, matched, posted or held, and the
 * three events come from those verified state changes.
 */
class ProcureToPayOnOdooTest {

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aPartialDeliveryValidatesTheReceiptLeavesABackorderAndIsAppliedOnce(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      OdooReceipts receipts = w.receipts();
      long receipt = w.records("stock.picking", "origin", "PO-5001").stream().mapToLong(r -> ((Number) r.get("id")).longValue())
          .findFirst().orElseThrow();
      // 12 units accepted and 1 damaged of the ready-mix; the rebar delivered as 2 t against a line in kg
      OdooReceipts.Outcome o = receipts.apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "12", "EA", "1"},
          new Object[] {2, "2", "t"}));
      assertEquals(receipt, o.picking());
      assertFalse(o.alreadyApplied());

      Map<String, Object> picking = w.records("stock.picking", "id", receipt).get(0);
      assertEquals("done", picking.get("state"));
      List<Map<String, Object>> moves = w.records("stock.move", "picking_id", receipt);
      assertEquals(List.of("done", "done"), moves.stream().map(m -> m.get("state")).toList());
      assertEquals(new BigDecimal("12"), P2pWorld.dec(moves.get(0).get("quantity")));
      assertEquals(new BigDecimal("2000"), P2pWorld.dec(moves.get(1).get("quantity")), "2 t received as 2000 kg");
      long backorder = o.backorder().orElseThrow();
      List<Map<String, Object>> rest = w.records("stock.move", "picking_id", backorder);
      assertEquals(2, rest.size(), "the damaged unit and the rest stay expected on the backorder");
      assertEquals(new BigDecimal("8"), P2pWorld.dec(rest.get(0).get("product_uom_qty")));
      assertEquals(new BigDecimal("1000"), P2pWorld.dec(rest.get(1).get("product_uom_qty")));
      assertEquals(receipt, ((Number) ((List<?>) w.records("stock.picking", "id", backorder).get(0).get("backorder_id")).get(0)).longValue());
      List<Map<String, Object>> lines = w.records("purchase.order.line", "order_id", w.orderId);
      assertEquals(new BigDecimal("12"), P2pWorld.dec(lines.get(0).get("qty_received")));
      assertEquals(new BigDecimal("2000"), P2pWorld.dec(lines.get(1).get("qty_received")));

      // delivery_received_on_site from the validated receipt
      List<P2pEvent.DeliveryReceived> delivered = w.events(P2pEvent.DeliveryReceived.class);
      assertEquals(1, delivered.size());
      P2pEvent.DeliveryReceived e = delivered.get(0);
      assertEquals("stock.picking," + receipt, e.picking());
      assertEquals(Optional.of("stock.picking," + backorder), e.backorder());
      assertEquals("PO-5001", e.purchaseOrder());
      assertEquals(new P2pEvent.ReceivedLine(1, "", new BigDecimal("12"), BigDecimal.ONE, new BigDecimal("8"), "ea"), e.lines().get(0));
      assertEquals(new P2pEvent.ReceivedLine(2, "", new BigDecimal("2000"), BigDecimal.ZERO, new BigDecimal("1000"), "kg"), e.lines().get(1));
      assertEquals("odoo:stock.picking," + receipt + ":delivery_received_on_site", w.events.get(0).key().idempotencyKey());

      // the same delivery again changes nothing in Odoo; its event has the same key
      int validations = w.server.callCount("stock.picking", "button_validate");
      int writes = w.server.callCount("stock.move", "write");
      OdooReceipts.Outcome again = receipts.apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "12", "EA", "1"},
          new Object[] {2, "2", "t"}));
      assertTrue(again.alreadyApplied());
      assertEquals(validations, w.server.callCount("stock.picking", "button_validate"));
      assertEquals(writes, w.server.callCount("stock.move", "write"));
      assertEquals(2, w.records("stock.picking", "origin", "PO-5001").size());
      assertEquals(w.events.get(0).key(), w.events.get(1).key());

      // the next delivery receives the backorder in full: no further backorder
      OdooReceipts.Outcome second = receipts.apply(P2pWorld.delivery("DT-2", P2pWorld.ORDER, new Object[] {1, "8", "EA"},
          new Object[] {2, "1000", "kg"}));
      assertEquals(backorder, second.picking());
      assertEquals(Optional.empty(), second.backorder());
      assertEquals("done", w.records("stock.picking", "id", backorder).get(0).get("state"));
      assertEquals(new BigDecimal("20"), P2pWorld.dec(w.records("purchase.order.line", "order_id", w.orderId).get(0).get("qty_received")));
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void anExactBillIsPostedWithCostOnTheProjectsCostCodesAndAnOverPricedOneIsHeldUntilApproved(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "12", "EA"}, new Object[] {2, "2000", "kg"}));
      OdooVendorBills bills = w.bills().owner("admin").build();

      OdooVendorBills.Outcome exact = bills.submit(P2pWorld.bill("INV-1", "USD", P2pWorld.ORDER, new Object[] {1, "12", "EA", "145.00"},
          new Object[] {2, "2", "t", "620.00"}));
      assertEquals(OdooVendorBills.Status.POSTED, exact.status());
      assertTrue(exact.created());
      Map<String, Object> move = w.records("account.move", "id", exact.bill()).get(0);
      assertEquals("posted", move.get("state"));
      assertEquals("in_invoice", move.get("move_type"));
      assertEquals("INV-1", move.get("ref"));
      List<Map<String, Object>> billLines = w.records("account.move.line", "move_id", exact.bill());
      List<Map<String, Object>> poLines = w.records("purchase.order.line", "order_id", w.orderId);
      assertEquals(poLines.get(0).get("id"), ((List<?>) billLines.get(0).get("purchase_line_id")).get(0));
      assertEquals(poLines.get(1).get("id"), ((List<?>) billLines.get(1).get("purchase_line_id")).get(0));
      assertEquals(new BigDecimal("2000"), P2pWorld.dec(billLines.get(1).get("quantity")), "billed in the order line's unit");
      assertEquals(new BigDecimal("0.62"), P2pWorld.dec(billLines.get(1).get("price_unit")));
      assertEquals(poLines.get(0).get("analytic_distribution"), billLines.get(0).get("analytic_distribution"));

      // the analytic lines Odoo made: project in account_id, cost code in the cost-code plan's column
      long projectAccount = w.known.idOf(org.odoobuild.model.common.ExternalIds.of(org.odoobuild.adapters.mapping.ProjectMapping.ACCOUNT_TYPE, P2pWorld.PROJECT)).orElseThrow();
      long concrete = w.odoo.model("account.analytic.account").search(org.odoobuild.client.Query.where(
          org.odoobuild.client.Domain.where("code", "=", "03 30 00"))).get(0);
      String column = w.odoo.model("account.analytic.line").fields().keySet().stream().filter(f -> f.startsWith("x_plan"))
          .reduce((a, b) -> b).orElseThrow();
      List<Map<String, Object>> analytic = w.server.records("account.analytic.line");
      assertEquals(2, analytic.size(), analytic + " " + column + " " + concrete);
      Map<String, Object> first = analytic.stream().filter(a -> a.get(column) instanceof List<?> l && ((Number) l.get(0)).longValue() == concrete)
          .findFirst().orElseThrow(() -> new AssertionError(analytic + " " + column + " " + concrete));
      assertEquals(new BigDecimal("-1740"), P2pWorld.dec(first.get("amount")));
      assertEquals(projectAccount, ((Number) ((List<?>) first.get("account_id")).get(0)).longValue());

      // cost_posted from the posted bill's analytic lines
      P2pEvent.CostPosted cost = w.events(P2pEvent.CostPosted.class).get(0);
      assertEquals("account.move," + exact.bill(), cost.erpBill());
      assertEquals(move.get("name"), cost.entry());
      assertTrue(cost.entry().startsWith("BILL/2026/03/"), cost.entry());
      assertEquals(List.of(new P2pEvent.CostLine("RMC-24", "03 30 00", new BigDecimal("1740"), new BigDecimal("12")),
          new P2pEvent.CostLine("RMC-24", "03 20 00", new BigDecimal("1240"), new BigDecimal("2000"))), cost.lines());

      // the same bill from another channel: found by vendor + reference, nothing written
      int loads = w.server.callCount("account.move", "load");
      OdooVendorBills.Outcome dup = bills.submit(P2pWorld.bill("INV-1", "USD", P2pWorld.ORDER, new Object[] {1, "12", "EA", "145.00"}));
      assertEquals(exact.bill(), dup.bill());
      assertFalse(dup.created());
      assertEquals(loads, w.server.callCount("account.move", "load"));
      assertEquals(1, w.server.records("account.move").size());
      assertEquals(1, w.server.callCount("account.move", "action_post"));
      List<org.odoobuild.connectors.spi.SourceRecord<P2pEvent>> posted = w.events.stream()
          .filter(e -> e.payload() instanceof P2pEvent.CostPosted).toList();
      assertEquals(posted.get(0).key(), posted.get(1).key(), "announced again under the same key: the outbox keeps one");
      w.events.remove(posted.get(1));

      // the rest arrives; its bill is 4.8 % over the order price (2 % allowed): held, not posted
      w.receipts().apply(P2pWorld.delivery("DT-2", P2pWorld.ORDER, new Object[] {1, "8", "EA"}));
      OdooVendorBills.Outcome over = bills.submit(P2pWorld.bill("INV-2", "USD", P2pWorld.ORDER, new Object[] {1, "8", "EA", "152.00"}));
      assertEquals(OdooVendorBills.Status.BLOCKED, over.status());
      assertEquals("draft", w.records("account.move", "id", over.bill()).get(0).get("state"));
      assertEquals(2, w.server.records("account.analytic.line").size(), "no cost posted for the held bill");
      List<Map<String, Object>> activities = w.records("mail.activity", "res_id", over.bill());
      assertEquals(1, activities.size());
      assertEquals("account.move", activities.get(0).get("res_model"));
      assertEquals("Variance hold: INV-2", activities.get(0).get("summary"));
      assertTrue(String.valueOf(activities.get(0).get("note")).contains("line 1 price 152 vs PO 145 USD"), activities.get(0).toString());
      assertEquals(1, bills.blocked().size());
      P2pEvent.InvoiceBlocked blocked = w.events(P2pEvent.InvoiceBlocked.class).get(0);
      assertEquals("account.move," + over.bill(), blocked.erpBill());
      assertEquals(Variance.Kind.PRICE, blocked.variances().get(0).kind());
      assertEquals(1, w.events(P2pEvent.CostPosted.class).size());

      // submitting it again keeps it held (no second activity); the owner approves: posted, hold removed, cost posted
      assertEquals(OdooVendorBills.Status.BLOCKED, bills.submit(P2pWorld.bill("INV-2", "USD", P2pWorld.ORDER,
          new Object[] {1, "8", "EA", "152.00"})).status());
      assertEquals(1, w.records("mail.activity", "res_id", over.bill()).size());
      assertEquals(OdooVendorBills.Status.POSTED, bills.approve(over.bill(), "pm.lee").status());
      assertEquals("posted", w.records("account.move", "id", over.bill()).get(0).get("state"));
      assertEquals(0, w.records("mail.activity", "res_id", over.bill()).size());
      assertEquals(0, bills.blocked().size());
      List<P2pEvent.CostPosted> costs = w.events(P2pEvent.CostPosted.class);
      assertEquals(2, costs.size());
      assertEquals(0, new BigDecimal("1216").compareTo(costs.get(1).total()));
      assertEquals(3, w.server.records("account.analytic.line").size());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void toleranceOfTheCostCodeLetsTheSameBillThrough(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "20", "EA"}));
      OdooVendorBills bills = w.bills().tolerances(MatchTolerances.builder(MatchTolerance.exact())
          .costCode("03 30 00", new MatchTolerance(new BigDecimal("5"), BigDecimal.ZERO, BigDecimal.ZERO)).build()).build();
      assertEquals(OdooVendorBills.Status.POSTED, bills.submit(P2pWorld.bill("INV-7", "USD", P2pWorld.ORDER,
          new Object[] {1, "8", "EA", "152.00"})).status());
      // billed 8 + 13 = 21 of the 20 received: the quantity variance holds the second bill
      OdooVendorBills.Outcome more = bills.submit(P2pWorld.bill("INV-8", "USD", P2pWorld.ORDER, new Object[] {1, "13", "EA", "145.00"}));
      assertEquals(OdooVendorBills.Status.BLOCKED, more.status());
      assertEquals(Variance.Kind.QUANTITY, more.match().orElseThrow().variances().get(0).kind());
      assertEquals(0, new BigDecimal("21").compareTo(more.match().orElseThrow().variances().get(0).actual()));
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void badInputIsRefusedWithATypedProblemAndNothingIsWritten(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      OdooReceipts receipts = w.receipts();
      OdooVendorBills bills = w.bills().build();
      int moveWrites = w.server.callCount("stock.move", "write");
      P2pException over = assertThrows(P2pException.class, () -> receipts.apply(P2pWorld.delivery("DT-9", P2pWorld.ORDER,
          new Object[] {1, "21", "EA"})));
      assertEquals(P2pException.Problem.OVER_RECEIPT, over.problem());
      assertTrue(over.getMessage().startsWith("over_receipt: delivery DT-9 line 1: 21 ea received but PO-5001 line 1"), over.getMessage());
      assertEquals(P2pException.Problem.UNIT_MISMATCH, assertThrows(P2pException.class, () -> receipts.apply(P2pWorld.delivery("DT-10",
          P2pWorld.ORDER, new Object[] {2, "3", "m"}))).problem());
      assertEquals(P2pException.Problem.INVALID, assertThrows(P2pException.class, () -> receipts.apply(P2pWorld.delivery("DT-11",
          P2pWorld.ORDER, new Object[] {1, "-2", "EA"}))).problem());
      assertEquals(P2pException.Problem.UNKNOWN_PURCHASE_ORDER, assertThrows(P2pException.class, () -> receipts.apply(
          P2pWorld.delivery("DT-12", org.odoobuild.model.common.SourceRef.of("erp", "PO-404"), new Object[] {1, "1", "EA"}))).problem());
      assertEquals(moveWrites, w.server.callCount("stock.move", "write"));
      assertEquals(0, w.server.callCount("ir.model.data", "create"), "no delivery marked");
      assertEquals("assigned", w.records("stock.picking", "origin", "PO-5001").get(0).get("state"));

      assertEquals(P2pException.Problem.UNKNOWN_PURCHASE_ORDER, assertThrows(P2pException.class, () -> bills.submit(P2pWorld.bill("INV-404",
          "USD", org.odoobuild.model.common.SourceRef.of("erp", "PO-404"), new Object[] {1, "1", "EA", "145.00"}))).problem());
      P2pException currency = assertThrows(P2pException.class, () -> bills.submit(P2pWorld.bill("INV-EUR", "EUR", P2pWorld.ORDER,
          new Object[] {1, "1", "EA", "145.00"})));
      assertEquals(P2pException.Problem.CURRENCY_MISMATCH, currency.problem());
      assertEquals("currency_mismatch: bill INV-EUR is in EUR but purchase order PO-5001 is in USD", currency.getMessage());
      assertEquals(P2pException.Problem.UNIT_MISMATCH, assertThrows(P2pException.class, () -> bills.submit(P2pWorld.bill("INV-M",
          "USD", P2pWorld.ORDER, new Object[] {2, "3", "m", "1.00"}))).problem());
      assertEquals(P2pException.Problem.INVALID, assertThrows(P2pException.class, () -> bills.submit(P2pWorld.bill("INV-NEG",
          "USD", P2pWorld.ORDER, new Object[] {1, "-1", "EA", "145.00"}))).problem());
      assertEquals(0, w.server.records("account.move").size());
      assertEquals(0, w.server.callCount("account.move", "load"));
      assertEquals(0, w.server.callCount("account.move", "action_post"));
      assertEquals(List.of(), w.events);
    }
  }

  /** A clock moved by hand. */
  static final class HandClock extends java.time.Clock {
    volatile java.time.Instant now = java.time.Instant.parse("2026-03-16T09:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aHoldLeftPastItsSlaIsEscalatedAndARejectedBillIsCancelled(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      HandClock clock = new HandClock();
      OdooVendorBills bills = w.bills().clock(clock).blockSla(java.time.Duration.ofDays(3)).build();
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "20", "EA"}));
      long held = bills.submit(P2pWorld.bill("INV-5", "USD", P2pWorld.ORDER, new Object[] {1, "20", "EA", "160.00"})).bill();
      assertEquals("2026-03-19", w.records("mail.activity", "res_id", held).get(0).get("date_deadline"), "due when the SLA ends");
      assertEquals(0, bills.escalateOverdue());
      clock.now = clock.now.plus(java.time.Duration.ofDays(4));
      assertEquals(1, bills.escalateOverdue());
      assertEquals(List.of("Variance hold: INV-5", "Escalated: Variance hold: overdue"), w.records("mail.activity", "res_id", held)
          .stream().map(a -> a.get("summary")).toList());
      assertEquals(0, bills.escalateOverdue(), "escalated once per deadline");

      assertEquals(OdooVendorBills.Status.REJECTED, bills.reject(held, "pm.lee", "price not agreed").status());
      assertEquals("cancel", w.records("account.move", "id", held).get(0).get("state"));
      assertEquals(1, w.records("mail.activity", "res_id", held).size(), "the hold is gone, the escalation stays for the record");
      assertEquals(0, w.server.records("account.analytic.line").size());
      assertEquals(0, bills.blocked().size());
    }
  }
}
