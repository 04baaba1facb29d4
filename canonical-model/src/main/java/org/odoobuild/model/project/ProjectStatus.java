package org.odoobuild.model.project;

/** Lifecycle of a construction project. */
public enum ProjectStatus {
  /** Pre-construction: estimating, bidding or awarded but not started. */
  PLANNED,
  /** Work is under way; costs and commitments may be recorded. */
  ACTIVE,
  /** Temporarily stopped; no new commitments expected. */
  ON_HOLD,
  /** Physically complete; closing out (final bills, retention). */
  COMPLETED,
  /** Financially closed; nothing may be posted any more. */
  CLOSED,
  /** Abandoned before completion. */
  CANCELLED;

  /** Whether the project is still open for costs (not closed or cancelled). */
  public boolean isOpen() {
    return this != CLOSED && this != CANCELLED;
  }
}
