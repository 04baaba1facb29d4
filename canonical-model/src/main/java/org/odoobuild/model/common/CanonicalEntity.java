package org.odoobuild.model.common;

import java.util.List;

/**
 * What every canonical construction entity has: its source references, a stable entity type
 * name, derived identifiers and a non-throwing {@link #validate()}.
 */
public interface CanonicalEntity {
  /** Where this record comes from; the first one is the primary reference (never empty). */
  List<SourceRef> sourceRefs();

  /** The entity type name used in external ids and schemas, e.g. {@code purchase_order}. */
  String entityType();

  /** The primary source reference (the first of {@link #sourceRefs()}). */
  default SourceRef primaryRef() {
    return sourceRefs().get(0);
  }

  /** {@code system:id:revision} of the primary reference. */
  default String idempotencyKey() {
    return primaryRef().idempotencyKey();
  }

  /** The deterministic Odoo external id, see {@link ExternalIds}. */
  default String externalId() {
    return ExternalIds.of(entityType(), primaryRef());
  }

  /** Every problem of this record (structural and business rules); never throws. */
  ValidationResult validate();

  /** Structural invariant shared by every entity: at least one source reference. */
  static void requireRefs(List<SourceRef> refs, String entityType) {
    if (refs.isEmpty()) {
      throw new IllegalStateException(entityType + " needs at least one source reference");
    }
  }
}
