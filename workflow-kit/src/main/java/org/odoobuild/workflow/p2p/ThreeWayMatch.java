package org.odoobuild.workflow.p2p;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.model.common.IncompatibleUnitsException;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.finance.VendorBillLine;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.GoodsReceiptLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderLine;

/**
 * Compares a vendor bill with its purchase order (price) and the goods receipts (quantity),
 * line by line, within the {@link MatchTolerance} of the bill's vendor and the line's cost code
 * ({@link MatchTolerances}). Quantities are converted to the PO line's unit; several receipts of
 * the same line add up, and so do the quantities billed on other bills of the line. Thread-safe.
 */
public final class ThreeWayMatch {
  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private final MatchTolerances tolerances;

  /** A matcher with the same tolerance for every vendor and cost code. */
  public ThreeWayMatch(MatchTolerance tolerance) {
    this(MatchTolerances.of(Objects.requireNonNull(tolerance, "tolerance")));
  }

  /** A matcher with tolerances per vendor and cost code. */
  public ThreeWayMatch(MatchTolerances tolerances) {
    this.tolerances = Objects.requireNonNull(tolerances, "tolerances");
  }

  /** Matches one bill against its PO and all receipts of that PO (no other bill of the PO). */
  public MatchResult match(PurchaseOrder po, List<GoodsReceipt> receipts, VendorBill bill) {
    return match(po, receipts, bill, Map.of());
  }

  /**
   * Matches one bill against its PO, all receipts of that PO and what other bills already billed
   * per PO line number ({@code billedBefore}): billed before plus this bill must stay within what
   * was received.
   */
  public MatchResult match(PurchaseOrder po, List<GoodsReceipt> receipts, VendorBill bill, Map<Integer, Quantity> billedBefore) {
    List<Variance> out = new ArrayList<>();
    if (!bill.currency().equals(po.currency())) {
      out.add(new Variance(0, Variance.Kind.CURRENCY_OR_UNIT, BigDecimal.ZERO, BigDecimal.ZERO,
          "bill currency " + bill.currency() + " differs from PO currency " + po.currency()));
      return new MatchResult(bill.billNumber(), out);
    }
    Map<Integer, Quantity> received = new HashMap<>();
    Map<Integer, Quantity> billedSoFar = new HashMap<>();
    for (GoodsReceipt r : receipts) {
      for (GoodsReceiptLine l : r.lines()) {
        Optional<PurchaseOrderLine> pol = po.line(l.orderLineNumber());
        if (pol.isEmpty()) {
          continue;
        }
        try {
          Quantity q = l.quantity().convertTo(pol.get().quantity().unit());
          received.merge(l.orderLineNumber(), q, Quantity::plus);
        } catch (IncompatibleUnitsException e) {
          out.add(new Variance(0, Variance.Kind.CURRENCY_OR_UNIT, BigDecimal.ZERO, BigDecimal.ZERO,
              "receipt " + r.number() + " line " + l.lineNumber() + ": " + e.getMessage()));
        }
      }
    }
    for (VendorBillLine bl : bill.lines()) {
      Optional<PurchaseOrderLine> pol = bl.orderLineNumber().flatMap(po::line)
          .or(() -> bl.productCode().flatMap(code -> po.lines().stream()
              .filter(x -> x.productCode().equals(Optional.of(code))).findFirst()));
      if (pol.isEmpty()) {
        out.add(new Variance(bl.lineNumber(), Variance.Kind.UNMATCHED_LINE, BigDecimal.ZERO, bl.subtotal().amount(),
            "line " + bl.lineNumber() + " (" + bl.description() + ") is not on PO " + po.number()));
        continue;
      }
      PurchaseOrderLine line = pol.get();
      MatchTolerance tolerance = tolerances.tolerance(bill.vendorRef(), line.costCode().or(bl::costCode));
      Quantity billed;
      try {
        billed = bl.quantity().convertTo(line.quantity().unit());
      } catch (IncompatibleUnitsException e) {
        out.add(new Variance(bl.lineNumber(), Variance.Kind.CURRENCY_OR_UNIT, BigDecimal.ZERO, BigDecimal.ZERO,
            "line " + bl.lineNumber() + ": " + e.getMessage()));
        continue;
      }
      // price per PO unit: the bill's unit price scaled by the unit conversion
      BigDecimal factor = bl.quantity().value().signum() == 0 ? BigDecimal.ONE
          : billed.value().divide(bl.quantity().value(), 12, RoundingMode.HALF_EVEN);
      BigDecimal billPrice = factor.signum() == 0 ? bl.unitPrice().amount()
          : bl.unitPrice().amount().divide(factor, 6, RoundingMode.HALF_EVEN);
      BigDecimal poPrice = line.unitPrice().amount();
      BigDecimal diff = billPrice.subtract(poPrice).abs();
      BigDecimal pctAllowed = poPrice.multiply(tolerance.pricePercent()).divide(HUNDRED, 6, RoundingMode.HALF_EVEN);
      if (diff.compareTo(pctAllowed.max(tolerance.priceAbsolute())) > 0) {
        out.add(new Variance(bl.lineNumber(), Variance.Kind.PRICE, poPrice, strip(billPrice),
            "line " + bl.lineNumber() + " price " + strip(billPrice) + " vs PO " + strip(poPrice) + " " + po.currency()));
      }
      Quantity before = billedBefore.get(line.lineNumber());
      if (before != null && !billedSoFar.containsKey(line.lineNumber())) {
        try {
          billedSoFar.put(line.lineNumber(), before.convertTo(line.quantity().unit()));
        } catch (IncompatibleUnitsException e) {
          out.add(new Variance(bl.lineNumber(), Variance.Kind.CURRENCY_OR_UNIT, BigDecimal.ZERO, BigDecimal.ZERO,
              "line " + bl.lineNumber() + ": billed before in " + e.getMessage()));
          continue;
        }
      }
      Quantity totalBilled = billedSoFar.merge(line.lineNumber(), billed, Quantity::plus);
      BigDecimal rec = received.containsKey(line.lineNumber()) ? received.get(line.lineNumber()).value() : BigDecimal.ZERO;
      BigDecimal allowed = rec.add(rec.multiply(tolerance.quantityPercent()).divide(HUNDRED, 6, RoundingMode.HALF_EVEN));
      if (totalBilled.value().compareTo(allowed) > 0) {
        out.add(new Variance(bl.lineNumber(), Variance.Kind.QUANTITY, strip(rec), strip(totalBilled.value()),
            "line " + bl.lineNumber() + " bills " + strip(totalBilled.value()) + " " + line.quantity().unit()
                + " but " + strip(rec) + " were received"));
      }
    }
    return new MatchResult(bill.billNumber(), out);
  }

  private static BigDecimal strip(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
