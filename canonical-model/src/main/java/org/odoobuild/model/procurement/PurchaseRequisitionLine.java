package org.odoobuild.model.procurement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;

/** One requested item of a {@link PurchaseRequisition}. */
@Value.Immutable
@JsonSerialize(as = ImmutablePurchaseRequisitionLine.class)
@JsonDeserialize(as = ImmutablePurchaseRequisitionLine.class)
public interface PurchaseRequisitionLine {
  /** Line number, unique within the requisition, positive. */
  int lineNumber();

  /** What is needed. */
  String description();

  /** Product / item code in the catalogue, when known. */
  @MaxLength(Limits.REF)
  Optional<String> productCode();

  /** How much. */
  Quantity quantity();

  /** Estimated unit price, in the requisition currency. */
  Optional<Money> estimatedUnitPrice();

  /** The cost code to charge (required by validation). */
  @MaxLength(Limits.CODE)
  Optional<String> costCode();

  /** The vendor to ask, when the requester knows one (requests are grouped per vendor). */
  Optional<SourceRef> vendorRef();
}
