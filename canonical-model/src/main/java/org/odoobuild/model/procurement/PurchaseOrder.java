package org.odoobuild.model.procurement;

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
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.ValidationResult;

/**
 * A purchase order: the commitment to a vendor. In Odoo: {@code purchase.order} with
 * {@code purchase.order.line}s carrying an analytic distribution for the cost code.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePurchaseOrder.class)
@JsonDeserialize(as = ImmutablePurchaseOrder.class)
public interface PurchaseOrder extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "purchase_order";

  /** The order number. */
  @MaxLength(Limits.REF)
  String number();

  /** The vendor (a canonical {@link Vendor} reference). */
  SourceRef vendorRef();

  /** The project the order is for. */
  Optional<SourceRef> projectRef();

  /** The requisition it fulfils. */
  Optional<SourceRef> requisitionRef();

  /** Order date. */
  LocalDate orderDate();

  /** Lifecycle status. */
  PurchaseOrderStatus status();

  /** Order currency; every line price must be in it. */
  Currency currency();

  /** The lines. */
  List<PurchaseOrderLine> lines();

  /** Sum of the line subtotals (lines in another currency are left out). */
  default Money total() {
    return Money.sumIn(currency(), lines().stream().map(PurchaseOrderLine::subtotal));
  }

  /** The line with this number. */
  default Optional<PurchaseOrderLine> line(int lineNumber) {
    return lines().stream().filter(l -> l.lineNumber() == lineNumber).findFirst();
  }

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
    p.unique("lines", "lineNumber", lines(), PurchaseOrderLine::lineNumber);
    for (int i = 0; i < lines().size(); i++) {
      PurchaseOrderLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", BigDecimal.valueOf(l.lineNumber()));
      p.positive(at + ".quantity.value", l.quantity().value());
      p.notNegative(at + ".unitPrice.amount", l.unitPrice().amount());
      p.currency(at + ".unitPrice.currency", l.unitPrice(), currency());
      p.costCode(at + ".costCode", l.costCode());
      p.order(at + ".plannedDate", Optional.of(orderDate()), l.plannedDate(), "planned date before order date");
    }
    return p.result();
  }
}
