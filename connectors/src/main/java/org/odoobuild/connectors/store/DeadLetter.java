package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Map;

/**
 * A record that could not be delivered: kept with its payload, the error and the attempts,
 * until an operator replays or discards it.
 *
 * @param id the id (for replay and discard)
 * @param flow its flow
 * @param idempotencyKey its idempotency key
 * @param payload the payload text
 * @param headers its headers
 * @param errorType the kind of error (e.g. {@code validation}, {@code OdooValidationException})
 * @param errorMessage the error in full
 * @param attempts deliveries tried
 * @param firstFailureAt the first failure
 * @param lastFailureAt the failure that dead-lettered it
 */
public record DeadLetter(long id, String flow, String idempotencyKey, String payload, Map<String, String> headers,
    String errorType, String errorMessage, int attempts, Instant firstFailureAt, Instant lastFailureAt) {}
