package org.odoobuild.connectors.spi;

import java.util.List;

/**
 * Applies records to a target (Odoo sinks are provided; implement it for other targets).
 *
 * <p>The engine sends a record to its sink once per delivery and never sends it again when it
 * may have been applied, unless the sink says it is {@link #idempotent()} (applying a record
 * twice leaves the target as applying it once, e.g. an upsert by external id) or the flow's
 * {@link Verifier} found that it was not applied. A sink that cannot tell whether a record was
 * applied (the answer was lost) reports {@link SinkResult#unknown}, or throws an
 * {@link OutcomeUnknownException} for the whole batch.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface Sink<T> {

  /**
   * Applies a batch and returns one result per record, in the same order. Throwing means that
   * no record of the batch was applied (e.g. the target is down); throw an
   * {@link OutcomeUnknownException} (or a failure the flow's classifier calls
   * {@linkplain org.odoobuild.connectors.resilience.FailureClassifier#outcomeUnknown outcome
   * unknown}) when some may have been. Return per-record results when some records were applied
   * and others not.
   *
   * @param batch the records, in source order
   * @return one result per record
   * @throws Exception when no record of the batch was applied, or see above
   */
  List<SinkResult> apply(List<SourceRecord<T>> batch) throws Exception;

  /**
   * Whether applying a record twice leaves the target as applying it once, so that a record
   * whose outcome is unknown may simply be sent again (default false: it is verified or
   * dead-lettered).
   *
   * @return true for upserts by a stable key
   */
  default boolean idempotent() {
    return false;
  }
}
