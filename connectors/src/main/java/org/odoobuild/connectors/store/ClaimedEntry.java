package org.odoobuild.connectors.store;

import java.util.Map;

/**
 * An outbox entry reserved to one worker until its lease ends.
 *
 * @param id the entry id
 * @param flow its flow
 * @param idempotencyKey its idempotency key
 * @param orderingKey its ordering key
 * @param payload the payload text
 * @param headers its headers
 * @param attempts deliveries tried before this one
 */
public record ClaimedEntry(long id, String flow, String idempotencyKey, String orderingKey, String payload,
    Map<String, String> headers, int attempts) {}
