package org.odoobuild.model.finance;

import java.util.Optional;

/**
 * Lifecycle of a vendor bill, with the Odoo {@code account.move} {@code state} /
 * {@code payment_state} it corresponds to.
 */
public enum BillStatus {
  /** Entered, not yet posted to the ledger ({@code state=draft}). */
  DRAFT,
  /** Posted: an accounts-payable liability, unpaid ({@code state=posted}, {@code payment_state=not_paid}). */
  POSTED,
  /** Posted and partly paid ({@code payment_state=partial}). */
  PARTIALLY_PAID,
  /** Posted and fully paid ({@code payment_state=paid} or {@code in_payment}). */
  PAID,
  /** Cancelled ({@code state=cancel}). */
  CANCELLED;

  /** The {@code account.move.state} value. */
  public String odooState() {
    return switch (this) {
      case DRAFT -> "draft";
      case CANCELLED -> "cancel";
      default -> "posted";
    };
  }

  /** The status for Odoo's {@code state} and {@code payment_state} (payment state may be empty). */
  public static Optional<BillStatus> fromOdoo(String state, String paymentState) {
    return switch (state) {
      case "draft" -> Optional.of(DRAFT);
      case "cancel" -> Optional.of(CANCELLED);
      case "posted" -> Optional.of(switch (paymentState == null ? "" : paymentState) {
        case "paid", "in_payment", "reversed" -> PAID;
        case "partial" -> PARTIALLY_PAID;
        default -> POSTED;
      });
      default -> Optional.empty();
    };
  }
}
