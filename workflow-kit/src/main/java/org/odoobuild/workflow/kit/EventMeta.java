package org.odoobuild.workflow.kit;

import java.util.Objects;
import java.util.UUID;

/**
 * Who sent an event and why; {@code eventId} makes a redelivery idempotent.
 *
 * @param actor the person or system
 * @param reason why (kept in the history)
 * @param correlationId the correlation id
 * @param eventId unique per event delivery source; the same id fired twice runs once
 */
public record EventMeta(String actor, String reason, String correlationId, String eventId) {

  /** Validates. */
  public EventMeta {
    Objects.requireNonNull(actor, "actor");
    reason = reason == null ? "" : reason;
    correlationId = correlationId == null ? "" : correlationId;
    Objects.requireNonNull(eventId, "eventId");
  }

  /** Meta with a random event id (no idempotency across redeliveries). */
  public static EventMeta by(String actor, String reason) {
    return new EventMeta(actor, reason, "", UUID.randomUUID().toString());
  }

  /** Meta with an explicit event id. */
  public static EventMeta of(String actor, String reason, String eventId) {
    return new EventMeta(actor, reason, "", eventId);
  }
}
