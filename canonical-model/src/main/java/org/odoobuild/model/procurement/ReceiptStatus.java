package org.odoobuild.model.procurement;

/** Lifecycle of a goods receipt, with the Odoo {@code stock.picking.state} it matches. */
public enum ReceiptStatus {
  /** Recorded in the field, not yet validated ({@code draft}/{@code assigned}). */
  DRAFT,
  /** Validated: the goods are received ({@code done}). */
  DONE,
  /** Cancelled ({@code cancel}). */
  CANCELLED
}
