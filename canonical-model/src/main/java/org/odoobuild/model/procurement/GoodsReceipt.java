package org.odoobuild.model.procurement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.LocalDate;
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
 * Material received on site against a purchase order. In Odoo: an incoming
 * {@code stock.picking} with {@code stock.move} quantities.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableGoodsReceipt.class)
@JsonDeserialize(as = ImmutableGoodsReceipt.class)
public interface GoodsReceipt extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "goods_receipt";

  /** Receipt / delivery ticket number. */
  @MaxLength(Limits.REF)
  String number();

  /** The purchase order received against. */
  SourceRef purchaseOrderRef();

  /** Date of receipt. */
  LocalDate receivedDate();

  /** Lifecycle status. */
  ReceiptStatus status();

  /** Who received it. */
  Optional<String> receivedBy();

  /** The received items. */
  List<GoodsReceiptLine> lines();

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
    p.unique("lines", "lineNumber", lines(), GoodsReceiptLine::lineNumber);
    for (int i = 0; i < lines().size(); i++) {
      GoodsReceiptLine l = lines().get(i);
      String at = "lines[" + i + "]";
      p.positive(at + ".lineNumber", BigDecimal.valueOf(l.lineNumber()));
      p.positive(at + ".orderLineNumber", BigDecimal.valueOf(l.orderLineNumber()));
      p.positive(at + ".quantity.value", l.quantity().value());
      l.rejectedQuantity().ifPresent(r -> p.notNegative(at + ".rejectedQuantity.value", r.value())
          .dimension(at + ".rejectedQuantity.unit", r, l.quantity().unit().dimension()));
    }
    return p.result();
  }
}
