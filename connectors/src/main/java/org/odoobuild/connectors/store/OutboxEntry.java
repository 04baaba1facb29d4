package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record to deliver later, durably: pushed events, replays and outbound business events.
 *
 * @param flow the flow that delivers it
 * @param idempotencyKey unique per record version; enqueuing the same key again is a no-op
 * @param orderingKey entries with the same key are delivered one at a time in enqueue order
 *     ({@code ""}: no ordering)
 * @param payload the payload as text (JSON)
 * @param headers metadata (event type, source key, correlation id)
 * @param availableAt not delivered before this instant
 */
public record OutboxEntry(String flow, String idempotencyKey, String orderingKey, String payload,
    Map<String, String> headers, Instant availableAt) {

  /** Validates and copies. */
  public OutboxEntry {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    orderingKey = orderingKey == null ? "" : orderingKey;
    Objects.requireNonNull(payload, "payload");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    Objects.requireNonNull(availableAt, "availableAt");
  }
}
