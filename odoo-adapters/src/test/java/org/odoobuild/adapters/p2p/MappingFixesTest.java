package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.mapping.GoodsReceiptMapping;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.VendorBillMapping;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.Command;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.procurement.PurchaseOrder;

/** The receipt and bill mappings follow the server: stock.move.name only where it exists, bill lines linked to order lines. */
class MappingFixesTest {

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  @SuppressWarnings("unchecked")
  void aReceiptLoadsOnBothVersionsWithTheMoveFieldsTheServerHas(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      MappingContext ctx = MappingContext.live(w.odoo, w.known);
      w.known.externalId("stock.picking_type_in", 1).externalId("stock.stock_location_suppliers", 4).externalId("stock.stock_location_stock", 8);
      var delivery = P2pWorld.delivery("GR-7", P2pWorld.ORDER, new Object[] {1, "2", "EA"});
      var receipt = org.odoobuild.model.procurement.ImmutableGoodsReceipt.copyOf(delivery).withLines(
          org.odoobuild.model.procurement.ImmutableGoodsReceiptLine.copyOf(delivery.lines().get(0)).withProductCode("RMC"));
      Map<String, Object> move = (Map<String, Object>) ((List<Object>) ((List<Command>) new GoodsReceiptMapping().toOdoo(receipt, ctx)
          .get("move_ids")).get(0).toWire()).get(2);
      assertEquals(version < 19, move.containsKey("name"), "stock.move.name exists on 17 only: " + move.keySet());
      UpsertOutcome o = Upserter.forClient(w.odoo).upsert(new GoodsReceiptMapping(), List.of(receipt), ctx).get(0);
      assertTrue(o.isSuccess(), o.toString());
      long line = ctx.refs().idOf(ExternalIds.of(PurchaseOrder.TYPE, P2pWorld.ORDER) + "_line_1").orElseThrow();
      assertEquals(1, w.records("stock.move", "purchase_line_id", line).stream().filter(m -> m.get("origin") == null
          || !"PO-5001".equals(m.get("origin"))).count(), "the loaded receipt's move is linked to the order line");

      Map<String, Object> bill = new VendorBillMapping().toOdoo(P2pWorld.bill("INV-3", "USD", P2pWorld.ORDER,
          new Object[] {1, "2", "EA", "145.00"}), ctx);
      Map<String, Object> billLine = (Map<String, Object>) ((List<Object>) ((List<Command>) bill.get("invoice_line_ids")).get(0).toWire()).get(2);
      assertEquals(line, ((Number) billLine.get("purchase_line_id")).longValue());
    }
  }
}
