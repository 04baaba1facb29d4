package org.odoobuild.workflow.p2p;

import java.math.BigDecimal;

/**
 * One difference found by the three-way match, beyond tolerance.
 *
 * @param billLine the bill line number
 * @param kind what differs
 * @param expected what the PO / receipts say (price per unit, or quantity)
 * @param actual what the bill says
 * @param message a sentence for the person the bill is routed to
 */
public record Variance(int billLine, Kind kind, BigDecimal expected, BigDecimal actual, String message) {

  /** The kinds of variance. */
  public enum Kind {
    /** The billed unit price differs from the PO price beyond tolerance. */
    PRICE,
    /** More is billed than was received (beyond tolerance). */
    QUANTITY,
    /** The bill line refers to no PO line. */
    UNMATCHED_LINE,
    /** Bill, PO or receipt use different currencies, or incompatible units. */
    CURRENCY_OR_UNIT
  }

  /** The difference {@code actual - expected}. */
  public BigDecimal delta() {
    return actual.subtract(expected);
  }
}
