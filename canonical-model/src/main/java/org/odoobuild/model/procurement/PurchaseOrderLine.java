package org.odoobuild.model.procurement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;

/** One committed line of a {@link PurchaseOrder}: quantity × unit price, charged to a cost code. */
@Value.Immutable
@JsonSerialize(as = ImmutablePurchaseOrderLine.class)
@JsonDeserialize(as = ImmutablePurchaseOrderLine.class)
public interface PurchaseOrderLine {
  /** Line number, unique within the order, positive. */
  int lineNumber();

  /** Line description ({@code purchase.order.line.name}). */
  String description();

  /** Product code ({@code product.product.default_code}), when the line is for a catalogue item. */
  @MaxLength(Limits.REF)
  Optional<String> productCode();

  /** Ordered quantity. */
  Quantity quantity();

  /** Unit price in the order currency. */
  Money unitPrice();

  /** Cost code charged (required by validation). */
  @MaxLength(Limits.CODE)
  Optional<String> costCode();

  /** Expected delivery date. */
  Optional<LocalDate> plannedDate();

  /**
   * The drawing (or specification) revisions the line was bought for ({@code DocumentRevision}
   * references): a revision that supersedes one of them puts the line on hold.
   */
  List<SourceRef> drawingRefs();

  /** Quantity × unit price. */
  default Money subtotal() {
    return unitPrice().times(quantity().value());
  }
}
