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
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.ValidationResult;

/** A vendor's invoice. In Odoo: {@code account.move} with {@code move_type = in_invoice}. */
@Value.Immutable
@JsonSerialize(as = ImmutableVendorBill.class)
@JsonDeserialize(as = ImmutableVendorBill.class)
public interface VendorBill extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "vendor_bill";

  /** The vendor's invoice number ({@code account.move.ref}). */
  @MaxLength(Limits.REF)
  String billNumber();

  /** The vendor. */
  SourceRef vendorRef();

  /** The purchase order billed, if any. */
  Optional<SourceRef> purchaseOrderRef();

  /** Invoice date. */
  LocalDate billDate();

  /** Due date. */
  Optional<LocalDate> dueDate();

  /** Lifecycle status. */
  BillStatus status();

  /** Bill currency; every line must be in it. */
  Currency currency();

  /** The lines. */
  List<VendorBillLine> lines();

  /** Sum of line subtotals in the bill currency. */
  default Money total() {
    return Money.sumIn(currency(), lines().stream().map(VendorBillLine::subtotal));
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
    p.unique("lines", "lineNumber", lines(), VendorBillLine::lineNumber);
    p.order("dueDate", Optional.of(billDate()), dueDate(), "due date before bill date");
    for (int i = 0; i < lines().size(); i++) {
      VendorBillLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", BigDecimal.valueOf(l.lineNumber()));
      p.positive(at + ".quantity.value", l.quantity().value());
      p.notNegative(at + ".unitPrice.amount", l.unitPrice().amount());
      p.currency(at + ".unitPrice.currency", l.unitPrice(), currency());
      p.costCode(at + ".costCode", l.costCode());
    }
    return p.result();
  }
}
