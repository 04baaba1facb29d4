package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The work completed to date on one line of the subcontract's schedule of values (a line of the
 * subcontract purchase order), cumulative as on a continuation sheet: either a percentage of the
 * line ({@link #percentComplete}) or a quantity in the order line's unit ({@link #quantityToDate}),
 * exactly one of them. What this period adds is the difference from what was certified before.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableProgressClaimLine.class)
@JsonDeserialize(as = ImmutableProgressClaimLine.class)
public interface ProgressClaimLine {
  /** Line number, unique within the claim, positive. */
  int lineNumber();

  /** The line number, on the subcontract purchase order, of the schedule-of-values line. */
  int orderLine();

  /** Percentage of the line completed to date (0 to 100). */
  Optional<BigDecimal> percentComplete();

  /** Quantity completed to date, in the order line's unit. */
  Optional<BigDecimal> quantityToDate();
}
