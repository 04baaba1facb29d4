package org.odoobuild.connectors.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One record or event a source hands to the engine.
 *
 * @param key source identity and revision (the idempotency key)
 * @param type what happened
 * @param payload the canonical record (or any value the flow's sink understands)
 * @param occurredAt when it happened in the source
 * @param orderingKey records with the same ordering key are applied in order (e.g. a PO number);
 *     {@code ""} when order does not matter
 * @param headers free-form metadata (never secrets)
 * @param <T> the payload type
 */
public record SourceRecord<T>(RecordKey key, EventType type, T payload, Instant occurredAt, String orderingKey,
    Map<String, String> headers) {

  /** Validates the parts. */
  public SourceRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(occurredAt, "occurredAt");
    orderingKey = orderingKey == null ? "" : orderingKey;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A record with no ordering key and no headers. */
  public static <T> SourceRecord<T> of(RecordKey key, EventType type, T payload, Instant occurredAt) {
    return new SourceRecord<>(key, type, payload, occurredAt, "", Map.of());
  }

  /**
   * The correlation id the record carries (header {@code correlation_id}: a webhook's
   * {@code X-Correlation-Id} or delivery id, or the context it was accepted in), {@code ""} if none.
   */
  public String correlationId() {
    return headers.getOrDefault("correlation_id", "");
  }

  /** The idempotency key, scoped by event type. */
  public String idempotencyKey() {
    return type.name() + "/" + key.idempotencyKey();
  }
}
