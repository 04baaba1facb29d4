package org.odoobuild.connectors.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record or event a source hands to the engine.
 *
 * @param key source identity and revision (the idempotency key)
 * @param type what happened
 * @param payload the canonical record (or any value the flow's sink understands)
 * @param occurredAt when it happened in the source
 * @param orderingKey records with the same ordering key are applied in order (e.g. a PO number);
 *     {@code ""} when order does not matter
 * @param headers free-form metadata (never secrets); {@value #ACTOR} names the acting principal
 * @param <T> the payload type
 */
public record SourceRecord<T>(RecordKey key, EventType type, T payload, Instant occurredAt, String orderingKey,
    Map<String, String> headers) {

  /**
   * The header naming the person or system on whose behalf the record was made (e.g. the
   * Procore user who approved a change); the engine and the sinks audit it as the actor.
   */
  public static final String ACTOR = "actor";

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

  /** The acting principal ({@value #ACTOR} header), when the source named one. */
  public Optional<String> actor() {
    return Optional.ofNullable(headers.get(ACTOR)).filter(a -> !a.isBlank());
  }

  /** A copy with the acting principal set. */
  public SourceRecord<T> withActor(String actor) {
    java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(ACTOR, Objects.requireNonNull(actor, "actor"));
    return new SourceRecord<>(key, type, payload, occurredAt, orderingKey, h);
  }
}
