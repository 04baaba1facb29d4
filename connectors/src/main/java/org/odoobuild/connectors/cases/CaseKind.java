package org.odoobuild.connectors.cases;

/** What an exception case is about. */
public enum CaseKind {
  /** A record the engine could not deliver. */
  DEAD_LETTER,
  /** A record refused by validation. */
  VALIDATION,
  /** A vendor bill held for a price or quantity variance. */
  VARIANCE_HOLD,
  /** Work held because its drawing is not at the current revision. */
  DRAWING_HOLD,
  /** A difference between a source and Odoo found by reconciliation. */
  RECONCILIATION_DRIFT,
  /** A write withheld because another system owns the field. */
  OWNERSHIP_CONFLICT,
  /** A posting or approval refused by a control. */
  CONTROL
}
