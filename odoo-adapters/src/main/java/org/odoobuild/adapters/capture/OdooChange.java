package org.odoobuild.adapters.capture;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change of one Odoo record, as captured by {@link OdooChangeSource}.
 *
 * @param model the Odoo model
 * @param id the record id
 * @param kind created, updated, archived, unarchived or deleted
 * @param writeDate the record's {@code write_date} (for deletions: when the deletion was noticed)
 * @param values the projected fields now (empty for deletions)
 * @param previous the projected fields at the previous capture (empty when first seen)
 * @param entity the changed record as a canonical entity, when the source has a mapping for the model
 */
public record OdooChange(String model, long id, Kind kind, Instant writeDate, Map<String, Object> values,
    Map<String, Object> previous, java.util.Optional<Object> entity) {

  /** The kinds of change. */
  public enum Kind {
    /** First seen, and created after capture started ({@code create_date == write_date}) or first capture. */
    CREATED,
    /** Changed since the previous capture. */
    UPDATED,
    /** {@code active} went from true to false. */
    ARCHIVED,
    /** {@code active} went from false to true. */
    UNARCHIVED,
    /** The record no longer exists (found by the id-set comparison). */
    DELETED
  }

  /** The JSON codec that stores changes in the engine's outbox and dead letters (without the canonical entity). */
  public static org.odoobuild.connectors.spi.PayloadCodec<OdooChange> codec() {
    return ChangeCodec.INSTANCE;
  }

  /** Validates and copies. */
  public OdooChange {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(writeDate, "writeDate");
    values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    previous = previous == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(previous));
    entity = entity == null ? java.util.Optional.empty() : entity;
  }

  /** A change without a canonical entity. */
  public OdooChange(String model, long id, Kind kind, Instant writeDate, Map<String, Object> values,
      Map<String, Object> previous) {
    this(model, id, kind, writeDate, values, previous, java.util.Optional.empty());
  }

  /** Whether a field's value differs from the previous capture. */
  public boolean changed(String field) {
    return !Objects.equals(values.get(field), previous.get(field));
  }
}
