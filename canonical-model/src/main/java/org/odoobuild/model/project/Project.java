package org.odoobuild.model.project;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.ValidationResult;

/**
 * A construction project (job). In Odoo: a {@code project.project} with its analytic account
 * (the project's cost collector).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableProject.class)
@JsonDeserialize(as = ImmutableProject.class)
public interface Project extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "project";

  /** The project number, e.g. {@code P-2024-017}. */
  @MaxLength(Limits.REF)
  String code();

  /** The project name. */
  String name();

  /** Lifecycle status. */
  ProjectStatus status();

  /** The customer (owner) as a canonical vendor/partner reference. */
  Optional<SourceRef> customerRef();

  /** Planned or actual start. */
  Optional<LocalDate> startDate();

  /** Planned or actual end. */
  Optional<LocalDate> endDate();

  /** The project's accounting currency. */
  Currency currency();

  /** Free description. */
  @MaxLength(Limits.TEXT)
  Optional<String> description();

  @Override
  default String entityType() {
    return TYPE;
  }

  /** Structural invariant: at least one source reference. */
  @Value.Check
  default void check() {
    CanonicalEntity.requireRefs(sourceRefs(), TYPE);
  }

  @Override
  default ValidationResult validate() {
    return new Problems().structure(this)
        .order("endDate", startDate(), endDate(), "end date before start date")
        .result();
  }
}
