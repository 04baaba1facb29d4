package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record that could not be delivered: kept with its payload, the error and the attempts until
 * an operator replays ({@link SyncStore#replay}) or discards ({@link SyncStore#discard}) it.
 * Read them a page at a time with {@link SyncStore#deadLetters(DeadLetterQuery)}.
 *
 * @param id the id (for replay and discard)
 * @param flow its flow
 * @param idempotencyKey its idempotency key
 * @param orderingKey its ordering key ({@code ""}: none)
 * @param payload the payload text
 * @param headers its headers
 * @param errorType the kind of error (e.g. {@code validation}, {@code OdooValidationException})
 * @param errorMessage the error in full
 * @param attempts failed deliveries so far (kept across replays)
 * @param firstFailureAt the first failure
 * @param lastFailureAt the failure that dead-lettered it
 * @param owner who is to deal with it ({@code ""}: nobody yet; see {@link SyncStore#route})
 */
public record DeadLetter(long id, String flow, String idempotencyKey, String orderingKey, String payload,
    Map<String, String> headers, String errorType, String errorMessage, int attempts, Instant firstFailureAt,
    Instant lastFailureAt, String owner) {

  /** Validates and copies. */
  public DeadLetter {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(orderingKey, "orderingKey");
    Objects.requireNonNull(payload, "payload");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(errorType, "errorType");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(firstFailureAt, "firstFailureAt");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Objects.requireNonNull(owner, "owner");
  }
}
