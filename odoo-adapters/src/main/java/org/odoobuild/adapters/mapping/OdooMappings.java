package org.odoobuild.adapters.mapping;

import java.util.List;
import java.util.Optional;
import org.odoobuild.model.common.CanonicalEntity;

/** The built-in mappings, one per mapped canonical entity. */
public final class OdooMappings {
  private static final List<OdooMapping<?>> ALL = List.of(new VendorMapping(), new ProjectMapping(), new CostCodeMapping(),
      new AssetMapping(), new PurchaseOrderMapping(), new GoodsReceiptMapping(), new VendorBillMapping(), new MaintenanceEventMapping());

  private OdooMappings() {
  }

  /** Every built-in mapping. */
  public static List<OdooMapping<?>> all() {
    return ALL;
  }

  /** The mapping of a canonical type, when there is one. */
  @SuppressWarnings("unchecked")
  public static <T extends CanonicalEntity> Optional<OdooMapping<T>> forType(Class<T> type) {
    return ALL.stream().filter(m -> m.type() == type).map(m -> (OdooMapping<T>) m).findFirst();
  }
}
