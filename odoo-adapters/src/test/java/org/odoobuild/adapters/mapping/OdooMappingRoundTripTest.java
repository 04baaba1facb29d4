package org.odoobuild.adapters.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Command;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.ImmutableAsset;
import org.odoobuild.model.equipment.ImmutableMaintenanceEvent;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.model.equipment.MaintenanceStatus;
import org.odoobuild.model.equipment.MaintenanceType;
import org.odoobuild.model.finance.BillStatus;
import org.odoobuild.model.finance.ImmutableVendorBill;
import org.odoobuild.model.finance.ImmutableVendorBillLine;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.adapters.mapping.AssetMapping;
import org.odoobuild.adapters.mapping.CostCodeMapping;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MaintenanceEventMapping;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooField;
import org.odoobuild.adapters.mapping.OdooSchema;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.mapping.PurchaseOrderMapping;
import org.odoobuild.adapters.mapping.VendorBillMapping;
import org.odoobuild.adapters.mapping.VendorMapping;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.CostCode;
import org.odoobuild.model.project.ImmutableCostCode;
import org.odoobuild.model.project.ImmutableProject;
import org.odoobuild.model.project.Project;
import org.odoobuild.model.project.ProjectStatus;

/** canonical → Odoo values → canonical, against recorded Odoo 19 payloads and the documented 17 names. */
class OdooMappingRoundTripTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final SourceRef VENDOR = SourceRef.of("procore", "V-170");
  private static final SourceRef PROJECT = SourceRef.of("procore", "P-2024-017");

  private static InMemoryReferences refs() {
    return new InMemoryReferences()
        .record(Vendor.TYPE, VENDOR, VendorMapping.MODEL, 170)
        .record(Project.TYPE, PROJECT, ProjectMapping.MODEL, 5)
        .externalId(ProjectMapping.accountExternalId(project()), 27)
        .costCode("03 30 00", 301).costCode("05 12 00", 302)
        .product("FURN_7777", 5)
        .uom(UnitOfMeasure.EA, 1).uom(UnitOfMeasure.CY, 12)
        .currency(USD, 1)
        .category("Excavators", 4)
        .costCodePlan(9)
        .externalId("maintenance.stage_0", 1).externalId("maintenance.stage_1", 2)
        .externalId("maintenance.stage_3", 3).externalId("maintenance.stage_4", 4);
  }

  static Project project() {
    return ImmutableProject.builder().addSourceRefs(PROJECT).code("P-2024-017").name("Home Construction").status(ProjectStatus.ACTIVE)
        .customerRef(VENDOR).startDate(LocalDate.parse("2026-09-22")).endDate(LocalDate.parse("2026-11-17")).currency(USD).build();
  }

  static PurchaseOrder purchaseOrder() {
    return ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("procore", "PO-25")).number("P00025").vendorRef(VENDOR)
        .projectRef(PROJECT).orderDate(LocalDate.parse("2026-11-22")).status(PurchaseOrderStatus.DRAFT).currency(USD)
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(1).description("WIRE-Line 1").productCode("FURN_7777")
            .quantity(Quantity.of("3.0", UnitOfMeasure.EA)).unitPrice(Money.of("12.5", "USD")).costCode("03 30 00")
            .plannedDate(LocalDate.parse("2026-11-22")).build())
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(2).description("WIRE-Line 2").productCode("FURN_7777")
            .quantity(Quantity.of("1.5", UnitOfMeasure.EA)).unitPrice(Money.of("100.0", "USD")).costCode("05 12 00").build())
        .build();
  }

  @Test
  void purchaseOrderUsesVersionSpecificLineFieldsAndAnalyticDistribution() {
    MappingContext v19 = MappingContext.offline(19, refs());
    MappingContext v17 = MappingContext.offline(17, refs());
    PurchaseOrderMapping m = new PurchaseOrderMapping();
    Map<String, Object> vals19 = m.toOdoo(purchaseOrder(), v19);
    Map<String, Object> vals17 = m.toOdoo(purchaseOrder(), v17);
    assertEquals(170L, vals19.get("partner_id"));
    @SuppressWarnings("unchecked")
    Map<String, Object> line19 = (Map<String, Object>) ((List<?>) ((Command) ((List<?>) vals19.get("order_line")).get(0)).toWire()).get(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> line17 = (Map<String, Object>) ((List<?>) ((Command) ((List<?>) vals17.get("order_line")).get(0)).toWire()).get(2);
    assertEquals(1L, line19.get("product_uom_id"));
    assertFalse(line19.containsKey("product_uom"));
    assertEquals(1L, line17.get("product_uom"));
    assertEquals(Map.of("27,301", 100), line19.get("analytic_distribution"));
    // the recorded Odoo 19 line values for the same order
    Record recorded = Wire.records("read-purchase-order-lines.json").get(0);
    assertEquals(recorded.getDecimal("product_qty").compareTo((BigDecimal) line19.get("product_qty")), 0);
    assertEquals(recorded.getDecimal("price_unit").compareTo((BigDecimal) line19.get("price_unit")), 0);
    assertEquals(recorded.getMany2one("product_uom_id").get().id(), line19.get("product_uom_id"));
    assertEquals(recorded.getMany2one("product_id").get().id(), line19.get("product_id"));
    assertEquals(recorded.getString("name").get(), line19.get("name"));
    // round trip through what Odoo stores
    for (MappingContext ctx : List.of(v19, v17)) {
      PurchaseOrder back = m.fromOdoo(Wire.stored(25, m.toOdoo(purchaseOrder(), ctx)), ctx);
      ImmutablePurchaseOrder expected = ImmutablePurchaseOrder.copyOf(purchaseOrder()).withSourceRefs(SourceRef.of("odoo", "purchase.order:25"))
          .withProjectRef(java.util.Optional.empty());
      assertEquals(expected.withLines(back.lines()), back);
      for (int i = 0; i < 2; i++) {
        assertEquals(expected.lines().get(i).costCode(), back.lines().get(i).costCode());
        assertEquals(0, expected.lines().get(i).quantity().value().compareTo(back.lines().get(i).quantity().value()));
        assertEquals(0, expected.lines().get(i).unitPrice().amount().compareTo(back.lines().get(i).unitPrice().amount()));
      }
    }
  }

  @Test
  void recordedPurchaseOrderDecodes() {
    Record header = Wire.records("read-purchase-order.json").get(0);
    List<Record> lines = Wire.records("read-purchase-order-lines.json");
    MappingContext ctx = MappingContext.of(OdooSchema.offline(19), refs(), (model, ids, fields) -> lines);
    Parsed<PurchaseOrder> p = new PurchaseOrderMapping().decode(header, ctx);
    PurchaseOrder po = p.value().orElseThrow();
    assertEquals("P00025", po.number());
    assertEquals(VENDOR, po.vendorRef());
    assertEquals(2, po.lines().size());
    assertEquals(0, new BigDecimal("187.5").compareTo(po.total().amount()), "recorded amount_untaxed");
    assertEquals(UnitOfMeasure.EA, po.lines().get(0).quantity().unit());
    assertEquals("FURN_7777", po.lines().get(0).productCode().orElseThrow());
    // the recorded lines carry no analytic distribution: validation says so, per line
    assertEquals(java.util.Set.of("lines[0].costCode missing_cost_code", "lines[1].costCode missing_cost_code"), p.result().pathsAndCodes());
    // the state-only reads map their state, and decoding them reports the missing vendor instead of throwing
    Record cancelled = Wire.records("read-purchase-order-cancelled.json").get(0);
    assertEquals(PurchaseOrderStatus.CANCELLED, PurchaseOrderStatus.fromOdoo(cancelled.getString("state").orElseThrow()).orElseThrow());
    Record confirmed = Wire.records("read-purchase-order-confirmed.json").get(0);
    assertEquals(PurchaseOrderStatus.CONFIRMED, PurchaseOrderStatus.fromOdoo(confirmed.getString("state").orElseThrow()).orElseThrow());
    assertEquals(java.util.Set.of("partner_id required"), new PurchaseOrderMapping().decode(confirmed, ctx).result().pathsAndCodes());
  }

  @Test
  void vendorRoundTripsOn17And19AndDecodesTheRecordedPartner() {
    Vendor v = ImmutableVendor.builder().addSourceRefs(VENDOR).name("WIRE-Batch Vendor").vendorCode("WIRE-VEND-1").taxId("US12345678")
        .email("ap@vendor.example.com").phone("+1 555 0100").blocked(true).build();
    VendorMapping m = new VendorMapping();
    for (int major : new int[] {17, 19}) {
      MappingContext ctx = MappingContext.offline(major, refs());
      Map<String, Object> vals = m.toOdoo(v, ctx);
      assertEquals(1, vals.get("supplier_rank"));
      assertEquals(major == 17, vals.containsKey("purchase_warn"));
      assertEquals(v, m.fromOdoo(Wire.stored(170, vals), ctx));
    }
    Record recorded = Wire.records("read-partners.json").get(2);
    Vendor decoded = m.decode(recorded, MappingContext.offline(19, refs())).value().orElseThrow();
    assertEquals("WIRE-Batch Vendor", decoded.name());
    assertEquals("WIRE-VEND-1", decoded.vendorCode().orElseThrow());
    assertEquals(VENDOR, decoded.primaryRef());
  }

  @Test
  void vendorComplianceUsesCustomFieldsOnlyWhenDiscovered() {
    Vendor v = ImmutableVendor.builder().addSourceRefs(VENDOR).name("Acme Rebar").insuranceExpiry(LocalDate.parse("2027-01-31")).build();
    MappingContext offline = MappingContext.offline(19, refs());
    assertFalse(new VendorMapping().toOdoo(v, offline).containsKey("x_insurance_expiry"));
    OdooSchema discovered = OdooSchema.fromFields(19, model -> java.util.Optional.of(java.util.Set.of("name", "purchase_warn_msg", "x_insurance_expiry")));
    MappingContext live = MappingContext.of(discovered, refs(), (a, b, c) -> List.of());
    Map<String, Object> vals = new VendorMapping().toOdoo(v, live);
    assertEquals(LocalDate.parse("2027-01-31"), vals.get("x_insurance_expiry"));
    assertEquals(v.insuranceExpiry(), new VendorMapping().fromOdoo(Wire.stored(170, vals), live).insuranceExpiry());
  }

  @Test
  void projectAnalyticFieldIsDiscoveredWithFieldsGet() {
    OdooSchema discovered = Wire.schemaFromFieldsGet("project.project", "fields-get-project.json");
    assertEquals("account_id", discovered.field(OdooField.PROJECT_ANALYTIC_ACCOUNT));
    assertEquals("analytic_account_id", OdooSchema.offline(17).field(OdooField.PROJECT_ANALYTIC_ACCOUNT));
    assertEquals("product_uom", OdooSchema.offline(17).field(OdooField.PURCHASE_LINE_UOM));
    assertEquals("taxes_id", OdooSchema.offline(17).field(OdooField.PURCHASE_LINE_TAXES));
    assertEquals("tax_ids", OdooSchema.offline(19).field(OdooField.PURCHASE_LINE_TAXES));
    assertEquals("groups_id", OdooSchema.offline(17).field(OdooField.USER_GROUPS));
    assertEquals("group_ids", OdooSchema.offline(19).field(OdooField.USER_GROUPS));

    ProjectMapping m = new ProjectMapping();
    MappingContext ctx19 = MappingContext.of(discovered, refs(),
        (model, ids, fields) -> List.of(new Record(Map.of("id", ids.get(0), "code", "P-2024-017"))));
    Map<String, Object> vals19 = m.toOdoo(project(), ctx19);
    assertEquals(27L, vals19.get("account_id"));
    MappingContext ctx17 = MappingContext.of(OdooSchema.offline(17), refs(),
        (model, ids, fields) -> List.of(new Record(Map.of("id", ids.get(0), "code", "P-2024-017"))));
    Map<String, Object> vals17 = m.toOdoo(project(), ctx17);
    assertEquals(27L, vals17.get("analytic_account_id"));
    for (MappingContext ctx : List.of(ctx19, ctx17)) {
      assertEquals(project(), ImmutableProject.copyOf(m.fromOdoo(Wire.stored(5, m.toOdoo(project(), ctx)), ctx)).withSourceRefs(PROJECT));
    }
    // every recorded Odoo 19 project decodes
    for (Record r : Wire.records("search-read-projects.json")) {
      Parsed<Project> p = m.decode(r, MappingContext.offline(19, refs()));
      assertTrue(p.isValid(), () -> r + " " + p.violations());
    }
    assertEquals("analytic_account_id/id", m.toLoad(project(), ctx17).values().keySet().stream().filter(k -> k.contains("analytic")).findFirst().orElseThrow());
  }

  @Test
  void costCodeRoundTripsAndRecordedAccountsWithoutCodeAreRejected() {
    CostCode cc = ImmutableCostCode.builder().addSourceRefs(SourceRef.of("estimating", "03 30 00")).code("03 30 00").name("Cast-in-Place Concrete").build();
    CostCodeMapping m = new CostCodeMapping();
    MappingContext ctx = MappingContext.offline(19, refs());
    Map<String, Object> vals = m.toOdoo(cc, ctx);
    assertEquals(9L, vals.get("plan_id"));
    assertEquals(ImmutableCostCode.copyOf(cc).withSourceRefs(SourceRef.of("odoo", "account.analytic.account:301")), m.fromOdoo(Wire.stored(301, vals), ctx));
    assertEquals(java.util.Optional.of("03 00 00"), cc.parent());
    for (Record r : Wire.records("search-read-analytic-accounts.json")) {
      Parsed<CostCode> p = m.decode(r, ctx);
      assertTrue(p.value().isEmpty());
      assertEquals(java.util.Set.of("code required"), p.result().pathsAndCodes());
    }
  }

  @Test
  void assetRoundTripsAndRecordedEquipmentDecodes() {
    Asset a = ImmutableAsset.builder().addSourceRefs(SourceRef.of("hcss", "EX-014")).assetTag("EX-014").name("CAT 320 Excavator")
        .serialNumber("WIRE-SN-0001").category("Excavators").status(AssetStatus.ACTIVE).acquisitionCost(Money.of("125000.5", "USD"))
        .acquisitionDate(LocalDate.parse("2024-03-15")).build();
    AssetMapping m = new AssetMapping();
    MappingContext ctx = MappingContext.offline(19, refs());
    Asset back = m.fromOdoo(new Record(withCategoryName(Wire.stored(20, m.toOdoo(a, ctx)))), ctx);
    assertEquals(ImmutableAsset.copyOf(a).withSourceRefs(back.sourceRefs()), back);
    Record recorded = Wire.records("read-equipment.json").get(0);
    Asset rec = m.decode(recorded, ctx).value().orElseThrow();
    assertEquals("WIRE-SN-0001", rec.serialNumber().orElseThrow());
    assertEquals(Money.of("125000.5", "USD"), rec.acquisitionCost().orElseThrow());
    assertEquals(LocalDate.parse("2024-03-15"), rec.acquisitionDate().orElseThrow());
    for (Record r : Wire.records("search-read-equipment.json")) {
      assertTrue(m.decode(r, ctx).value().isPresent());
    }
  }

  private static Map<String, Object> withCategoryName(Record r) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(r.asMap());
    m.put("category_id", List.of(m.get("category_id"), "Excavators"));
    return m;
  }

  @Test
  void vendorBillRoundTrips() {
    VendorBill b = ImmutableVendorBill.builder().addSourceRefs(SourceRef.of("ap", "INV-9")).billNumber("INV-9").vendorRef(VENDOR)
        .billDate(LocalDate.parse("2026-11-30")).dueDate(LocalDate.parse("2026-12-30")).status(BillStatus.DRAFT).currency(USD)
        .addLines(ImmutableVendorBillLine.builder().lineNumber(1).description("Ready-mix").quantity(Quantity.of("12", UnitOfMeasure.CY))
            .unitPrice(Money.of("165.00", "USD")).costCode("03 30 00").build())
        .build();
    VendorBillMapping m = new VendorBillMapping();
    MappingContext ctx = MappingContext.offline(19, refs());
    Map<String, Object> vals = m.toOdoo(b, ctx);
    assertEquals("in_invoice", vals.get("move_type"));
    Map<String, Object> stored = new java.util.LinkedHashMap<>(Wire.stored(77, vals).asMap());
    stored.put("state", "draft");
    stored.put("payment_state", "not_paid");
    VendorBill back = m.fromOdoo(new Record(stored), ctx);
    assertEquals(ImmutableVendorBill.copyOf(b).withSourceRefs(back.sourceRefs()).withLines(back.lines()), back);
    assertEquals(0, b.total().amount().compareTo(back.total().amount()));
    assertEquals(b.lines().get(0).costCode(), back.lines().get(0).costCode());
  }

  @Test
  void maintenanceEventRoundTrips() {
    SourceRef asset = SourceRef.of("hcss", "EX-014");
    MaintenanceEvent e = ImmutableMaintenanceEvent.builder().addSourceRefs(SourceRef.of("hcss", "WO-1")).assetRef(asset)
        .title("500 h service").type(MaintenanceType.PREVENTIVE).status(MaintenanceStatus.DONE)
        .scheduledDate(LocalDate.parse("2026-05-01")).completedDate(LocalDate.parse("2026-05-02"))
        .downtime(Quantity.of("6.5", UnitOfMeasure.H)).description("oil, filters").build();
    InMemoryReferences refs = refs().record(Asset.TYPE, asset, AssetMapping.MODEL, 20);
    MaintenanceEventMapping m = new MaintenanceEventMapping();
    MappingContext ctx = MappingContext.offline(19, refs);
    MaintenanceEvent back = m.fromOdoo(Wire.stored(8, m.toOdoo(e, ctx)), ctx);
    assertEquals(ImmutableMaintenanceEvent.copyOf(e).withSourceRefs(back.sourceRefs()), back);
  }
}
