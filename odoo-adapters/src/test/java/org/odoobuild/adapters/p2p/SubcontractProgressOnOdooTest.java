package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.finance.ImmutableProgressClaim;
import org.odoobuild.model.finance.ImmutableProgressClaimLine;
import org.odoobuild.model.finance.ProgressClaim;
import org.odoobuild.model.finance.ProgressClaimStatus;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * A subcontract of two service lines (formwork, lump sum 1 × 40,000.00; rebar tying, 500 × 12.00)
 * certified in two periods with 10 % retention, released at completion; over-certification and a
 * claim below what was billed are refused with nothing written.
 */
class SubcontractProgressOnOdooTest {
  static final SourceRef SUBCONTRACT = SourceRef.of("erp", "SC-7001");

  /** The world of {@link P2pWorld}, plus two service products, a retention account and the confirmed subcontract. */
  static long subcontract(P2pWorld w) {
    w.server.seed("product.product", Map.of("name", "Formwork labour", "default_code", "SUB-FW", "type", "service", "uom_id", 1));
    w.server.seed("product.product", Map.of("name", "Rebar tying", "default_code", "SUB-RT", "type", "service", "uom_id", 1));
    w.odoo.model("account.account").create(Map.of("name", "Retention payable", "code", "2180", "account_type", "liability_current"));
    PurchaseOrder sc = ImmutablePurchaseOrder.copyOf(P2pWorld.order(SUBCONTRACT, "1")).withLines(List.of(
        ImmutablePurchaseOrderLine.builder().lineNumber(1).description("Formwork, level 2").productCode("SUB-FW")
            .quantity(Quantity.of("1", UnitOfMeasure.EA)).unitPrice(Money.of("40000.00", "USD")).costCode("03 30 00").build(),
        ImmutablePurchaseOrderLine.builder().lineNumber(2).description("Rebar tying").productCode("SUB-RT")
            .quantity(Quantity.of("500", UnitOfMeasure.EA)).unitPrice(Money.of("12.00", "USD")).costCode("03 20 00").build()));
    w.write(PurchaseOrder.class, List.of(sc));
    long id = w.known.idOf(ExternalIds.of(PurchaseOrder.TYPE, SUBCONTRACT)).orElseThrow();
    new OdooProcurement(w.odoo, (who, what) -> { }).release(String.valueOf(id));
    return id;
  }

  /** A certified claim: {@code lines} are {order line, "40%" or a quantity to date}. */
  static ProgressClaim claim(String number, String periodEnd, String[]... lines) {
    ImmutableProgressClaim.Builder b = ImmutableProgressClaim.builder().addSourceRefs(SourceRef.of("pm", number)).claimNumber(number)
        .subcontractRef(SUBCONTRACT).periodEnd(LocalDate.parse(periodEnd)).status(ProgressClaimStatus.CERTIFIED)
        .certifiedDate(LocalDate.parse(periodEnd).plusDays(3)).currency(P2pWorld.USD);
    int n = 1;
    for (String[] l : lines) {
      ImmutableProgressClaimLine.Builder lb = ImmutableProgressClaimLine.builder().lineNumber(n++).orderLine(Integer.parseInt(l[0]));
      if (l[1].endsWith("%")) {
        lb.percentComplete(new BigDecimal(l[1].substring(0, l[1].length() - 1)));
      } else {
        lb.quantityToDate(new BigDecimal(l[1]));
      }
      b.addLines(lb.build());
    }
    return b.build();
  }

  static OdooSubcontractProgress progress(P2pWorld w) {
    return OdooSubcontractProgress.builder(w.odoo).references(w.known).retentionAccount("2180")
        .retentionPercent(new BigDecimal("10")).publisher(w.events::add).build();
  }

  /** Every write an Odoo-side effect could come from. */
  static int writes(P2pWorld w) {
    return w.server.callCount("account.move", "load") + w.server.callCount("account.move", "create")
        + w.server.callCount("account.move.line", "create") + w.server.callCount("account.move", "action_post")
        + w.server.callCount("purchase.order.line", "write");
  }

  static BigDecimal received(P2pWorld w, long order, int sequence) {
    return P2pWorld.dec(w.records("purchase.order.line", "order_id", order).stream()
        .filter(l -> ((Number) l.get("sequence")).intValue() == sequence).findFirst().orElseThrow().get("qty_received"));
  }

  static Map<String, Object> move(P2pWorld w, long id) {
    return w.records("account.move", "id", id).get(0);
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void certifiesEachPeriodLessRetentionOnceAndReleasesItAtCompletion(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      long order = subcontract(w);
      OdooSubcontractProgress progress = progress(w);
      long account = w.records("account.account", "code", "2180").get(0).get("id") instanceof Number n ? n.longValue() : -1;

      OdooSubcontractProgress.Outcome first = progress.certify(claim("PA-01", "2026-04-30", new String[] {"1", "40%"},
          new String[] {"2", "100"}));

      assertEquals(new BigDecimal("0.4"), received(w, order, 1), "40 % of the lump sum received");
      assertEquals(new BigDecimal("100"), received(w, order, 2));
      long bill = first.bill().orElseThrow();
      assertEquals("posted", move(w, bill).get("state"));
      assertEquals(new BigDecimal("15480"), P2pWorld.dec(move(w, bill).get("amount_total")), "17,200.00 certified less 1,720.00");
      List<Map<String, Object>> lines = w.records("account.move.line", "move_id", bill);
      assertEquals(3, lines.size());
      Map<String, Object> retention = lines.stream().filter(l -> l.get("account_id") instanceof List<?> a
          && ((Number) a.get(0)).longValue() == account).findFirst().orElseThrow();
      assertEquals(new BigDecimal("-1720"), P2pWorld.dec(retention.get("price_subtotal")));
      assertEquals(Boolean.FALSE, retention.get("purchase_line_id"));
      assertEquals(new BigDecimal("-17200"), P2pWorld.dec(w.records("account.analytic.line", "ref", "PA-01").stream()
          .map(a -> P2pWorld.dec(a.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add)), "the job cost gets the whole certified value");
      P2pEvent.ProgressCertified e1 = first.event();
      assertEquals("subcontractor_progress_certified", e1.type().name());
      assertEquals("account.move," + bill, e1.subject());
      assertEquals(new BigDecimal("17200"), e1.certified());
      assertEquals(new BigDecimal("1720"), e1.retentionHeld());
      assertEquals(new BigDecimal("15480"), e1.billed());
      assertEquals(new BigDecimal("40"), e1.lines().get(0).percentToDate());

      int before = writes(w);
      long requests = w.server.requestCount();
      OdooSubcontractProgress.Outcome again = progress.certify(claim("PA-01", "2026-04-30", new String[] {"1", "40%"},
          new String[] {"2", "100"}));
      assertTrue(again.alreadyApplied());
      assertEquals(before, writes(w), "a re-run writes nothing");
      assertTrue(w.server.requestCount() > requests, "it read Odoo");
      assertEquals(1, w.records("account.move", "invoice_origin", "SC-7001").size());
      assertEquals(e1, again.event(), "the same event, under the same key");
      assertEquals(P2pPublisher.record(e1, java.time.Instant.EPOCH).key(), P2pPublisher.record(again.event(), java.time.Instant.EPOCH).key());

      OdooSubcontractProgress.Outcome last = progress.certify(claim("PA-02", "2026-05-31", new String[] {"1", "100%"},
          new String[] {"2", "500"}));

      assertEquals(new BigDecimal("1"), received(w, order, 1));
      assertEquals(new BigDecimal("500"), received(w, order, 2));
      assertEquals(new BigDecimal("25920"), P2pWorld.dec(move(w, last.bill().orElseThrow()).get("amount_total")),
          "0.6 × 40,000 + 400 × 12 = 28,800.00 less 2,880.00");
      long release = last.releaseBill().orElseThrow();
      assertEquals("posted", move(w, release).get("state"));
      assertEquals(new BigDecimal("4600"), P2pWorld.dec(move(w, release).get("amount_total")), "1,720.00 + 2,880.00 released");
      List<Map<String, Object>> releaseLines = w.records("account.move.line", "move_id", release);
      assertEquals(1, releaseLines.size());
      assertEquals(account, ((Number) ((List<?>) releaseLines.get(0).get("account_id")).get(0)).longValue());
      assertEquals(new BigDecimal("4600"), last.event().retentionReleased());
      assertEquals(3, w.records("account.move", "invoice_origin", "SC-7001").size(), "two periods and one release");

      int afterRelease = writes(w);
      progress.certify(claim("PA-02", "2026-05-31", new String[] {"1", "100%"}, new String[] {"2", "500"}));
      assertEquals(afterRelease, writes(w), "the release is not billed twice");
      assertEquals(4, w.events(P2pEvent.ProgressCertified.class).size(), "each run announces its period");
      assertEquals(2, w.events(P2pEvent.ProgressCertified.class).stream().map(P2pEvent::subject).distinct().count());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void refusesOverCertificationAndGoingBackWithNothingWritten(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      long order = subcontract(w);
      OdooSubcontractProgress progress = progress(w);
      int before = writes(w);

      P2pException over = assertThrows(P2pException.class, () -> progress.certify(claim("PA-01", "2026-04-30",
          new String[] {"2", "100"}, new String[] {"1", "110%"})));
      assertEquals(P2pException.Problem.OVER_CERTIFIED, over.problem());
      assertTrue(over.getMessage().startsWith("over_certified: "), over.getMessage());
      P2pException overQuantity = assertThrows(P2pException.class, () -> progress.certify(claim("PA-01", "2026-04-30",
          new String[] {"2", "501"})));
      assertEquals(P2pException.Problem.OVER_CERTIFIED, overQuantity.problem());
      assertEquals(before, writes(w), "nothing written");
      assertEquals(BigDecimal.ZERO, received(w, order, 2));
      assertTrue(w.records("account.move", "invoice_origin", "SC-7001").isEmpty());

      progress.certify(claim("PA-01", "2026-04-30", new String[] {"1", "40%"}));
      int billed = writes(w);
      P2pException back = assertThrows(P2pException.class, () -> progress.certify(claim("PA-02", "2026-05-31",
          new String[] {"1", "30%"})));
      assertEquals(P2pException.Problem.BELOW_RECEIVED_OR_BILLED, back.problem());
      P2pException goods = assertThrows(P2pException.class, () -> progress.certify(ImmutableProgressClaim.copyOf(claim("PA-09",
          "2026-06-30", new String[] {"1", "10%"})).withSubcontractRef(P2pWorld.ORDER)));
      assertEquals(P2pException.Problem.INVALID, goods.problem(), "ready-mix is received through receipts");
      assertEquals(billed, writes(w));
      assertFalse(w.events(P2pEvent.ProgressCertified.class).isEmpty());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aRunThatStoppedAfterTheReceivedQuantitiesBillsOnce(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      long order = subcontract(w);
      long line = ((Number) w.records("purchase.order.line", "order_id", order).get(0).get("id")).longValue();
      w.odoo.model("purchase.order.line").write(List.of(line), Map.of("qty_received", 0.25)); // the crashed run's first write
      OdooSubcontractProgress progress = progress(w);
      int before = w.server.callCount("purchase.order.line", "write");

      OdooSubcontractProgress.Outcome o = progress.certify(claim("PA-01", "2026-04-30", new String[] {"1", "25%"}));

      assertEquals(before, w.server.callCount("purchase.order.line", "write"), "the received quantity is already right");
      assertEquals(new BigDecimal("9000"), P2pWorld.dec(move(w, o.bill().orElseThrow()).get("amount_total")));
      assertEquals(1, w.records("account.move", "invoice_origin", "SC-7001").size());
    }
  }
}
