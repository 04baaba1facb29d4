package org.odoobuild.model.finance;

/** Lifecycle of a change order. */
public enum ChangeOrderStatus {
  /** Being priced. */
  DRAFT,
  /** Submitted to the owner / approver. */
  PENDING,
  /** Approved: budget and commitments are adjusted. */
  APPROVED,
  /** Refused; no effect. */
  REJECTED,
  /** Withdrawn; no effect. */
  VOID
}
