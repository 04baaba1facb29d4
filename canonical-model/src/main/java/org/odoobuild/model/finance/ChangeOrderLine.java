package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;

/**
 * One cost-code adjustment of a change order (negative for a deduct). When the change order
 * amends a commitment, a line either changes one of its order lines ({@link #orderLine}: the
 * quantity by {@link #quantityDelta}, the unit price by {@link #unitPriceDelta}) or adds one
 * ({@link #productCode}, the quantity and unit price as deltas from nothing).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableChangeOrderLine.class)
@JsonDeserialize(as = ImmutableChangeOrderLine.class)
public interface ChangeOrderLine {
  /** Line number, unique within the change order, positive. */
  int lineNumber();

  /** The cost code adjusted (required by validation). */
  @MaxLength(Limits.CODE)
  Optional<String> costCode();

  /** Description. */
  String description();

  /** The change (may be negative). */
  Money amount();

  /** The line number, on the amended purchase order, of the line this changes. */
  Optional<Integer> orderLine();

  /** The product of a line this adds to the amended purchase order. */
  @MaxLength(Limits.REF)
  Optional<String> productCode();

  /** The change of the ordered quantity, in the order line's unit (the quantity of an added line). */
  Optional<BigDecimal> quantityDelta();

  /** The change of the unit price (the unit price of an added line). */
  Optional<Money> unitPriceDelta();

  /** Whether this line amends the commitment (changes or adds an order line). */
  default boolean amendsCommitment() {
    return orderLine().isPresent() || productCode().isPresent();
  }
}
