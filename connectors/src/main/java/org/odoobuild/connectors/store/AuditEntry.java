package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the append-only audit log. Text parts that do not apply are {@code ""} (a
 * {@code null} passed to the constructor is read as {@code ""}); {@code before} and {@code after}
 * hold the financial fields of the record as JSON (amounts, quantities, prices, accounts) so a
 * change can be traced without the full payload.
 *
 * @param at when
 * @param actor who (user, engine worker id, webhook sender)
 * @param action what ({@code applied}, {@code dead_lettered}, {@code replayed}, {@code discarded}, …)
 * @param flow the flow
 * @param entityType the event or entity type
 * @param entityKey the record key
 * @param correlationId the correlation id through every hop
 * @param before financial fields before (JSON)
 * @param after financial fields after (JSON)
 * @param detail free text (target reference, reason)
 */
public record AuditEntry(Instant at, String actor, String action, String flow, String entityType, String entityKey,
    String correlationId, String before, String after, String detail) {

  /** Validates and replaces {@code null} texts by {@code ""}. */
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    actor = actor == null ? "" : actor;
    Objects.requireNonNull(action, "action");
    if (action.isEmpty()) {
      throw new IllegalArgumentException("action must not be empty");
    }
    flow = flow == null ? "" : flow;
    entityType = entityType == null ? "" : entityType;
    entityKey = entityKey == null ? "" : entityKey;
    correlationId = correlationId == null ? "" : correlationId;
    before = before == null ? "" : before;
    after = after == null ? "" : after;
    detail = detail == null ? "" : detail;
  }

  /**
   * A line with only actor and action set, at {@code at}; fill the rest with the {@code with…}
   * methods.
   *
   * @param at when
   * @param actor who
   * @param action what
   * @return the line
   */
  public static AuditEntry of(Instant at, String actor, String action) {
    return new AuditEntry(at, actor, action, "", "", "", "", "", "", "");
  }

  /**
   * A copy for a flow and entity.
   *
   * @param newFlow the flow
   * @param newEntityType the entity type
   * @param newEntityKey the entity key
   * @return the copy
   */
  public AuditEntry withEntity(String newFlow, String newEntityType, String newEntityKey) {
    return new AuditEntry(at, actor, action, newFlow, newEntityType, newEntityKey, correlationId, before, after, detail);
  }

  /**
   * A copy with the financial fields before and after (JSON).
   *
   * @param newBefore before
   * @param newAfter after
   * @return the copy
   */
  public AuditEntry withChange(String newBefore, String newAfter) {
    return new AuditEntry(at, actor, action, flow, entityType, entityKey, correlationId, newBefore, newAfter, detail);
  }

  /**
   * A copy with a correlation id.
   *
   * @param id the correlation id
   * @return the copy
   */
  public AuditEntry withCorrelationId(String id) {
    return new AuditEntry(at, actor, action, flow, entityType, entityKey, id, before, after, detail);
  }

  /**
   * A copy with a detail text.
   *
   * @param text the detail
   * @return the copy
   */
  public AuditEntry withDetail(String text) {
    return new AuditEntry(at, actor, action, flow, entityType, entityKey, correlationId, before, after, text);
  }
}
