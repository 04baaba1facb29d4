package org.odoobuild.model.documents;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.ValidationResult;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.project.CsiCodes;

/**
 * One revision of a controlled drawing or specification. Procurement must source against the
 * current revision; a superseded revision names its successor.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDocumentRevision.class)
@JsonDeserialize(as = ImmutableDocumentRevision.class)
public interface DocumentRevision extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "document_revision";

  /** Document number, e.g. {@code A-101} or {@code 03 30 00}. */
  @MaxLength(Limits.REF)
  String documentNumber();

  /** Title. */
  String title();

  /** Drawing or specification. */
  DocumentKind kind();

  /** Revision code, e.g. {@code A}, {@code 0}, {@code P3}. */
  @MaxLength(Limits.CODE)
  String revisionCode();

  /** Issue status. */
  DocumentStatus status();

  /** The project. */
  SourceRef projectRef();

  /** Discipline (architectural, structural…). */
  @MaxLength(Limits.CODE)
  Optional<String> discipline();

  /** MasterFormat section, required for specifications. */
  @MaxLength(Limits.CODE)
  Optional<String> specSection();

  /** Issue date. */
  Optional<LocalDate> issuedDate();

  /** The revision that replaces this one (required iff SUPERSEDED). */
  Optional<SourceRef> supersededBy();

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
    Problems p = new Problems().structure(this);
    if (status() == DocumentStatus.SUPERSEDED && supersededBy().isEmpty()) {
      p.add("supersededBy", ViolationCodes.REQUIRED, "a superseded revision must name its successor");
    }
    if (status() != DocumentStatus.SUPERSEDED && supersededBy().isPresent()) {
      p.add("supersededBy", ViolationCodes.STATUS_CONFLICT, "only a SUPERSEDED revision has a successor, status is " + status());
    }
    if (supersededBy().isPresent() && supersededBy().get().key().equals(primaryRef().key())) {
      p.add("supersededBy", ViolationCodes.BAD_REFERENCE, "a revision cannot supersede itself");
    }
    if (kind() == DocumentKind.SPECIFICATION && specSection().isEmpty()) {
      p.add("specSection", ViolationCodes.REQUIRED, "a specification needs its MasterFormat section");
    }
    specSection().filter(s -> !s.isBlank() && s.length() <= Limits.CODE && !CsiCodes.isValid(s))
        .ifPresent(s -> p.add("specSection", ViolationCodes.INVALID_FORMAT, "not a MasterFormat section like '03 30 00'"));
    return p.result();
  }
}
