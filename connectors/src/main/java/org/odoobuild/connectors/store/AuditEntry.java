package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the append-only audit log.
 *
 * @param at when
 * @param actor who (user, engine worker id, webhook sender)
 * @param action what ({@code applied}, {@code dead_lettered}, {@code replayed}, {@code discarded}, …)
 * @param flow the flow
 * @param entityType the event or entity type
 * @param entityKey the record key
 * @param correlationId the correlation id through every hop
 * @param before financial fields before (JSON), {@code ""} when not applicable
 * @param after financial fields after (JSON), {@code ""} when not applicable
 * @param detail free text (target reference, reason)
 */
public record AuditEntry(Instant at, String actor, String action, String flow, String entityType, String entityKey,
    String correlationId, String before, String after, String detail) {

  /** Validates and replaces null texts by {@code ""}. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    actor = actor == null ? "" : actor;
    Objects.requireNonNull(action, "action");
    flow = flow == null ? "" : flow;
    entityType = entityType == null ? "" : entityType;
    entityKey = entityKey == null ? "" : entityKey;
    correlationId = correlationId == null ? "" : correlationId;
    before = before == null ? "" : before;
    after = after == null ? "" : after;
    detail = detail == null ? "" : detail;
  }
}
