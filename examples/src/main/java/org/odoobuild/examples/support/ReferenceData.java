package org.odoobuild.examples.support;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.adapters.mapping.CostCodeMapping;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooReferences;
import org.odoobuild.adapters.mapping.OdooUnits;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.mapping.VendorMapping;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.OdooClient;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.project.ImmutableCostCode;
import org.odoobuild.model.project.ImmutableProject;
import org.odoobuild.model.project.Project;
import org.odoobuild.model.project.ProjectStatus;

/**
 * The reference data an example needs in Odoo, so it runs on an empty database too: vendors,
 * projects and cost codes go through their canonical mappings, products, units, equipment
 * categories and the cost-code analytic plan (no canonical entity) as {@code load()} rows. Every
 * write is an upsert by external id, so running an example again changes nothing. Demo setup, not
 * connector code: in production this data is already in Odoo or arrives through its own flows.
 */
public final class ReferenceData {
  /** System name of the demo's master data in source references. */
  public static final String ERP = "erp";
  private static final Currency USD = Currency.getInstance("USD");
  private final OdooClient odoo;
  private final Upserter upserter;
  private final InMemoryReferences known = new InMemoryReferences();
  private final MappingContext ctx;

  private ReferenceData(OdooClient odoo) {
    this.odoo = odoo;
    this.upserter = Upserter.forClient(odoo);
    this.ctx = MappingContext.live(odoo, known);
  }

  /** Reference data in this Odoo. */
  public static ReferenceData in(OdooClient odoo) {
    return new ReferenceData(odoo);
  }

  /** A vendor ({@code res.partner}) whose canonical reference is {@code ref}. */
  public long vendor(SourceRef ref, String name) {
    return upserted(upserter.upsert(new VendorMapping(), List.of(ImmutableVendor.builder().addSourceRefs(ref).name(name)
        .build()), ctx).get(0));
  }

  /** A project ({@code project.project}) with its analytic account, whose canonical reference is {@code ref}. */
  public long project(SourceRef ref, String code, String name) {
    Project p = ImmutableProject.builder().addSourceRefs(ref).code(code).name(name).status(ProjectStatus.ACTIVE)
        .currency(USD).build();
    return upserted(upserter.upsert(new ProjectMapping(), List.of(p), ctx).get(0)); // its analytic account first
  }

  /** A cost code: an analytic account in the cost-code plan. */
  public long costCode(String code, String title) {
    costCodePlan();
    return upserted(upserter.upsert(new CostCodeMapping(), List.of(ImmutableCostCode.builder()
        .addSourceRefs(SourceRef.of(ERP, code)).code(code).name(title).build()), ctx).get(0));
  }

  /** The analytic plan cost codes belong to ({@value OdooReferences#COST_CODE_PLAN}). */
  public long costCodePlan() {
    Optional<Long> plan = ctx.refs().costCodePlanId();
    if (plan.isPresent()) {
      return plan.get();
    }
    long id = load(LoadRecord.of("account.analytic.plan", ExternalIds.MODULE + ".analytic_plan_cost_codes",
        Map.of("name", OdooReferences.COST_CODE_PLAN)));
    known.costCodePlan(id);
    return id;
  }

  /** A product by internal reference ({@code default_code}), bought in {@code unit}; an existing one is kept. */
  public long product(String code, String name, BigDecimal cost, UnitOfMeasure unit) {
    Optional<Long> existing = ctx.refs().productId(code);
    if (existing.isPresent()) {
      return existing.get();
    }
    unit(unit);
    long id = load(productRow(code, name, cost, unit));
    known.product(code, id);
    return id;
  }

  /**
   * The {@code load()} row of a product (the canonical model has no product entity); its unit
   * must exist ({@link #unit}).
   */
  public LoadRecord productRow(String code, String name, BigDecimal cost, UnitOfMeasure unit) {
    long uom = ctx.refs().uomId(unit).orElseThrow(() -> new IllegalArgumentException("no unit " + unit.symbol() + " in Odoo"));
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", name);
    cols.put("default_code", code);
    cols.put("standard_price", cost);
    cols.put("purchase_ok", true);
    cols.put("uom_id/.id", uom);
    ctx.schema().firstField("product.product", "uom_po_id").filter(f -> ctx.major() < 18)
        .ifPresent(f -> cols.put(f + "/.id", uom)); // Odoo 17 has a separate purchase unit
    return LoadRecord.of("product.product", productExternalId(code), cols);
  }

  /** The external id the examples give a product. */
  public static String productExternalId(String code) {
    return ExternalIds.of("product", SourceRef.of(ERP, code));
  }

  /**
   * A unit of measure under the name the mappings look it up by ({@link OdooUnits#odooName}).
   * Odoo ships most units; construction ones such as CY or LF are created (on Odoo 17 each in a
   * category of its own, as its reference unit).
   */
  public long unit(UnitOfMeasure unit) {
    Optional<Long> existing = ctx.refs().uomId(unit);
    if (existing.isPresent()) {
      return existing.get();
    }
    String name = OdooUnits.odooName(unit);
    String xid = ExternalIds.of("uom", SourceRef.of(ERP, unit.symbol()));
    Map<String, Object> cols = new LinkedHashMap<>();
    cols.put("name", name);
    if (odoo.model("uom.uom").firstField("category_id").isPresent()) {
      cols.put("category_id/.id", load(LoadRecord.of("uom.category", xid + "_category", Map.of("name", name))));
      cols.put("uom_type", "reference");
    }
    long id = load(LoadRecord.of("uom.uom", xid, cols));
    known.uom(unit, id);
    return id;
  }

  /** An equipment category ({@code maintenance.equipment.category}) by name. */
  public long equipmentCategory(String name) {
    Optional<Long> existing = ctx.refs().equipmentCategoryId(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    long id = load(LoadRecord.of("maintenance.equipment.category",
        ExternalIds.of("equipment_category", SourceRef.of(ERP, name)), Map.of("name", name)));
    known.category(name, id);
    return id;
  }

  /** The database id of the record with this external id. */
  public Optional<Long> idOf(String externalId) {
    return ctx.refs().idOf(externalId);
  }

  private long load(LoadRecord row) {
    return upserted(upserter.load(List.of(row)).get(0));
  }

  private static long upserted(UpsertOutcome o) {
    return o.odooId().orElseThrow(() -> new IllegalStateException("cannot set up " + o.externalId() + ": "
        + o.status() + " " + o.problems()));
  }
}
