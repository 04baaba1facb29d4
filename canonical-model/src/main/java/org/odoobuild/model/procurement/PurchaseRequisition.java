package org.odoobuild.model.procurement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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

/**
 * A request to buy for a project (from the field, from estimating, or released by an approved
 * submittal). Not a commitment yet; see {@link PurchaseOrder}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePurchaseRequisition.class)
@JsonDeserialize(as = ImmutablePurchaseRequisition.class)
public interface PurchaseRequisition extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "purchase_requisition";

  /** The requisition number. */
  @MaxLength(Limits.REF)
  String number();

  /** The project it is for. */
  SourceRef projectRef();

  /** Lifecycle status. */
  RequisitionStatus status();

  /** Who asked. */
  Optional<String> requestedBy();

  /** When the material is needed on site. */
  Optional<LocalDate> neededBy();

  /** The approved submittal that released this requisition, if any. */
  Optional<SourceRef> submittalRef();

  /** The currency of estimated prices. */
  Currency currency();

  /** The requested items. */
  List<PurchaseRequisitionLine> lines();

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
    p.unique("lines", "lineNumber", lines(), PurchaseRequisitionLine::lineNumber);
    for (int i = 0; i < lines().size(); i++) {
      PurchaseRequisitionLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", java.math.BigDecimal.valueOf(l.lineNumber()));
      p.positive(at + ".quantity.value", l.quantity().value());
      p.costCode(at + ".costCode", l.costCode());
      l.estimatedUnitPrice().ifPresent(m -> p.notNegative(at + ".estimatedUnitPrice.amount", m.amount())
          .currency(at + ".estimatedUnitPrice.currency", m, currency()));
    }
    return p.result();
  }
}
