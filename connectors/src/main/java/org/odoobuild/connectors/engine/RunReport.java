package org.odoobuild.connectors.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run of a flow did. Check {@link #status()} (or call {@link #orThrow()}): a run that
 * stopped early or failed says so there, with the reason in {@link #problem()}.
 *
 * @param flow the flow
 * @param pulled records received from the source or the outbox
 * @param applied records the sink applied (including those verified as applied)
 * @param skipped records the sink skipped on purpose
 * @param duplicates records already processed earlier (idempotency key seen), not sent again
 * @param deadLettered records moved to the dead-letter store (invalid, refused, out of attempts,
 *     or of unknown outcome)
 * @param batches sink calls made
 * @param elapsed wall time
 * @param completed whether the run reached the end of the source and outbox (false when it
 *     stopped early: paused, the target stayed unavailable, or a permanent failure)
 * @param verified records whose outcome was unknown and that the flow's verifier resolved
 *     (found applied, or found not applied and left for a later delivery)
 * @param unknownOutcomes records whose outcome stayed unknown: dead-lettered as
 *     {@code unknown_outcome}, or waiting to be verified before they are sent again
 * @param status completed, incomplete (stopped early, nothing lost: the next run resumes) or
 *     failed (a permanent failure that needs a person, e.g. a source that cannot work)
 * @param problem why the run did not complete ({@code ""} when it did)
 */
public record RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
    long batches, Duration elapsed, boolean completed, long verified, long unknownOutcomes, Status status,
    String problem) {

  /** How a run ended. */
  public enum Status {
    /** Reached the end of the source and the outbox. */
    COMPLETED,
    /** Stopped early (paused, target unavailable); nothing is lost, the next run resumes. */
    INCOMPLETE,
    /** Stopped by a permanent failure: running again will not help until someone fixes it. */
    FAILED
  }

  /** Validates the parts: {@code completed} is true exactly when the status is {@link Status#COMPLETED}. */
  public RunReport {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(status, "status");
    problem = problem == null ? "" : problem;
    if (completed != (status == Status.COMPLETED)) {
      throw new IllegalArgumentException("completed=" + completed + " contradicts status " + status);
    }
  }

  /** A report without verification counts (completed or incomplete). */
  public RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
      long batches, Duration elapsed, boolean completed) {
    this(flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed, completed, 0, 0,
        completed ? Status.COMPLETED : Status.INCOMPLETE, "");
  }

  /**
   * This report when the run completed.
   *
   * @return this
   * @throws RunFailedException when the run is incomplete or failed, naming the problem
   */
  public RunReport orThrow() {
    if (status != Status.COMPLETED) {
      throw new RunFailedException(this);
    }
    return this;
  }

  /**
   * Whether the run failed for a permanent reason.
   *
   * @return true for {@link Status#FAILED}
   */
  public boolean failed() {
    return status == Status.FAILED;
  }

  /** A one-line summary for logs and example output. */
  public String summary() {
    return String.format("%s: %d received, %d applied, %d skipped, %d duplicates, %d dead-lettered%s in %d batches, %.1f s%s",
        flow, pulled, applied, skipped, duplicates, deadLettered,
        verified + unknownOutcomes == 0 ? "" : ", " + verified + " verified, " + unknownOutcomes + " unknown",
        batches, elapsed.toMillis() / 1000.0,
        switch (status) {
          case COMPLETED -> "";
          case INCOMPLETE -> " (stopped early" + (problem.isEmpty() ? "" : ": " + problem) + ")";
          case FAILED -> " (FAILED: " + problem + ")";
        });
  }
}
