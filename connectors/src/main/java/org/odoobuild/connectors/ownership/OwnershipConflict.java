package org.odoobuild.connectors.ownership;

import java.util.Objects;

/**
 * A write that would have overwritten a field another system owns: the write was withheld and
 * both values are kept here for the field's owner to decide (it becomes an exception case).
 *
 * @param entityType the entity type (for Odoo sinks the model, e.g. {@code res.partner})
 * @param entityKey the record (for Odoo sinks its external id)
 * @param field the field
 * @param owner the system that owns the field
 * @param writer the system whose write was withheld
 * @param currentValue the value the owner's system holds
 * @param proposedValue the value the writer wanted to set
 */
public record OwnershipConflict(String entityType, String entityKey, String field, String owner, String writer,
    String currentValue, String proposedValue) {

  /** Validates the parts. */
  public OwnershipConflict {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityKey, "entityKey");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(currentValue, "currentValue");
    Objects.requireNonNull(proposedValue, "proposedValue");
  }
}
