package org.odoobuild.model.procurement;

import java.util.Optional;

/**
 * Lifecycle of a purchase order (the commitment), with the Odoo {@code purchase.order.state}
 * each status corresponds to.
 */
public enum PurchaseOrderStatus {
  /** Request for quotation being prepared; not a commitment ({@code draft}). */
  DRAFT("draft"),
  /** Sent to the vendor, awaiting confirmation ({@code sent}). */
  SENT("sent"),
  /** Waiting for internal approval above a threshold ({@code to approve}). */
  PENDING_APPROVAL("to approve"),
  /** Confirmed: the amount is committed cost ({@code purchase}). */
  CONFIRMED("purchase"),
  /** Locked/fully processed; no further changes ({@code done}). */
  CLOSED("done"),
  /** Cancelled; no commitment ({@code cancel}). */
  CANCELLED("cancel");

  private final String odooState;

  PurchaseOrderStatus(String odooState) {
    this.odooState = odooState;
  }

  /** The {@code purchase.order.state} value. */
  public String odooState() {
    return odooState;
  }

  /** Whether the order counts as committed cost. */
  public boolean isCommitted() {
    return this == CONFIRMED || this == CLOSED;
  }

  /** The status for an Odoo state value. */
  public static Optional<PurchaseOrderStatus> fromOdoo(String state) {
    for (PurchaseOrderStatus s : values()) {
      if (s.odooState.equals(state)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
