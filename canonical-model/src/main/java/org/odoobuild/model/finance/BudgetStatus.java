package org.odoobuild.model.finance;

/** Lifecycle of a project budget. */
public enum BudgetStatus {
  /** Being built from the estimate; may still change freely. */
  DRAFT,
  /** Approved baseline; changes only through change orders. */
  APPROVED,
  /** Replaced by a newer approved revision. */
  SUPERSEDED,
  /** Project closed; frozen. */
  CLOSED
}
