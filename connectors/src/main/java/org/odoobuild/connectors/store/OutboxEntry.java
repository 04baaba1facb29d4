package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record to deliver later, durably: pushed events (webhooks), replays and outbound business
 * events.
 *
 * @param flow the flow that delivers it
 * @param idempotencyKey unique across the store; enqueuing the same key again is a no-op
 * @param orderingKey the partition (e.g. a project or a purchase order): entries with the same
 *     key are delivered one at a time, in enqueue order; {@code ""} for no ordering
 * @param payload the payload as text (JSON)
 * @param headers metadata (event type, source key, correlation id)
 * @param availableAt not delivered before this instant
 */
public record OutboxEntry(String flow, String idempotencyKey, String orderingKey, String payload,
    Map<String, String> headers, Instant availableAt) {

  /** The longest flow name a store holds. */
  public static final int MAX_FLOW = 128;
  /** The longest idempotency key a store holds. */
  public static final int MAX_IDEMPOTENCY_KEY = 512;
  /** The longest ordering key a store holds. */
  public static final int MAX_ORDERING_KEY = 256;

  /**
   * Validates and copies; a {@code null} ordering key or header map is read as empty.
   *
   * @throws IllegalArgumentException for an empty flow or key, or one longer than a store holds
   *     ({@value #MAX_FLOW}, {@value #MAX_IDEMPOTENCY_KEY}, {@value #MAX_ORDERING_KEY} characters)
   */
  public OutboxEntry {
    requireText(flow, "flow");
    requireText(idempotencyKey, "idempotencyKey");
    orderingKey = orderingKey == null ? "" : orderingKey;
    requireLength(flow, MAX_FLOW, "flow");
    requireLength(idempotencyKey, MAX_IDEMPOTENCY_KEY, "idempotencyKey");
    requireLength(orderingKey, MAX_ORDERING_KEY, "orderingKey");
    Objects.requireNonNull(payload, "payload");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    Objects.requireNonNull(availableAt, "availableAt");
  }

  /**
   * An unordered entry with no headers, due now.
   *
   * @param flow the flow
   * @param idempotencyKey the unique key
   * @param payload the payload
   * @return the entry
   */
  public static OutboxEntry of(String flow, String idempotencyKey, String payload) {
    return new OutboxEntry(flow, idempotencyKey, "", payload, Map.of(), Instant.now());
  }

  /**
   * This entry with another ordering key.
   *
   * @param key the ordering key
   * @return a copy
   */
  public OutboxEntry withOrderingKey(String key) {
    return new OutboxEntry(flow, idempotencyKey, key, payload, headers, availableAt);
  }

  /**
   * This entry with other headers.
   *
   * @param newHeaders the headers
   * @return a copy
   */
  public OutboxEntry withHeaders(Map<String, String> newHeaders) {
    return new OutboxEntry(flow, idempotencyKey, orderingKey, payload, newHeaders, availableAt);
  }

  /**
   * This entry due at another instant.
   *
   * @param at when it becomes deliverable
   * @return a copy
   */
  public OutboxEntry availableAt(Instant at) {
    return new OutboxEntry(flow, idempotencyKey, orderingKey, payload, headers, at);
  }

  private static void requireLength(String value, int max, String name) {
    if (value.length() > max) {
      throw new IllegalArgumentException(name + " is longer than " + max + " characters");
    }
  }

  static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
