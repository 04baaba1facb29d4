package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;

/** The budgeted amount of one cost code (optionally with the estimated quantity). */
@Value.Immutable
@JsonSerialize(as = ImmutableBudgetLine.class)
@JsonDeserialize(as = ImmutableBudgetLine.class)
public interface BudgetLine {
  /** Line number, unique within the budget, positive. */
  int lineNumber();

  /** The cost code (required by validation). */
  @MaxLength(Limits.CODE)
  Optional<String> costCode();

  /** Description. */
  String description();

  /** Budgeted amount, in the budget currency, not negative. */
  Money amount();

  /** Estimated quantity behind the amount (from the takeoff). */
  Optional<Quantity> quantity();
}
