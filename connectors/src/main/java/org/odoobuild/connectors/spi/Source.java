package org.odoobuild.connectors.spi;

import java.util.Optional;

/**
 * A host system the engine pulls changes from (document control, estimating, field app,
 * telematics). Implement it for your system: return what changed after the cursor, oldest
 * first, at most {@code max} records. The engine stores the returned cursor only after every
 * record up to it was applied (or dead-lettered), so a crash replays, never skips. The engine
 * calls {@code pull} once at a time per flow, but not always on the run's thread: with an
 * idempotent sink it pulls the next batch while it sends one, and drops that batch if the run
 * stops, so the same cursor may be pulled again.
 *
 * @param <T> the payload type (usually a canonical entity)
 */
@FunctionalInterface
public interface Source<T> {

  /**
   * Pulls changes.
   *
   * @param cursor the cursor returned by an earlier pull, empty on the very first pull
   * @param max the most records to return
   * @throws Exception on failure; the engine retries transient failures and otherwise stops the run
   */
  SourceBatch<T> pull(Optional<String> cursor, int max) throws Exception;
}
