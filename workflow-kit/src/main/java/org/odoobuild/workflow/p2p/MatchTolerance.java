package org.odoobuild.workflow.p2p;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How far a vendor bill may differ from the purchase order and the receipts before it is
 * blocked. A price variance is tolerated when within {@code pricePercent} of the PO price
 * <em>or</em> within {@code priceAbsolute} per unit; a quantity variance when the billed
 * quantity exceeds the received quantity by at most {@code quantityPercent}.
 *
 * @param pricePercent e.g. {@code 2} for 2 %
 * @param priceAbsolute per-unit amount in the document currency, e.g. {@code 0.05}
 * @param quantityPercent e.g. {@code 0} to allow no over-billing
 */
public record MatchTolerance(BigDecimal pricePercent, BigDecimal priceAbsolute, BigDecimal quantityPercent) {

  /** Validates that every tolerance is zero or positive. */
  public MatchTolerance {
    Objects.requireNonNull(pricePercent, "pricePercent");
    Objects.requireNonNull(priceAbsolute, "priceAbsolute");
    Objects.requireNonNull(quantityPercent, "quantityPercent");
    if (pricePercent.signum() < 0 || priceAbsolute.signum() < 0 || quantityPercent.signum() < 0) {
      throw new IllegalArgumentException("tolerances cannot be negative");
    }
  }

  /** No tolerance at all. */
  public static MatchTolerance exact() {
    return new MatchTolerance(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** A common construction setting: 2 % or 0.05 per unit on price, no over-billing of quantity. */
  public static MatchTolerance standard() {
    return new MatchTolerance(new BigDecimal("2"), new BigDecimal("0.05"), BigDecimal.ZERO);
  }
}
