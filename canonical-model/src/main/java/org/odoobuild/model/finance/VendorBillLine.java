package org.odoobuild.model.finance;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;

/** One line of a vendor bill, charged to a cost code and optionally matched to an order line. */
@Value.Immutable
@JsonSerialize(as = ImmutableVendorBillLine.class)
@JsonDeserialize(as = ImmutableVendorBillLine.class)
public interface VendorBillLine {
  /** Line number, unique within the bill, positive. */
  int lineNumber();

  /** Description. */
  String description();

  /** Product code, when known. */
  @MaxLength(Limits.REF)
  Optional<String> productCode();

  /** Billed quantity. */
  Quantity quantity();

  /** Unit price in the bill currency. */
  Money unitPrice();

  /** Cost code charged (required by validation). */
  @MaxLength(Limits.CODE)
  Optional<String> costCode();

  /** The purchase order line billed (for 3-way matching). */
  Optional<Integer> orderLineNumber();

  /** Quantity × unit price. */
  default Money subtotal() {
    return unitPrice().times(quantity().value());
  }
}
