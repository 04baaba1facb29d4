package org.odoobuild.adapters.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Command;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.GoodsReceiptLine;
import org.odoobuild.model.procurement.ImmutableGoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceiptLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.ReceiptStatus;

/**
 * {@link GoodsReceipt} ↔ incoming {@code stock.picking} + {@code stock.move}s: picking_type_id
 * ({@code stock.picking_type_in}), location_id ({@code stock.stock_location_suppliers}),
 * location_dest_id ({@code stock.stock_location_stock}), origin (receipt number), scheduled_date
 * (received date); moves ({@code move_ids}): product_id, the done-quantity field discovered per
 * version ({@code quantity} 17+), product_uom_qty, product_uom, purchase_line_id (resolved through
 * the order line's external id), and {@code name} only where the server has it (17; Odoo 19's
 * {@code stock.move} has no {@code name}: found with {@code fields_get}). state is read only.
 * Receipts of confirmed orders are applied to the receipt Odoo made by
 * {@code org.odoobuild.adapters.p2p.OdooReceipts}; this mapping reads receipts and writes
 * receipts that have no order in Odoo.
 */
public final class GoodsReceiptMapping implements OdooMapping<GoodsReceipt> {
  /** Model. */
  public static final String MODEL = "stock.picking";
  /** Move model. */
  public static final String MOVE_MODEL = "stock.move";

  @Override
  public Class<GoodsReceipt> type() {
    return GoodsReceipt.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("origin", "scheduled_date", "date_done", "state", "purchase_id", "move_ids");
  }

  /** Fields read from {@code stock.move}. */
  public List<String> moveFields(MappingContext ctx) {
    return List.of("sequence", "product_id", ctx.schema().field(OdooField.STOCK_MOVE_QUANTITY), ctx.schema().field(OdooField.STOCK_MOVE_UOM),
        "purchase_line_id");
  }

  private static String lineXid(GoodsReceipt g, GoodsReceiptLine l) {
    return ExternalIds.of(PurchaseOrder.TYPE, g.purchaseOrderRef()) + "_line_" + l.orderLineNumber();
  }

  @Override
  public Map<String, Object> toOdoo(GoodsReceipt g, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("picking_type_id", MappingSupport.require(ctx.refs().idOf("stock.picking_type_in"), "", "stock.picking_type_in"));
    m.put("location_id", MappingSupport.require(ctx.refs().idOf("stock.stock_location_suppliers"), "", "supplier location"));
    m.put("location_dest_id", MappingSupport.require(ctx.refs().idOf("stock.stock_location_stock"), "", "stock location"));
    m.put("origin", g.number());
    m.put("scheduled_date", MappingSupport.atNoon(g.receivedDate()));
    List<Command> moves = new ArrayList<>();
    String qtyField = ctx.schema().field(OdooField.STOCK_MOVE_QUANTITY);
    String uomField = ctx.schema().field(OdooField.STOCK_MOVE_UOM);
    for (int i = 0; i < g.lines().size(); i++) {
      GoodsReceiptLine l = g.lines().get(i);
      String at = "lines[" + i + "]";
      Map<String, Object> mv = new LinkedHashMap<>();
      mv.put("sequence", l.lineNumber());
      ctx.schema().find(OdooField.STOCK_MOVE_NAME).ifPresent(f -> mv.put(f, g.number() + "/" + l.lineNumber()));
      mv.put("product_id", MappingSupport.require(l.productCode().flatMap(ctx.refs()::productId), at + ".productCode", "product of the receipt line"));
      mv.put("product_uom_qty", l.quantity().value());
      mv.put(qtyField, l.quantity().value());
      mv.put(uomField, MappingSupport.uom(ctx, l.quantity().unit(), at + ".quantity.unit"));
      mv.put("purchase_line_id", MappingSupport.require(ctx.refs().idOf(lineXid(g, l)), at + ".orderLineNumber", "order line " + lineXid(g, l)));
      moves.add(Command.create(mv));
    }
    m.put("move_ids", moves);
    return m;
  }

  @Override
  public LoadRecord toLoad(GoodsReceipt g, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("picking_type_id/id", "stock.picking_type_in");
    cols.put("location_id/id", "stock.stock_location_suppliers");
    cols.put("location_dest_id/id", "stock.stock_location_stock");
    cols.put("origin", g.number());
    cols.put("scheduled_date", MappingSupport.odooDateTime(g.receivedDate()));
    List<Map<String, String>> lines = new ArrayList<>();
    Map<String, Object> vals = toOdoo(g, ctx);
    @SuppressWarnings("unchecked")
    List<Command> moves = (List<Command>) vals.get("move_ids");
    for (int i = 0; i < moves.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> mv = (Map<String, Object>) ((List<Object>) moves.get(i).toWire()).get(2);
      Map<String, String> lc = new LinkedHashMap<>();
      lc.put("id", g.externalId() + "_move_" + g.lines().get(i).lineNumber());
      mv.forEach((k, v) -> lc.put(k.endsWith("_id") || k.equals(ctx.schema().field(OdooField.STOCK_MOVE_UOM)) ? k + "/.id" : k,
          MappingSupport.text(v)));
      lines.add(lc);
    }
    return new LoadRecord(MODEL, g.externalId(), cols, Optional.of("move_ids"), lines);
  }

  @Override
  public GoodsReceipt fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    String number = r.required("origin");
    Optional<Many2one> po = r.m2o("purchase_id");
    if (po.isEmpty()) {
      r.problem("purchase_id", ViolationCodes.REQUIRED, "receipt not linked to a purchase order");
    }
    String state = r.string("state").orElse("draft");
    ReceiptStatus status = switch (state) {
      case "done" -> ReceiptStatus.DONE;
      case "cancel" -> ReceiptStatus.CANCELLED;
      default -> ReceiptStatus.DRAFT;
    };
    Optional<java.time.LocalDate> date = r.dateOfDateTime("date_done").or(() -> r.dateOfDateTime("scheduled_date"));
    String qtyField = ctx.schema().field(OdooField.STOCK_MOVE_QUANTITY);
    String uomField = ctx.schema().field(OdooField.STOCK_MOVE_UOM);
    List<Record> moves = r.expanded("move_ids").orElseGet(() -> ctx.related(MOVE_MODEL, r.ids("move_ids").orElse(List.of()), moveFields(ctx)));
    List<GoodsReceiptLine> lines = new ArrayList<>();
    for (int i = 0; i < moves.size(); i++) {
      RecordReader l = r.child(moves.get(i), "move_ids[" + i + "]");
      Optional<UnitOfMeasure> unit = l.m2o(uomField).flatMap(u -> ctx.refs().unitOf(u.id(), u.displayName()));
      Optional<Many2one> pol = l.m2o("purchase_line_id");
      int orderLine = pol.flatMap(p -> ctx.related(PurchaseOrderMapping.LINE_MODEL, List.of(p.id()), List.of("sequence")).stream().findFirst())
          .map(x -> (int) x.getLong("sequence")).orElse(i + 1);
      long seq = l.integer("sequence").orElse(0L);
      lines.add(ImmutableGoodsReceiptLine.builder()
          .lineNumber(seq > 0 && seq <= Integer.MAX_VALUE ? (int) seq : i + 1)
          .orderLineNumber(orderLine)
          .productCode(l.m2o("product_id").flatMap(p -> ctx.refs().productCode(p.id(), p.displayName())))
          .quantity(Quantity.of(l.decimal(qtyField).orElse(BigDecimal.ZERO), unit.orElse(UnitOfMeasure.EA)))
          .build());
    }
    MappingSupport.checkNoProblems(r.problems());
    return ImmutableGoodsReceipt.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .number(number)
        .purchaseOrderRef(MappingSupport.ownRef(ctx, PurchaseOrderMapping.MODEL, po.get().id()))
        .receivedDate(date.orElse(java.time.LocalDate.EPOCH))
        .status(status)
        .lines(lines)
        .build();
  }
}
