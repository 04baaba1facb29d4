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

  /** Received quantity (may be in another compatible unit than ordered). */
  Quantity quantity();

  /** Field remark (damage, short delivery…). */
  @MaxLength(Limits.TEXT)
  Optional<String> note();
}
