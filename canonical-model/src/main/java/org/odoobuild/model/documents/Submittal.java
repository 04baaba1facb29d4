package org.odoobuild.model.documents;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
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
 * A submittal for review, tied to a specification section, with the document revisions it
 * covers. An approved submittal may release a purchase requisition.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSubmittal.class)
@JsonDeserialize(as = ImmutableSubmittal.class)
public interface Submittal extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "submittal";

  /** Submittal number, e.g. {@code 03 30 00-001}. */
  @MaxLength(Limits.REF)
  String number();

  /** Title. */
  String title();

  /** The project. */
  SourceRef projectRef();

  /** MasterFormat spec section, e.g. {@code 03 30 00}. */
  @MaxLength(Limits.CODE)
  String specSection();

  /** Revision number (0 for the first issue). */
  int revision();

  /** Review status. */
  SubmittalStatus status();

  /** When it was sent for review (required once submitted). */
  Optional<LocalDate> submittedDate();

  /** When the reviewer answered (required once reviewed). */
  Optional<LocalDate> reviewedDate();

  /** Review due date. */
  Optional<LocalDate> dueDate();

  /** The document revisions (drawings, product data) this submittal covers. */
  List<SourceRef> documentRevisions();

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
    if (!specSection().isBlank() && specSection().length() <= Limits.CODE && !CsiCodes.isValid(specSection())) {
      p.add("specSection", ViolationCodes.INVALID_FORMAT, "not a MasterFormat section like '03 30 00'");
    }
    p.notNegative("revision", BigDecimal.valueOf(revision()));
    if (status().isSubmitted() && submittedDate().isEmpty()) {
      p.add("submittedDate", ViolationCodes.REQUIRED, "a " + status() + " submittal needs its submitted date");
    }
    if (status().isReviewed() && reviewedDate().isEmpty()) {
      p.add("reviewedDate", ViolationCodes.REQUIRED, "a " + status() + " submittal needs its review date");
    }
    p.order("reviewedDate", submittedDate(), reviewedDate(), "reviewed before submitted");
    return p.result();
  }
}
