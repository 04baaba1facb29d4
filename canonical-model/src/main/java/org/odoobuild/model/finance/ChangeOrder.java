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
import org.odoobuild.model.common.ViolationCodes;

/** A change to the contract scope and budget, possibly amending a commitment. */
@Value.Immutable
@JsonSerialize(as = ImmutableChangeOrder.class)
@JsonDeserialize(as = ImmutableChangeOrder.class)
public interface ChangeOrder extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "change_order";

  /** Change order number, e.g. {@code CO-007}. */
  @MaxLength(Limits.REF)
  String number();

  /** Title. */
  String title();

  /** The project. */
  SourceRef projectRef();

  /** The purchase order (commitment) it amends, if any. */
  Optional<SourceRef> commitmentRef();

  /** Lifecycle status. */
  ChangeOrderStatus status();

  /** Approval date (required when APPROVED). */
  Optional<LocalDate> approvedDate();

  /** Currency; every line must be in it. */
  Currency currency();

  /** The adjustments. */
  List<ChangeOrderLine> lines();

  /** Net change in the change order currency. */
  default Money total() {
    return Money.sumIn(currency(), lines().stream().map(l -> l.amount()));
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
    p.unique("lines", "lineNumber", lines(), ChangeOrderLine::lineNumber);
    if (status() == ChangeOrderStatus.APPROVED && approvedDate().isEmpty()) {
      p.add("approvedDate", ViolationCodes.REQUIRED, "an APPROVED change order needs its approval date");
    }
    for (int i = 0; i < lines().size(); i++) {
      ChangeOrderLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", BigDecimal.valueOf(l.lineNumber()));
      p.costCode(at + ".costCode", l.costCode());
      p.currency(at + ".amount.currency", l.amount(), currency());
      l.unitPriceDelta().ifPresent(d -> p.currency(at + ".unitPriceDelta.currency", d, currency()));
      if (l.amendsCommitment() && commitmentRef().isEmpty()) {
        p.add(at, ViolationCodes.REQUIRED, "a line that amends a purchase order needs the change order's commitmentRef");
      }
      if (l.orderLine().isEmpty() && l.productCode().isPresent()) {
        if (l.quantityDelta().filter(q -> q.signum() > 0).isEmpty()) {
          p.add(at + ".quantityDelta", ViolationCodes.REQUIRED, "an added order line needs a positive quantity");
        }
        if (l.unitPriceDelta().isEmpty()) {
          p.add(at + ".unitPriceDelta", ViolationCodes.REQUIRED, "an added order line needs its unit price");
        }
      }
      l.orderLine().ifPresent(n -> p.positive(at + ".orderLine", BigDecimal.valueOf(n)));
    }
    return p.result();
  }
}
