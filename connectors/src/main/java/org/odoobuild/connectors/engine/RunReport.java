package org.odoobuild.connectors.engine;

import java.time.Duration;

/**
 * What one run of a flow did.
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
 */
public record RunReport(String flow, long pulled, long applied, long skipped, long duplicates, long deadLettered,
    long batches, Duration elapsed, boolean completed) {

  /** A one-line summary for logs and example output. */
  public String summary() {
    return String.format("%s: %d received, %d applied, %d skipped, %d duplicates, %d dead-lettered in %d batches, %.1f s%s",
        flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed.toMillis() / 1000.0,
        completed ? "" : " (stopped early)");
  }
}
