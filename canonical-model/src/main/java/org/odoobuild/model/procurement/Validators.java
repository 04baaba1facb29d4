package org.odoobuild.model.procurement;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.model.common.IncompatibleUnitsException;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.Validator;
import org.odoobuild.model.common.ViolationCodes;

/**
 * Cross-entity gates for a sync engine ("invalid data never reaches Odoo"): vendor compliance on
 * the order date, receipts against their order. Each returns a {@link Validator}; none throws.
 */
public final class Validators {
  private Validators() {
  }

  /** The order is valid and its vendor is compliant on the order date. */
  public static Validator<PurchaseOrder> purchaseOrder(Vendor vendor) {
    return po -> {
      Problems p = new Problems().addAll("", po.validate());
      if (!vendor.sourceRefs().stream().anyMatch(r -> r.key().equals(po.vendorRef().key()))) {
        p.add("vendorRef", ViolationCodes.BAD_REFERENCE, "the vendor given is not the order's vendor");
      }
      vendor.complianceProblems(po.orderDate()).forEach(v -> p.add("vendorRef", v.code(), v.message()));
      return p.result();
    };
  }

  /**
   * The receipt is valid, references existing order lines, receives no more than ordered (in
   * compatible units), and the vendor is compliant on the receipt date.
   */
  public static Validator<GoodsReceipt> goodsReceipt(PurchaseOrder order, Optional<Vendor> vendor) {
    return gr -> {
      Problems p = new Problems().addAll("", gr.validate());
      if (!order.sourceRefs().stream().anyMatch(r -> r.key().equals(gr.purchaseOrderRef().key()))) {
        p.add("purchaseOrderRef", ViolationCodes.BAD_REFERENCE, "receipt is not against this order");
      }
      Map<Integer, Quantity> received = new HashMap<>();
      for (int i = 0; i < gr.lines().size(); i++) {
        GoodsReceiptLine l = gr.lines().get(i);
        String at = "lines[" + i + "]";
        Optional<PurchaseOrderLine> ol = order.line(l.orderLineNumber());
        if (ol.isEmpty()) {
          p.add(at + ".orderLineNumber", ViolationCodes.BAD_REFERENCE, "order has no line " + l.orderLineNumber());
          continue;
        }
        Quantity ordered = ol.get().quantity();
        if (!l.quantity().unit().isCompatibleWith(ordered.unit())) {
          p.add(at + ".quantity.unit", ViolationCodes.INCOMPATIBLE_UNIT,
              "received in " + l.quantity().unit().symbol() + ", ordered in " + ordered.unit().symbol());
          continue;
        }
        try {
          Quantity total = received.merge(l.orderLineNumber(), l.quantity().convertTo(ordered.unit()), Quantity::plus);
          if (total.compareMagnitude(ordered) > 0) {
            p.add(at + ".quantity.value", ViolationCodes.EXCEEDS, "received " + total + " of " + ordered + " ordered");
          }
        } catch (IncompatibleUnitsException e) {
          p.add(at + ".quantity.unit", ViolationCodes.INCOMPATIBLE_UNIT, e.getMessage());
        }
      }
      LocalDate on = gr.receivedDate();
      vendor.ifPresent(v -> v.complianceProblems(on).forEach(x -> p.add("vendor", x.code(), x.message())));
      return p.result();
    };
  }
}
