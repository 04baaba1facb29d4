package org.odoobuild.connectors.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What one run of a flow did. Check {@link #status()} (or call {@link #orThrow()}): a run that
 * dead-lettered records, stopped early or failed returns normally and says so there, with the
 * reason in {@link #problem()}.
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
 *     stopped early: paused, the source or target stayed unavailable, or a permanent failure)
 * @param verified records whose outcome was unknown and that the flow's verifier resolved
 *     (found applied, or found not applied and left for a later delivery)
 * @param unknownOutcomes records whose outcome stayed unknown: dead-lettered as
 *     {@code unknown_outcome}, or waiting to be verified before they are sent again
 * @param status completed, incomplete (stopped early, nothing lost: the next run resumes) or
 *     failed (needs a person: a permanent failure such as a source that cannot work, or records
 *     dead-lettered); a run given as completed with dead letters is failed
 * @param problem why the run did not complete cleanly ({@code ""} when it did)
 * @param correlationId the run's correlation id (in its audit rows and log lines), {@code ""} if unknown
 */
public record RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
    long batches, Duration elapsed, boolean completed, long verified, long unknownOutcomes, Status status,
    String problem, String correlationId) {

  /** How a run ended. */
  public enum Status {
    /** Reached the end of the source and the outbox; nothing was dead-lettered. */
    COMPLETED,
    /** Stopped early (paused, source or target unavailable); nothing is lost, the next run resumes. */
    INCOMPLETE,
    /**
     * Needs a person: records were dead-lettered (replay after a fix, or discard), or a permanent
     * failure stopped the run (running again will not help until someone fixes it).
     */
    FAILED
  }

  /**
   * Validates the parts: a completed status needs {@code completed}, an incomplete one excludes
   * it; dead letters turn a completed status into {@link Status#FAILED}.
   */
  public RunReport {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(status, "status");
    problem = problem == null ? "" : problem;
    correlationId = correlationId == null ? "" : correlationId;
    if ((status == Status.COMPLETED && !completed) || (status == Status.INCOMPLETE && completed)) {
      throw new IllegalArgumentException("completed=" + completed + " contradicts status " + status);
    }
    if (status == Status.COMPLETED && deadLettered > 0) {
      status = Status.FAILED;
      problem = deadLettered + " record(s) dead-lettered";
    }
  }

  /** A report without verification counts, problem or correlation id (completed or incomplete). */
  public RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
      long batches, Duration elapsed, boolean completed) {
    this(flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed, completed, 0, 0,
        completed ? Status.COMPLETED : Status.INCOMPLETE, "", "");
  }

  /**
   * This report when the run {@link Status#COMPLETED completed}; otherwise throws.
   *
   * @return this
   * @throws RunFailedException for {@link Status#FAILED} and {@link Status#INCOMPLETE}, naming the problem
   */
  public RunReport orThrow() {
    if (status != Status.COMPLETED) {
      throw new RunFailedException(this);
    }
    return this;
  }

  /**
   * Whether the run needs a person.
   *
   * @return true for {@link Status#FAILED}
   */
  public boolean failed() {
    return status == Status.FAILED;
  }

  /**
   * Why the run stopped before the end ({@code paused}, {@code source unavailable: …},
   * {@code target unavailable: …}, {@code source failed: …}).
   *
   * @return the problem when the run did not reach the end, {@code ""} when it did
   */
  public String stoppedBecause() {
    return completed ? "" : problem;
  }

  /**
   * A one-line summary for logs and example output, with the status.
   *
   * @return the summary
   */
  public String summary() {
    return String.format(Locale.ROOT, "%s: %s, %d received, %d applied, %d skipped, %d duplicates, %d dead-lettered%s"
            + " in %d batches, %.1f s%s",
        flow, status, pulled, applied, skipped, duplicates, deadLettered,
        verified + unknownOutcomes == 0 ? "" : ", " + verified + " verified, " + unknownOutcomes + " unknown",
        batches, elapsed.toMillis() / 1000.0,
        switch (status) {
          case COMPLETED -> "";
          case INCOMPLETE -> " (stopped early" + (problem.isEmpty() ? "" : ": " + problem) + ")";
          case FAILED -> " (" + problem + ")";
        });
  }
}
