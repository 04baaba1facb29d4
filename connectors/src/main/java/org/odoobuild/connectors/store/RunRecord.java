package org.odoobuild.connectors.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One finished run of a flow, as the run history keeps it ({@link SyncStore#recordRun},
 * {@link SyncStore#runs}).
 *
 * @param flow the flow
 * @param worker the engine instance that ran it
 * @param startedAt when it started
 * @param elapsed how long it took
 * @param pulled records received from the source or the outbox
 * @param applied records the sink applied
 * @param skipped records the sink skipped on purpose
 * @param duplicates records already processed earlier
 * @param deadLettered records moved to the dead letters
 * @param completed whether the run reached the end of its source and outbox
 * @param status how the run ended: {@code completed}, {@code incomplete} (stopped early, the
 *     next run resumes) or {@code failed} (a permanent failure someone must fix)
 * @param problem why it did not complete ({@code ""} when it did)
 */
public record RunRecord(String flow, String worker, Instant startedAt, Duration elapsed, long pulled, long applied,
    long skipped, long duplicates, long deadLettered, boolean completed, String status, String problem) {

  /** Validates; an empty status is read from {@code completed}. */
  public RunRecord {
    OutboxEntry.requireText(flow, "flow");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(elapsed, "elapsed");
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative");
    }
    status = status == null || status.isEmpty() ? (completed ? "completed" : "incomplete") : status;
    problem = problem == null ? "" : problem;
  }

  /** A run with the status its {@code completed} flag implies and no problem text. */
  public RunRecord(String flow, String worker, Instant startedAt, Duration elapsed, long pulled, long applied,
      long skipped, long duplicates, long deadLettered, boolean completed) {
    this(flow, worker, startedAt, elapsed, pulled, applied, skipped, duplicates, deadLettered, completed, "", "");
  }

  /**
   * Whether the run failed for a permanent reason.
   *
   * @return true for status {@code failed}
   */
  public boolean failed() {
    return status.equals("failed");
  }

  /**
   * Records applied per second of the run.
   *
   * @return the rate ({@code 0} for a run that applied nothing)
   */
  public double appliedPerSecond() {
    long ms = Math.max(1, elapsed.toMillis());
    return applied * 1000.0 / ms;
  }
}
