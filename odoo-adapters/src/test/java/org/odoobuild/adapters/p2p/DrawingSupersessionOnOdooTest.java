package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.documents.OdooDrawingHolds;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.documents.DocumentKind;
import org.odoobuild.model.documents.DocumentRevision;
import org.odoobuild.model.documents.DocumentStatus;
import org.odoobuild.model.documents.ImmutableDocumentRevision;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;

/** A superseded drawing finds the lines bought for it from their link, and holds them in Odoo until reviewed. */
class DrawingSupersessionOnOdooTest {
  static final SourceRef S201_B = SourceRef.of("doccontrol", "S-201@B");
  static final SourceRef A101_A = SourceRef.of("doccontrol", "A-101@A");
  static final SourceRef SECOND = SourceRef.of("erp", "PO-5002");

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aSupersededDrawingHoldsTheLinesBoughtForItUntilAReviewReleasesOrCancelsThem(int version) throws Exception {
    try (P2pWorld w = new P2pWorld(version)) {
      List<String> notices = new ArrayList<>();
      OdooDrawingHolds holds = OdooDrawingHolds.builder(w.odoo).references(w.known).notifier((o, m) -> notices.add(m)).build();
      // the first order's concrete was bought for S-201 rev B (linked after the fact); the second order is linked as it is written
      PurchaseOrder first = P2pWorld.order(P2pWorld.ORDER, "20", "3000");
      first = ImmutablePurchaseOrder.copyOf(first).withLines(ImmutablePurchaseOrderLine.copyOf(first.lines().get(0))
          .withDrawingRefs(S201_B), first.lines().get(1));
      assertEquals(1, holds.link(first).size());
      PurchaseOrder second = ImmutablePurchaseOrder.copyOf(P2pWorld.order(SECOND, "10")).withLines(
          ImmutablePurchaseOrderLine.copyOf(P2pWorld.order(SECOND, "10").lines().get(0)).withDrawingRefs(S201_B),
          ImmutablePurchaseOrderLine.builder().lineNumber(2).description("Rebar #5").productCode("RB5")
              .quantity(Quantity.of("500", UnitOfMeasure.KG)).unitPrice(Money.of("0.62", "USD")).costCode("03 20 00")
              .addDrawingRefs(A101_A).build());
      List<SinkResult> written = holds.linking(EntitySink.of(w.odoo, PurchaseOrder.class, w.known)).apply(List.of(SourceRecord.of(
          new RecordKey("test", "PO-5002", "1"), EventCatalog.MASTER_DATA_CHANGED, second, Instant.EPOCH)));
      assertEquals(SinkResult.Outcome.APPLIED, written.get(0).outcome(), written.get(0).detail());
      long secondId = w.known.idOf(ExternalIds.of(PurchaseOrder.TYPE, SECOND)).orElseThrow();
      new OdooProcurement(w.odoo, (a, b) -> { }).release(String.valueOf(secondId));
      assertEquals(3, links(w).size(), "one link per line and drawing, in Odoo");

      List<OdooDrawingHolds.HeldLine> held = holds.supersede(revision());
      long firstLine = line(w, w.orderId, 1);
      long secondLine = line(w, secondId, 1);
      assertEquals(List.of(firstLine, secondLine), held.stream().map(OdooDrawingHolds.HeldLine::line).toList(),
          "found from the links: the concrete of both orders, not the rebar bought for A-101");
      assertTrue(links(w).stream().filter(l -> List.of(firstLine, secondLine).contains(((Number) l.get("res_id")).longValue()))
          .allMatch(l -> String.valueOf(l.get("description")).startsWith("ON HOLD: drawing S-201 rev B superseded by S-201@C")));
      assertEquals(BigDecimal.ZERO, P2pWorld.dec(openMove(w, secondLine).get("quantity")), "its receipt move is unreserved");
      assertEquals(2, holdActivities(w).size(), "the buyer of each order has an activity");
      assertEquals(2, notices.size());
      holds.supersede(revision());
      assertEquals(2, holdActivities(w).size(), "superseding again changes nothing");
      assertEquals(2, notices.size());

      // the SDK's gate: a held line can be neither received nor billed; the rest of the order can
      P2pException receipt = assertThrows(P2pException.class, () -> w.receipts().apply(P2pWorld.delivery("DT-9", SECOND,
          new Object[] {1, "4", "EA"})));
      assertEquals(P2pException.Problem.LINE_ON_HOLD, receipt.problem());
      w.receipts().apply(P2pWorld.delivery("DT-10", SECOND, new Object[] {2, "500", "kg"}));
      assertEquals(BigDecimal.ZERO, P2pWorld.dec(w.records("purchase.order.line", "id", secondLine).get(0).get("qty_received")));
      P2pException bill = assertThrows(P2pException.class, () -> w.bills().build().submit(P2pWorld.bill("INV-7", "USD",
          P2pWorld.ORDER, new Object[] {1, "1", "EA", "145.00"})));
      assertEquals(P2pException.Problem.LINE_ON_HOLD, bill.problem());

      // review: the second order's concrete stands, the first order's goes (it keeps what was received: nothing)
      holds.release(secondLine, "rev C keeps the mix");
      assertEquals(P2pWorld.dec(openMove(w, secondLine).get("product_uom_qty")), P2pWorld.dec(openMove(w, secondLine).get("quantity")));
      assertEquals(1, holdActivities(w).size(), "the second order's activity is done");
      w.receipts().apply(P2pWorld.delivery("DT-11", SECOND, new Object[] {1, "10", "EA"}));
      assertEquals(new BigDecimal("10"), P2pWorld.dec(w.records("purchase.order.line", "id", secondLine).get(0).get("qty_received")));
      holds.cancel(firstLine, "rev C drops the pour");
      assertEquals(BigDecimal.ZERO, P2pWorld.dec(w.records("purchase.order.line", "id", firstLine).get(0).get("product_qty")));
      assertTrue(w.records("stock.move", "purchase_line_id", firstLine).stream().allMatch(m -> "cancel".equals(m.get("state"))),
          "the receipt no longer expects it");
      assertEquals(0, holdActivities(w).size());
      assertTrue(holds.held(w.orderId).isEmpty() && holds.held(secondId).isEmpty());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aDrawingHoldOpensOneCaseRoutedByTheHeldLinesProjectAndAmount(int version) {
    try (P2pWorld w = new P2pWorld(version); org.odoobuild.connectors.store.SyncStore store =
        org.odoobuild.connectors.store.SyncStores.inMemory()) {
      org.odoobuild.connectors.cases.CaseDesk desk = org.odoobuild.connectors.cases.CaseDesk.builder(store)
          .routing(org.odoobuild.connectors.cases.CaseRouting.builder()
              .rule(org.odoobuild.connectors.cases.CaseRouting.when().flow("drawings").project("RMC-24")
                  .minAmount(new BigDecimal("1000")), "pm.rmc24", java.time.Duration.ofDays(1), "design-manager")
              .otherwise("doc-control", java.time.Duration.ofDays(2), "design-manager").build()).build();
      OdooDrawingHolds holds = OdooDrawingHolds.builder(w.odoo).references(w.known).cases(desk).build();
      PurchaseOrder first = P2pWorld.order(P2pWorld.ORDER, "20", "3000");
      holds.link(ImmutablePurchaseOrder.copyOf(first).withLines(ImmutablePurchaseOrderLine.copyOf(first.lines().get(0))
          .withDrawingRefs(S201_B), first.lines().get(1)));

      holds.supersede(revision());
      holds.supersede(revision());
      List<org.odoobuild.connectors.cases.ExceptionCase> cases = desk.cases(org.odoobuild.connectors.cases.CaseStatus.OPEN, 10);
      assertEquals(1, cases.size(), "one case per order and superseded revision");
      org.odoobuild.connectors.cases.NewCase facts = cases.get(0).facts();
      assertEquals(org.odoobuild.connectors.cases.CaseKind.DRAWING_HOLD, facts.kind());
      assertEquals("purchase.order," + w.orderId, facts.entityKey());
      assertEquals("RMC-24", facts.project());
      assertEquals("03 30 00", facts.costCode());
      assertEquals(java.util.Optional.of(new BigDecimal("2900")), facts.amount(), "20 EA of ready-mix at 145.00 held");
      assertEquals("pm.rmc24", cases.get(0).owner());
      assertTrue(facts.summary().contains("S-201 rev B superseded"), facts.summary());

      holds.release(holds.held(w.orderId).get(0).line(), "the revised connection does not change the concrete");
      assertEquals(org.odoobuild.connectors.cases.CaseStatus.RESOLVED, desk.get(cases.get(0).id()).orElseThrow().status(),
          "the review resolved the case");
    }
  }

  static DocumentRevision revision() {
    return ImmutableDocumentRevision.builder().addSourceRefs(S201_B).documentNumber("S-201").title("Level 2 framing")
        .kind(DocumentKind.DRAWING).revisionCode("B").status(DocumentStatus.SUPERSEDED).projectRef(P2pWorld.PROJECT)
        .supersededBy(SourceRef.of("doccontrol", "S-201@C")).build();
  }

  static List<Map<String, Object>> links(P2pWorld w) {
    return w.records("ir.attachment", "res_model", "purchase.order.line");
  }

  static List<Map<String, Object>> holdActivities(P2pWorld w) {
    return w.server.records("mail.activity").stream().filter(a -> String.valueOf(a.get("summary")).startsWith("On hold: ")).toList();
  }

  static long line(P2pWorld w, long order, int number) {
    return w.records("purchase.order.line", "order_id", order).stream().filter(l -> ((Number) l.get("sequence")).intValue() == number)
        .map(l -> ((Number) l.get("id")).longValue()).findFirst().orElseThrow();
  }

  static Map<String, Object> openMove(P2pWorld w, long line) {
    return w.records("stock.move", "purchase_line_id", line).stream().filter(m -> !"done".equals(m.get("state"))
        && !"cancel".equals(m.get("state"))).findFirst().orElseThrow();
  }
}
