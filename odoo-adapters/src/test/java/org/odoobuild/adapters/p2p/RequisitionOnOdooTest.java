package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.procurement.OdooRequisitions;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.procurement.ImmutablePurchaseRequisition;
import org.odoobuild.model.procurement.ImmutablePurchaseRequisitionLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseRequisition;
import org.odoobuild.model.procurement.RequisitionStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * A field material request of three lines for two vendors becomes two purchase agreements where
 * Odoo has purchase_requisition, else two draft RFQs; once, whatever the re-runs.
 */
class RequisitionOnOdooTest {
  static final SourceRef SECOND_VENDOR = SourceRef.of("erp", "V-200");

  static ImmutablePurchaseRequisitionLine.Builder line(int n, String product, String qty, UnitOfMeasure unit, String costCode) {
    return ImmutablePurchaseRequisitionLine.builder().lineNumber(n).description("item " + n).productCode(product)
        .quantity(Quantity.of(qty, unit)).costCode(costCode);
  }

  static PurchaseRequisition request(ImmutablePurchaseRequisitionLine... lines) {
    return ImmutablePurchaseRequisition.builder().addSourceRefs(SourceRef.of("fieldapp", "MR-77")).number("MR-77")
        .projectRef(P2pWorld.PROJECT).status(RequisitionStatus.APPROVED).requestedBy("foreman")
        .neededBy(LocalDate.parse("2026-04-20")).currency(P2pWorld.USD).addLines(lines).build();
  }

  /** Ready-mix and rebar from Keystone (lines 1 and 3), rebar from the second vendor (line 2). */
  static PurchaseRequisition twoVendors() {
    return request(line(1, "RMC", "6", UnitOfMeasure.EA, "03 30 00").vendorRef(P2pWorld.VENDOR)
            .estimatedUnitPrice(Money.of("150.00", "USD")).build(),
        line(2, "RB5", "500", UnitOfMeasure.KG, "03 20 00").vendorRef(SECOND_VENDOR).build(),
        line(3, "RB5", "200", UnitOfMeasure.KG, "03 20 00").vendorRef(P2pWorld.VENDOR).build());
  }

  static P2pWorld world(int version, boolean module) {
    P2pWorld w = module ? new P2pWorld(version, "purchase_requisition") : new P2pWorld(version);
    w.write(Vendor.class, List.of(ImmutableVendor.builder().addSourceRefs(SECOND_VENDOR).name("Delta Rebar").vendorCode("DR").build()));
    return w;
  }

  static long id(Object many2one) {
    return ((Number) (many2one instanceof List<?> l ? l.get(0) : many2one)).longValue();
  }

  @ParameterizedTest(name = "Odoo {0}, purchase_requisition installed: {1}")
  @CsvSource({"17, true", "19, true", "17, false", "19, false"})
  void becomesOneRecordPerVendorWithItsLinesOnce(int version, boolean module) {
    try (P2pWorld w = world(version, module)) {
      OdooRequisitions requisitions = OdooRequisitions.builder(w.odoo).references(w.known).publisher(w.events::add).build();
      String model = module ? "purchase.requisition" : "purchase.order";
      String lineModel = module ? "purchase.requisition.line" : "purchase.order.line";
      String parent = module ? "requisition_id" : "order_id";
      String uom = module ? "product_uom_id" : version >= 19 ? "product_uom_id" : "product_uom";
      assertEquals(module ? Optional.of("purchase.requisition") : Optional.empty(), requisitions.requisitionModel());
      int orders = w.server.records("purchase.order").size();

      OdooRequisitions.Outcome o = requisitions.request(twoVendors());

      assertEquals(model, o.model());
      assertEquals(2, o.records().size());
      assertEquals(module ? orders : orders + 2, w.server.records("purchase.order").size());
      long project = w.known.idOf(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, P2pWorld.PROJECT)).orElseThrow();
      long concrete = id(w.records("account.analytic.account", "code", "03 30 00").get(0).get("id"));
      Map<String, Object> keystone = w.records(model, "id", o.records().get(0)).get(0);
      assertEquals("draft", keystone.get("state"));
      assertEquals("Keystone Supply", ((List<?>) keystone.get(module ? "vendor_id" : "partner_id")).get(1));
      if (module && version >= 19) {
        assertEquals("purchase_template", keystone.get("requisition_type"));
        assertEquals("MR-77", keystone.get("reference"));
      } else {
        assertEquals("MR-77", keystone.get("origin"));
      }
      if (module && version < 19) {
        assertEquals(1L, id(keystone.get("type_id")), "Odoo's default agreement type");
      }
      List<Map<String, Object>> lines = w.records(lineModel, parent, o.records().get(0));
      assertEquals(2, lines.size(), "ready-mix and the first rebar");
      Map<String, Object> readyMix = lines.get(0);
      assertEquals(new BigDecimal("6"), P2pWorld.dec(readyMix.get("product_qty")));
      assertEquals(new BigDecimal("150"), P2pWorld.dec(readyMix.get("price_unit")));
      assertEquals(1L, id(readyMix.get(uom)));
      assertEquals(Map.of(project + "," + concrete, 100), ((Map<?, ?>) readyMix.get("analytic_distribution")).entrySet().stream()
          .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> ((Number) e.getValue()).intValue())));
      assertEquals(12L, id(lines.get(1).get(uom)), "kg");
      List<Map<String, Object>> delta = w.records(lineModel, parent, o.records().get(1));
      assertEquals(1, delta.size());
      assertEquals(new BigDecimal("500"), P2pWorld.dec(delta.get(0).get("product_qty")));

      List<P2pEvent.MaterialRequested> events = w.events(P2pEvent.MaterialRequested.class);
      assertEquals(2, events.size());
      assertEquals("material_requested", events.get(0).type().name());
      assertEquals(model + "," + o.records().get(0), events.get(0).subject());
      assertEquals(List.of(new P2pEvent.RequestedLine("RMC", new BigDecimal("6"), "Units", "03 30 00"),
          new P2pEvent.RequestedLine("RB5", new BigDecimal("200"), "kg", "03 20 00")), events.get(0).lines());
      assertEquals("Delta Rebar", events.get(1).vendor());

      int loads = w.server.callCount(model, "load") + w.server.callCount(model, "create") + w.server.callCount(lineModel, "create");
      OdooRequisitions.Outcome again = requisitions.request(twoVendors());
      assertTrue(again.alreadyApplied());
      assertEquals(o.records(), again.records());
      assertEquals(loads, w.server.callCount(model, "load") + w.server.callCount(model, "create")
          + w.server.callCount(lineModel, "create"), "a re-run writes nothing");
      assertEquals(2 + (module ? 0 : orders), w.server.records(model).size());
      assertEquals(events, w.events(P2pEvent.MaterialRequested.class).subList(2, 4), "the same events, under the same keys");
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aLineWithoutVendorNeedsAgreements(int version) {
    PurchaseRequisition noVendor = request(line(1, "RMC", "6", UnitOfMeasure.EA, "03 30 00").vendorRef(P2pWorld.VENDOR).build(),
        line(2, "RB5", "100", UnitOfMeasure.KG, "03 20 00").build());
    try (P2pWorld w = world(version, false)) {
      OdooRequisitions requisitions = OdooRequisitions.builder(w.odoo).references(w.known).build();
      int orders = w.server.records("purchase.order").size();
      P2pException e = assertThrows(P2pException.class, () -> requisitions.request(noVendor));
      assertEquals(P2pException.Problem.INVALID, e.problem());
      assertEquals(orders, w.server.records("purchase.order").size(), "nothing written, not even the line with a vendor");
      P2pException unknown = assertThrows(P2pException.class, () -> requisitions.request(request(
          line(1, "NOPE", "1", UnitOfMeasure.EA, "03 30 00").vendorRef(P2pWorld.VENDOR).build())));
      assertEquals(P2pException.Problem.INVALID, unknown.problem());
    }
    try (P2pWorld w = world(version, true)) {
      OdooRequisitions.Outcome o = OdooRequisitions.builder(w.odoo).references(w.known).build().request(noVendor);
      assertEquals(2, o.records().size());
      assertEquals(Boolean.FALSE, w.records("purchase.requisition", "id", o.records().get(1)).get(0).get("vendor_id"));
      assertFalse(w.records("purchase.requisition.line", "requisition_id", o.records().get(1)).isEmpty());
    }
  }
}
