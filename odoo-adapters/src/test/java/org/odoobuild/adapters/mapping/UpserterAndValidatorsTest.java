package org.odoobuild.adapters.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.LoadResult;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.PurchaseOrderMapping;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.adapters.mapping.VendorMapping;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceiptLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.ReceiptStatus;
import org.odoobuild.model.procurement.Validators;
import org.odoobuild.model.procurement.Vendor;

/** Idempotent load() upserts with typed per-record outcomes; cross-entity gates. */
class UpserterAndValidatorsTest {
  private static Vendor vendor(String id, String name) {
    return ImmutableVendor.builder().addSourceRefs(SourceRef.of("wire", id)).name(name).vendorCode("WIRE-" + id).build();
  }

  @Test
  void loadRowsUseExternalIdsAndOneCallPerBatch() {
    List<List<String>> fieldCalls = new ArrayList<>();
    List<List<List<Object>>> rowCalls = new ArrayList<>();
    Upserter up = new Upserter((model, fields, rows) -> {
      fieldCalls.add(fields);
      rowCalls.add(rows);
      return LoadResult.of(Wire.response("load-partners-create.json"));
    }, 2);
    Vendor bad = ImmutableVendor.copyOf(vendor("v3", "x")).withEmail("not-an-email");
    List<UpsertOutcome> out = up.upsert(new VendorMapping(), List.of(vendor("v1", "WIRE-Load Vendor 001"), bad, vendor("v2", "WIRE-Load Vendor 002")),
        MappingContext.offline(19, new InMemoryReferences()));
    assertEquals(1, fieldCalls.size(), "the invalid record never reaches Odoo; the two valid ones share one call");
    assertEquals("id", fieldCalls.get(0).get(0));
    assertEquals("construction_sdk.vendor_wire_v1", rowCalls.get(0).get(0).get(0));
    assertEquals(List.of(UpsertOutcome.Status.UPSERTED, UpsertOutcome.Status.INVALID, UpsertOutcome.Status.UPSERTED),
        out.stream().map(UpsertOutcome::status).toList());
    assertEquals(Optional.of(171L), out.get(0).odooId());
    assertEquals(Optional.of(172L), out.get(2).odooId());
    assertEquals("email", out.get(1).problems().get(0).path());
    // the same records again give the same rows: load() updates by external id instead of duplicating
    up.upsert(new VendorMapping(), List.of(vendor("v1", "WIRE-Load Vendor 001"), vendor("v2", "WIRE-Load Vendor 002")),
        MappingContext.offline(19, new InMemoryReferences()));
    assertEquals(rowCalls.get(0), rowCalls.get(1));
  }

  @Test
  void refusedRowsBecomeTypedOutcomesAndTheOthersAreRetried() {
    List<Integer> calls = new ArrayList<>();
    Upserter up = new Upserter((model, fields, rows) -> {
      calls.add(rows.size());
      return calls.size() == 1 ? LoadResult.of(Wire.response("load-partners-bad-row.json"))
          : new LoadResult(List.of(173L), List.of(), 0);
    }, 10);
    List<UpsertOutcome> out = up.upsert(new VendorMapping(), List.of(vendor("v3", "WIRE-Load Vendor 003"), vendor("v4", "WIRE-Load Vendor 004")),
        MappingContext.offline(19, new InMemoryReferences()));
    assertEquals(List.of(2, 1), calls);
    assertEquals(UpsertOutcome.Status.REJECTED, out.get(0).status());
    assertEquals("supplier_rank", out.get(0).problems().get(0).path());
    assertTrue(out.get(0).problems().get(0).message().contains("does not seem to be an integer"));
    assertEquals(UpsertOutcome.Status.UPSERTED, out.get(1).status());
    assertEquals(Optional.of(173L), out.get(1).odooId());
  }

  @Test
  void purchaseOrderLinesBecomeContinuationRowsWithLineExternalIds() {
    List<List<List<Object>>> rowCalls = new ArrayList<>();
    List<List<String>> fieldCalls = new ArrayList<>();
    Upserter up = new Upserter((model, fields, rows) -> {
      fieldCalls.add(fields);
      rowCalls.add(rows);
      return new LoadResult(List.of(25L), List.of(), 0);
    }, 10);
    InMemoryReferences refs = new InMemoryReferences().costCode("03 30 00", 301).costCode("05 12 00", 302).product("FURN_7777", 5)
        .uom(UnitOfMeasure.EA, 1).currency(java.util.Currency.getInstance("USD"), 1)
        .externalId(org.odoobuild.adapters.mapping.ProjectMapping.accountExternalId(OdooMappingRoundTripTest.project()), 27);
    PurchaseOrder po = OdooMappingRoundTripTest.purchaseOrder();
    List<UpsertOutcome> out = up.upsert(new PurchaseOrderMapping(), List.of(po), MappingContext.offline(17, refs));
    assertTrue(out.get(0).isSuccess(), out.toString());
    List<String> f = fieldCalls.get(0);
    assertTrue(f.contains("partner_id/id"));
    assertTrue(f.contains("order_line/product_uom/.id"), f.toString());
    assertTrue(f.contains("order_line/analytic_distribution"));
    assertEquals(2, rowCalls.get(0).size());
    assertEquals("", rowCalls.get(0).get(1).get(0), "continuation row has no id");
    assertEquals("{\"27,302\": 100}", rowCalls.get(0).get(1).get(f.indexOf("order_line/analytic_distribution")));
    assertEquals(PurchaseOrderMapping.lineExternalId(po, 2), rowCalls.get(0).get(1).get(f.indexOf("order_line/id")));
  }

  @Test
  void receiptGateChecksOrderLinesUnitsQuantitiesAndCompliance() {
    PurchaseOrder po = OdooMappingRoundTripTest.purchaseOrder();
    Vendor v = ImmutableVendor.builder().addSourceRefs(po.vendorRef()).name("Acme").insuranceExpiry(LocalDate.parse("2026-11-30")).build();
    GoodsReceipt gr = ImmutableGoodsReceipt.builder().addSourceRefs(SourceRef.of("field", "GR-1")).number("GR-1")
        .purchaseOrderRef(po.primaryRef()).receivedDate(LocalDate.parse("2026-12-02")).status(ReceiptStatus.DONE)
        .addLines(ImmutableGoodsReceiptLine.builder().lineNumber(1).orderLineNumber(1).quantity(Quantity.of("4", UnitOfMeasure.EA)).build())
        .addLines(ImmutableGoodsReceiptLine.builder().lineNumber(2).orderLineNumber(2).quantity(Quantity.of("1", UnitOfMeasure.KG)).build())
        .addLines(ImmutableGoodsReceiptLine.builder().lineNumber(3).orderLineNumber(9).quantity(Quantity.of("1", UnitOfMeasure.EA)).build())
        .build();
    assertEquals(java.util.Set.of("lines[0].quantity.value exceeds", "lines[1].quantity.unit incompatible_unit",
        "lines[2].orderLineNumber bad_reference", "vendor vendor_not_compliant"),
        Validators.goodsReceipt(po, Optional.of(v)).validate(gr).pathsAndCodes());
    assertTrue(Validators.purchaseOrder(v).validate(po).isValid());
  }
}
