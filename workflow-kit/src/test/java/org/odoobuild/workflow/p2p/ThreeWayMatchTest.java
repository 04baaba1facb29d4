package org.odoobuild.workflow.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.BillStatus;
import org.odoobuild.model.finance.ImmutableVendorBill;
import org.odoobuild.model.finance.ImmutableVendorBillLine;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceiptLine;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.ReceiptStatus;

class ThreeWayMatchTest {
  static final Currency USD = Currency.getInstance("USD");

  static PurchaseOrder po() {
    return ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("procore", "PO-77", "1")).number("PO-77")
        .vendorRef(SourceRef.of("procore", "V-1")).orderDate(LocalDate.of(2026, 11, 2))
        .status(PurchaseOrderStatus.CONFIRMED).currency(USD)
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(1).description("Ready-mix 4000 psi")
            .quantity(Quantity.of("20", "CY")).unitPrice(Money.of("145.00", "USD")).costCode("03 30 00").build())
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(2).description("Rebar #5").productCode("RB5")
            .quantity(Quantity.of("2000", "lb")).unitPrice(Money.of("0.62", "USD")).costCode("03 20 00").build())
        .build();
  }

  static GoodsReceipt receipt(String n, int line, String qty, String unit) {
    return ImmutableGoodsReceipt.builder().addSourceRefs(SourceRef.of("field", n)).number(n)
        .purchaseOrderRef(SourceRef.of("procore", "PO-77")).receivedDate(LocalDate.of(2026, 11, 10))
        .status(ReceiptStatus.DONE)
        .addLines(ImmutableGoodsReceiptLine.builder().lineNumber(1).orderLineNumber(line)
            .quantity(Quantity.of(qty, unit)).build())
        .build();
  }

  static VendorBill bill(String qty1, String price1, String qty2, String price2) {
    return ImmutableVendorBill.builder().addSourceRefs(SourceRef.of("ap", "B-9")).billNumber("B-9")
        .vendorRef(SourceRef.of("procore", "V-1")).purchaseOrderRef(SourceRef.of("procore", "PO-77"))
        .billDate(LocalDate.of(2026, 11, 20)).status(BillStatus.DRAFT).currency(USD)
        .addLines(ImmutableVendorBillLine.builder().lineNumber(1).description("concrete").orderLineNumber(1)
            .quantity(Quantity.of(qty1, "CY")).unitPrice(Money.of(price1, "USD")).costCode("03 30 00").build())
        .addLines(ImmutableVendorBillLine.builder().lineNumber(2).description("rebar").productCode("RB5")
            .quantity(Quantity.of(qty2, "lb")).unitPrice(Money.of(price2, "USD")).costCode("03 20 00").build())
        .build();
  }

  final ThreeWayMatch matcher = new ThreeWayMatch(MatchTolerance.standard());

  @Test
  void billWithinToleranceMatches() {
    List<GoodsReceipt> receipts = List.of(receipt("R1", 1, "12", "CY"), receipt("R2", 1, "8", "CY"),
        receipt("R3", 2, "2000", "lb"));
    MatchResult r = matcher.match(po(), receipts, bill("20", "147.00", "2000", "0.66"));
    assertTrue(r.matched(), r.summary()); // 147 is within 2 % of 145; 0.66 within 0.05 of 0.62
  }

  @Test
  void priceAndQuantityVariancesBlockTheBill() {
    List<GoodsReceipt> receipts = List.of(receipt("R1", 1, "15", "CY"), receipt("R3", 2, "2000", "lb"));
    MatchResult r = matcher.match(po(), receipts, bill("20", "152.00", "2000", "0.62"));
    assertEquals(2, r.variances().size(), r.summary());
    Variance price = r.variances().get(0);
    assertEquals(Variance.Kind.PRICE, price.kind());
    assertEquals(0, new BigDecimal("7").compareTo(price.delta()));
    Variance qty = r.variances().get(1);
    assertEquals(Variance.Kind.QUANTITY, qty.kind());
    assertEquals(0, new BigDecimal("15").compareTo(qty.expected()));
    assertTrue(r.summary().contains("bills 20 CY but 15 were received"), r.summary());
  }

  @Test
  void receiptsInOtherUnitsAreConverted() {
    // 2000 lb of rebar received as 907.18474 kg
    List<GoodsReceipt> receipts = List.of(receipt("R1", 1, "20", "CY"), receipt("R3", 2, "907.18474", "kg"));
    assertTrue(matcher.match(po(), receipts, bill("20", "145", "2000", "0.62")).matched());
  }

  @Test
  void unmatchedLineAndCurrencyAreReported() {
    VendorBill extra = ImmutableVendorBill.copyOf(bill("20", "145", "2000", "0.62")).withLines(
        ImmutableVendorBillLine.builder().lineNumber(3).description("fuel surcharge").quantity(Quantity.of("1", "ea"))
            .unitPrice(Money.of("80", "USD")).costCode("01 50 00").build());
    MatchResult r = matcher.match(po(), List.of(), extra);
    assertEquals(Variance.Kind.UNMATCHED_LINE, r.variances().get(0).kind());
    VendorBill eur = ImmutableVendorBill.copyOf(bill("20", "145", "2000", "0.62")).withCurrency(Currency.getInstance("EUR"));
    assertEquals(Variance.Kind.CURRENCY_OR_UNIT, matcher.match(po(), List.of(), eur).variances().get(0).kind());
  }
}
