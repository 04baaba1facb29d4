package org.odoobuild.connectors.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run of a flow did. Check {@link #status()} (or call {@link #orThrow()}): a run that
 * dead-lettered records or stopped early returns normally.
 *
 * @param flow the flow
 * @param pulled records received from the source or the outbox
 * @param applied records the sink applied
 * @param skipped records the sink skipped on purpose
 * @param duplicates records already processed earlier (idempotency key seen), not sent again
 * @param deadLettered records moved to the dead-letter store (invalid, refused, or out of attempts)
 * @param batches sink calls made
 * @param elapsed wall time
 * @param completed whether the run reached the end of the source and outbox (false when it
 *     stopped early: paused, or the target stayed unavailable)
 * @param correlationId the run's correlation id (in its audit rows and log lines), {@code ""} if unknown
 * @param stoppedBecause why the run stopped early ({@code paused}, {@code source unavailable: …},
 *     {@code target unavailable: …}), {@code ""} when it completed
 */
public record RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
    long batches, Duration elapsed, boolean completed, String correlationId, String stoppedBecause) {

  /** How a run ended. */
  public enum Status {
    /** Reached the end of the source and the outbox; nothing was dead-lettered. */
    COMPLETED,
    /** Stopped early (paused, or source or target unavailable); nothing is lost, the next run resumes. */
    INCOMPLETE,
    /** Records were dead-lettered: they need an operator (replay after a fix, or discard). */
    FAILED
  }

  /** Validates the parts. */
  public RunReport {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(elapsed, "elapsed");
    correlationId = correlationId == null ? "" : correlationId;
    stoppedBecause = stoppedBecause == null ? "" : stoppedBecause;
  }

  /** A report without correlation id and stop reason. */
  public RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
      long batches, Duration elapsed, boolean completed) {
    this(flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed, completed, "", "");
  }

  /** {@link Status#FAILED} when anything was dead-lettered, else {@link Status#INCOMPLETE} when it stopped early. */
  public Status status() {
    if (deadLettered > 0) {
      return Status.FAILED;
    }
    return completed ? Status.COMPLETED : Status.INCOMPLETE;
  }

  /**
   * This report when the run {@link Status#COMPLETED completed}; otherwise throws.
   *
   * @return this report
   * @throws RunFailedException for {@link Status#FAILED} and {@link Status#INCOMPLETE}, with the summary
   */
  public RunReport orThrow() {
    if (status() != Status.COMPLETED) {
      throw new RunFailedException(this);
    }
    return this;
  }

  /** A one-line summary for logs and example output, starting with the status. */
  public String summary() {
    return String.format(java.util.Locale.ROOT, "%s: %s, %d received, %d applied, %d skipped, %d duplicates, %d dead-lettered in %d batches, %.1f s%s",
        flow, status(), pulled, applied, skipped, duplicates, deadLettered, batches, elapsed.toMillis() / 1000.0,
        completed ? "" : " (stopped early" + (stoppedBecause.isEmpty() ? "" : ": " + stoppedBecause) + ")");
  }
}
