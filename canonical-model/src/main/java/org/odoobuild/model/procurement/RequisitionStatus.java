package org.odoobuild.model.procurement;

/** Lifecycle of a purchase requisition (a request to buy, before any commitment). */
public enum RequisitionStatus {
  /** Being prepared by the requester. */
  DRAFT,
  /** Sent for approval. */
  SUBMITTED,
  /** Approved; procurement may source and order it. */
  APPROVED,
  /** Refused by the approver. */
  REJECTED,
  /** Turned into one or more purchase orders. */
  ORDERED,
  /** Withdrawn. */
  CANCELLED
}
