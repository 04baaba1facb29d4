package org.odoobuild.connectors.cases;

import java.util.ArrayList;
import java.util.List;
import org.odoobuild.connectors.ops.Drift;
import org.odoobuild.connectors.ops.ReconciliationReport;

/**
 * The port adapters open exception cases through (a variance hold, a drawing hold, reconciliation
 * drift): {@link CaseDesk} implements it, tests may implement it in memory. Opening is idempotent
 * by the case's {@link NewCase#key() key}: a hold or drift found again is the same case.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CaseOpener {

  /**
   * Opens a case (or returns the open or closed case of the same key).
   *
   * @param facts what the case is about; the routing rules choose its owner and deadline from them
   * @return the case
   */
  ExceptionCase open(NewCase facts);

  /**
   * Resolves the open case of a key because what it was about was dealt with where it lives
   * (e.g. a held bill approved in the adapter); nothing happens when there is no open case.
   * The default does nothing, for openers that keep no state.
   *
   * @param key the case key
   * @param actor who dealt with it
   * @param resolution how
   */
  default void resolve(String key, String actor, String resolution) {
  }

  /**
   * Opens a case for each drift of a reconciliation: one per flow, kind and record
   * ({@code drift:<flow>:<kind>:<key>}), {@link CaseKind#RECONCILIATION_DRIFT}, routed by the
   * report's flow.
   *
   * @param report the reconciliation report
   * @return the cases (existing ones included)
   */
  default List<ExceptionCase> drifts(ReconciliationReport report) {
    List<ExceptionCase> out = new ArrayList<>();
    for (Drift d : report.drifts()) {
      out.add(open(NewCase.of("drift:" + report.flow() + ":" + d.kind() + ":" + d.key(), CaseKind.RECONCILIATION_DRIFT,
          d.kind() + " " + d.key() + (d.fields().isEmpty() ? "" : " " + d.fields()))
          .withRecord(report.flow(), "", d.key())));
    }
    return out;
  }
}
