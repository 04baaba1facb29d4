package org.odoobuild.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.documents.DocumentRevision;
import org.odoobuild.model.documents.Submittal;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.ChangeOrder;
import org.odoobuild.model.finance.ProgressClaim;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseRequisition;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.CostCode;
import org.odoobuild.model.project.Project;

/**
 * Entry point to the canonical construction model: the list of entity types. Packages:
 * <ul>
 *   <li>{@code org.odoobuild.model.common} — identifiers ({@code SourceRef}, {@code ExternalIds}),
 *       {@code Money}, {@code Quantity}/{@code UnitOfMeasure}, validation ({@code Violation},
 *       {@code ValidationResult}, {@code Validator}, {@code Parsed})</li>
 *   <li>{@code .project} — {@code Project}, {@code CostCode}</li>
 *   <li>{@code .procurement} — {@code Vendor}, {@code PurchaseRequisition}, {@code PurchaseOrder},
 *       {@code GoodsReceipt}, {@code Validators} (cross-entity checks)</li>
 *   <li>{@code .documents} — {@code Submittal}, {@code DocumentRevision}</li>
 *   <li>{@code .finance} — {@code Budget}, {@code ChangeOrder}, {@code VendorBill}, {@code ProgressClaim}</li>
 *   <li>{@code .equipment} — {@code Asset}, {@code EquipmentUsage}, {@code MaintenanceEvent}</li>
 *   <li>{@code .json} — {@code CanonicalJson} (tolerant reader/writer), {@code JsonSchemas}</li>
 *   <li>{@code .odoo} — {@code OdooMapping}s per entity, {@code MappingContext},
 *       {@code OdooSchema} (field discovery), {@code Upserter} (idempotent {@code load})</li>
 * </ul>
 */
public final class CanonicalModel {
  private static final Map<String, Class<? extends CanonicalEntity>> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put(Project.TYPE, Project.class);
    TYPES.put(CostCode.TYPE, CostCode.class);
    TYPES.put(Vendor.TYPE, Vendor.class);
    TYPES.put(Submittal.TYPE, Submittal.class);
    TYPES.put(DocumentRevision.TYPE, DocumentRevision.class);
    TYPES.put(Asset.TYPE, Asset.class);
    TYPES.put(Budget.TYPE, Budget.class);
    TYPES.put(ChangeOrder.TYPE, ChangeOrder.class);
    TYPES.put(PurchaseRequisition.TYPE, PurchaseRequisition.class);
    TYPES.put(PurchaseOrder.TYPE, PurchaseOrder.class);
    TYPES.put(GoodsReceipt.TYPE, GoodsReceipt.class);
    TYPES.put(VendorBill.TYPE, VendorBill.class);
    TYPES.put(ProgressClaim.TYPE, ProgressClaim.class);
    TYPES.put(EquipmentUsage.TYPE, EquipmentUsage.class);
    TYPES.put(MaintenanceEvent.TYPE, MaintenanceEvent.class);
  }

  private CanonicalModel() {
  }

  /** Every entity type name → its value interface, in a stable order. */
  public static Map<String, Class<? extends CanonicalEntity>> entityTypes() {
    return java.util.Collections.unmodifiableMap(TYPES);
  }

  /** The value interface for an entity type name. */
  public static Optional<Class<? extends CanonicalEntity>> classOf(String entityType) {
    return Optional.ofNullable(TYPES.get(entityType));
  }
}
