package org.odoobuild.workflow.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.spi.PayloadCodec;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;

class MatchTolerancesTest {
  static final SourceRef V1 = SourceRef.of("procore", "V-1");
  static final MatchTolerance FIVE_PERCENT = new MatchTolerance(new BigDecimal("5"), BigDecimal.ZERO, BigDecimal.ZERO);
  static final MatchTolerance TEN_PERCENT = new MatchTolerance(new BigDecimal("10"), BigDecimal.ZERO, BigDecimal.ZERO);

  @Test
  void theMostSpecificSettingWins() {
    MatchTolerances t = MatchTolerances.builder(MatchTolerance.exact()).vendor(V1, FIVE_PERCENT).costCode("03 30 00", TEN_PERCENT)
        .vendorAndCostCode(V1, "03 20 00", MatchTolerance.standard()).build();
    assertEquals(MatchTolerance.standard(), t.tolerance(SourceRef.of("procore", "V-1", "7"), Optional.of("03 20 00")),
        "revision ignored, pair first");
    assertEquals(TEN_PERCENT, t.tolerance(V1, Optional.of("03 30 00")), "cost code before vendor");
    assertEquals(FIVE_PERCENT, t.tolerance(V1, Optional.of("31 00 00")));
    assertEquals(MatchTolerance.exact(), t.tolerance(SourceRef.of("procore", "V-2"), Optional.of("31 00 00")));
    assertEquals(TEN_PERCENT, t.tolerance(SourceRef.of("procore", "V-2"), Optional.of("03 30 00")));
  }

  @Test
  void aCostCodeToleranceLetsItsLinePassWhileTheOtherLineIsBlocked() {
    List<org.odoobuild.model.procurement.GoodsReceipt> receipts = List.of(ThreeWayMatchTest.receipt("R1", 1, "20", "CY"),
        ThreeWayMatchTest.receipt("R2", 2, "2000", "lb"));
    // concrete 4 % over (5 % allowed on 03 30 00), rebar 4 % over (exact elsewhere)
    MatchResult r = new ThreeWayMatch(MatchTolerances.builder(MatchTolerance.exact()).costCode("03 30 00", FIVE_PERCENT).build())
        .match(ThreeWayMatchTest.po(), receipts, ThreeWayMatchTest.bill("20", "150.80", "2000", "0.6448"));
    assertEquals(1, r.variances().size(), r.summary());
    assertEquals(2, r.variances().get(0).billLine());
    assertEquals(Variance.Kind.PRICE, r.variances().get(0).kind());
  }

  @Test
  void quantitiesBilledOnOtherBillsCountAgainstWhatWasReceived() {
    List<org.odoobuild.model.procurement.GoodsReceipt> receipts = List.of(ThreeWayMatchTest.receipt("R1", 1, "20", "CY"),
        ThreeWayMatchTest.receipt("R2", 2, "2000", "lb"));
    ThreeWayMatch m = new ThreeWayMatch(MatchTolerance.standard());
    assertTrue(m.match(ThreeWayMatchTest.po(), receipts, ThreeWayMatchTest.bill("15", "145", "2000", "0.62")).matched());
    MatchResult twice = m.match(ThreeWayMatchTest.po(), receipts, ThreeWayMatchTest.bill("15", "145", "1000", "0.62"),
        Map.of(1, Quantity.of("10", "CY"), 2, Quantity.of("0.5", "t")));
    assertEquals(2, twice.variances().size(), twice.summary());
    assertEquals(Variance.Kind.QUANTITY, twice.variances().get(0).kind());
    assertEquals(0, new BigDecimal("25").compareTo(twice.variances().get(0).actual()), "10 billed before + 15 now");
    assertEquals(0, new BigDecimal("2102.31").compareTo(twice.variances().get(1).actual().setScale(2, java.math.RoundingMode.HALF_UP)),
        "0.5 t converted to lb before adding the 1000 lb of this bill");
  }

  @Test
  void eventsRoundTripThroughTheEngineCodecWithTheirType() {
    PayloadCodec<P2pEvent> codec = PayloadCodec.json(P2pEvent.class);
    P2pEvent cost = new P2pEvent.CostPosted("B-9", "Keystone", "P00001", "account.move,7", "BILL/2026/03/0001", "USD",
        List.of(new P2pEvent.CostLine("RMC", "03 30 00", new BigDecimal("2900.00"), new BigDecimal("20"))));
    String json = codec.encode(cost);
    assertTrue(json.contains("\"event\":\"cost_posted\""), json);
    assertEquals(cost, codec.decode(json));
    assertEquals("cost_posted", codec.decode(json).type().name());
    P2pEvent blocked = new P2pEvent.InvoiceBlocked("B-9", "Keystone", "P00001", "account.move,7", "pm",
        List.of(new Variance(1, Variance.Kind.PRICE, new BigDecimal("145"), new BigDecimal("152"), "line 1 price 152 vs PO 145 USD")));
    assertEquals(blocked, codec.decode(codec.encode(blocked)));
    P2pEvent delivered = new P2pEvent.DeliveryReceived("DT-1", "P00001", "stock.picking,3", Optional.of("stock.picking,4"),
        java.time.LocalDate.of(2026, 3, 2), List.of(new P2pEvent.ReceivedLine(1, "RMC", new BigDecimal("12"), BigDecimal.ONE,
            new BigDecimal("8"), "CY")));
    assertEquals(delivered, codec.decode(codec.encode(delivered)));
    assertEquals("stock.picking,3", delivered.subject());
  }
}
