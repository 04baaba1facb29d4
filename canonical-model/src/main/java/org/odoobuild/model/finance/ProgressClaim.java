package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
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

/**
 * A subcontractor's progress claim for one period against a subcontract (a purchase order whose
 * lines are the schedule of values), with the work completed to date per line. Once
 * {@link ProgressClaimStatus#CERTIFIED certified} it is billed: the certified value of the period
 * less the retention held back ({@link #retentionPercent}, else the integration's default).
 * Whether a line would go beyond 100 % is judged where the schedule of values is known (the
 * ERP), not here.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableProgressClaim.class)
@JsonDeserialize(as = ImmutableProgressClaim.class)
public interface ProgressClaim extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "progress_claim";

  /** The claim (payment application) number, e.g. {@code PA-03}. */
  @MaxLength(Limits.REF)
  String claimNumber();

  /** The subcontract purchase order. */
  SourceRef subcontractRef();

  /** The last day of the period claimed; one claim is billed per subcontract and period. */
  LocalDate periodEnd();

  /** When it was certified (required when CERTIFIED); the bill's date. */
  Optional<LocalDate> certifiedDate();

  /** Lifecycle status. */
  ProgressClaimStatus status();

  /** The currency (the subcontract's). */
  Currency currency();

  /** Retention held back on this claim, in percent (0 to 100); empty: the integration's default. */
  Optional<BigDecimal> retentionPercent();

  /** Work completed to date per schedule-of-values line. */
  List<ProgressClaimLine> lines();

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
    p.nonEmpty("lines", lines(), "line");
    p.unique("lines", "lineNumber", lines(), ProgressClaimLine::lineNumber);
    p.unique("lines", "orderLine", lines(), ProgressClaimLine::orderLine);
    if (status() == ProgressClaimStatus.CERTIFIED && certifiedDate().isEmpty()) {
      p.add("certifiedDate", ViolationCodes.REQUIRED, "a CERTIFIED claim needs its certification date");
    }
    retentionPercent().ifPresent(r -> {
      p.notNegative("retentionPercent", r);
      if (r.compareTo(BigDecimal.valueOf(100)) > 0) {
        p.add("retentionPercent", ViolationCodes.EXCEEDS, "retention cannot exceed 100 %, got " + r.toPlainString());
      }
    });
    for (int i = 0; i < lines().size(); i++) {
      ProgressClaimLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", BigDecimal.valueOf(l.lineNumber()));
      p.positive(at + ".orderLine", BigDecimal.valueOf(l.orderLine()));
      if (l.percentComplete().isPresent() == l.quantityToDate().isPresent()) {
        p.add(at, ViolationCodes.REQUIRED, "give either percentComplete or quantityToDate (exactly one)");
      }
      l.percentComplete().ifPresent(v -> p.notNegative(at + ".percentComplete", v));
      l.quantityToDate().ifPresent(v -> p.notNegative(at + ".quantityToDate", v));
    }
    return p.result();
  }
}
