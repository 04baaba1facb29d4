package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;

/** One cost-code adjustment of a change order (negative for a deduct). */
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
}
