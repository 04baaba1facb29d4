package org.odoobuild.connectors.cases;

/** Where a case is: open (possibly escalated), or closed by a resolution. */
public enum CaseStatus {
  /** Waiting for its owner, before its deadline. */
  OPEN,
  /** Its deadline passed: it went to the escalation owner. */
  ESCALATED,
  /** Closed by a replay or a fix and replay. */
  RESOLVED,
  /** Closed without action, with a reason. */
  DISMISSED
}
