package org.odoobuild.connectors.ops;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a reconciliation: how many records each side had and every drift found.
 * Reconciliation itself changes nothing.
 *
 * @param flow the flow or data set reconciled
 * @param sourceCount records on the source side
 * @param odooCount records on the Odoo side
 * @param matched records equal on both sides
 * @param drifts the differences
 * @param elapsed how long the comparison took
 */
public record ReconciliationReport(String flow, long sourceCount, long odooCount, long matched, List<Drift> drifts,
    Duration elapsed) {

  /** Copies the drift list. */
  public ReconciliationReport {
    drifts = List.copyOf(drifts);
  }

  /** Drifts of one kind. */
  public List<Drift> drifts(Drift.Kind kind) {
    return drifts.stream().filter(d -> d.kind() == kind).toList();
  }

  /** Whether both sides agree completely. */
  public boolean inSync() {
    return drifts.isEmpty();
  }

  /** A one-line summary. */
  public String summary() {
    return String.format("%s: source %d, odoo %d, matched %d, missing %d, extra %d, different %d (%d ms)", flow,
        sourceCount, odooCount, matched, drifts(Drift.Kind.MISSING).size(), drifts(Drift.Kind.EXTRA).size(),
        drifts(Drift.Kind.DIFFERENT).size(), elapsed.toMillis());
  }
}
