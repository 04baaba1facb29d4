package org.odoobuild.model.finance;

/** Lifecycle of a subcontractor's progress claim (a payment application for one period). */
public enum ProgressClaimStatus {
  /** Sent by the subcontractor, not yet checked. */
  SUBMITTED,
  /** Certified by the contractor's representative: the work to date may be billed. */
  CERTIFIED,
  /** Refused; no effect. */
  REJECTED
}
