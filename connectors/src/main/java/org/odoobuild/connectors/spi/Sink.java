package org.odoobuild.connectors.spi;

import java.util.List;

/**
 * Applies records to a target (Odoo sinks are provided; implement it for other targets).
 * Must be idempotent per record key: applying the same record twice leaves the target as
 * applying it once (Odoo sinks upsert by external id).
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface Sink<T> {

  /**
   * Applies a batch and returns one result per record, in the same order. Throwing means the
   * whole batch failed (e.g. the target is down); the engine then retries or splits it.
   */
  List<SinkResult> apply(List<SourceRecord<T>> batch) throws Exception;
}
