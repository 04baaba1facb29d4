package org.odoobuild.model.procurement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Quantity;

/** One received item of a {@link GoodsReceipt}, pointing at the ordered line. */
@Value.Immutable
@JsonSerialize(as = ImmutableGoodsReceiptLine.class)
@JsonDeserialize(as = ImmutableGoodsReceiptLine.class)
public interface GoodsReceiptLine {
  /** Line number, unique within the receipt, positive. */
  int lineNumber();

  /** The purchase order line number received against. */
  int orderLineNumber();

  /** Product code, when known. */
  @MaxLength(Limits.REF)
  Optional<String> productCode();

  /** Received (accepted) quantity (may be in another compatible unit than ordered). */
  Quantity quantity();

  /**
   * Delivered but refused on site (damaged, wrong item), in a unit of the same dimension: not
   * received into stock, so the order still expects it (it stays on the backorder).
   */
  Optional<Quantity> rejectedQuantity();

  /** Field remark (damage, short delivery…). */
  @MaxLength(Limits.TEXT)
  Optional<String> note();
}
