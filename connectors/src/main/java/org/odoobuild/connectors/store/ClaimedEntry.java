package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An outbox entry reserved to one worker until its lease ends. Finish it with
 * {@link SyncStore#complete}, {@link SyncStore#fail} or {@link SyncStore#deadLetter(long, String,
 * String)}; if the worker does none of these before {@link #leaseUntil()}, another worker may
 * claim it.
 *
 * @param id the entry id
 * @param flow its flow
 * @param idempotencyKey its idempotency key
 * @param orderingKey its ordering key ({@code ""}: none)
 * @param payload the payload text
 * @param headers its headers
 * @param attempts failed deliveries before this one
 * @param leaseUntil when the reservation ends
 */
public record ClaimedEntry(long id, String flow, String idempotencyKey, String orderingKey, String payload,
    Map<String, String> headers, int attempts, Instant leaseUntil) {

  /** Validates and copies. */
  public ClaimedEntry {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(orderingKey, "orderingKey");
    Objects.requireNonNull(payload, "payload");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(leaseUntil, "leaseUntil");
  }
}
