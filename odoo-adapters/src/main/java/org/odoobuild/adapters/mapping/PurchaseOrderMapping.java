package org.odoobuild.adapters.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Command;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.Vendor;

/**
 * {@link PurchaseOrder} ↔ {@code purchase.order} / {@code purchase.order.line}.
 * Header: name (number), partner_id (vendor), date_order, currency_id; state is read only
 * (statuses change through Odoo buttons). Lines ({@code order_line}, x2many
 * {@code Command.create}): sequence (line number), name, product_id, product_qty, the unit field
 * discovered per version ({@code product_uom_id} 19 / {@code product_uom} 17), price_unit,
 * date_planned, analytic_distribution {@code {"<project account>,<cost code account>": 100}}.
 */
public final class PurchaseOrderMapping implements OdooMapping<PurchaseOrder> {
  /** Header model. */
  public static final String MODEL = "purchase.order";
  /** Line model. */
  public static final String LINE_MODEL = "purchase.order.line";

  @Override
  public Class<PurchaseOrder> type() {
    return PurchaseOrder.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("name", "partner_id", "state", "order_line", "currency_id", "date_order");
  }

  /** The fields read from {@code purchase.order.line}. */
  public List<String> lineFields(MappingContext ctx) {
    return List.of("sequence", "name", "product_id", "product_qty", ctx.schema().field(OdooField.PURCHASE_LINE_UOM), "price_unit",
        "date_planned", "analytic_distribution");
  }

  /** The external id of a line ({@code <order external id>_line_<n>}). */
  public static String lineExternalId(PurchaseOrder po, int lineNumber) {
    return po.externalId() + "_line_" + lineNumber;
  }

  private static Optional<Long> projectAccount(PurchaseOrder po, MappingContext ctx) {
    return po.projectRef().flatMap(p -> ctx.refs().idOf(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, p)));
  }

  /** The values of one line ({@code purchase.order.line}). */
  public Map<String, Object> lineValues(PurchaseOrder po, int index, MappingContext ctx) {
    PurchaseOrderLine l = po.lines().get(index);
    String at = "lines[" + index + "]";
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", l.lineNumber());
    m.put("name", l.description());
    l.productCode().ifPresent(c -> m.put("product_id", MappingSupport.require(ctx.refs().productId(c), at + ".productCode", "product " + c)));
    m.put("product_qty", l.quantity().value());
    m.put(ctx.schema().field(OdooField.PURCHASE_LINE_UOM), MappingSupport.uom(ctx, l.quantity().unit(), at + ".quantity.unit"));
    m.put("price_unit", l.unitPrice().amount());
    l.plannedDate().ifPresent(d -> m.put("date_planned", MappingSupport.atNoon(d)));
    String cc = l.costCode().orElseThrow(() -> MappingException.of(at + ".costCode", ViolationCodes.MISSING_COST_CODE, "missing cost code"));
    m.put("analytic_distribution", MappingSupport.distribution(ctx, cc, projectAccount(po, ctx), at + ".costCode"));
    return m;
  }

  @Override
  public Map<String, Object> toOdoo(PurchaseOrder po, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", po.number());
    m.put("partner_id", MappingSupport.requireId(ctx, Vendor.TYPE, po.vendorRef(), "vendorRef"));
    m.put("date_order", MappingSupport.atNoon(po.orderDate()));
    m.put("currency_id", MappingSupport.require(ctx.refs().currencyId(po.currency()), "currency", "currency " + po.currency()));
    List<Command> lines = new ArrayList<>();
    for (int i = 0; i < po.lines().size(); i++) {
      lines.add(Command.create(lineValues(po, i, ctx)));
    }
    m.put("order_line", lines);
    return m;
  }

  @Override
  public LoadRecord toLoad(PurchaseOrder po, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("name", po.number());
    cols.put("partner_id/id", ExternalIds.of(Vendor.TYPE, po.vendorRef()));
    cols.put("date_order", MappingSupport.odooDateTime(po.orderDate()));
    cols.put("currency_id/.id", String.valueOf(MappingSupport.require(ctx.refs().currencyId(po.currency()), "currency", "currency")));
    List<Map<String, String>> lines = new ArrayList<>();
    for (int i = 0; i < po.lines().size(); i++) {
      Map<String, String> lc = new LinkedHashMap<>();
      lc.put("id", lineExternalId(po, po.lines().get(i).lineNumber()));
      lineValues(po, i, ctx).forEach((k, v) -> {
        if (k.equals("product_id") || k.equals(ctx.schema().field(OdooField.PURCHASE_LINE_UOM))) {
          lc.put(k + "/.id", MappingSupport.text(v));
        } else if (k.equals("date_planned")) {
          lc.put(k, String.valueOf(v).replace('T', ' ') + (String.valueOf(v).length() == 16 ? ":00" : ""));
        } else {
          lc.put(k, MappingSupport.text(v));
        }
      });
      lines.add(lc);
    }
    return new LoadRecord(MODEL, po.externalId(), cols, Optional.of("order_line"), lines);
  }

  @Override
  public PurchaseOrder fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    String number = r.required("name");
    Optional<Many2one> partner = r.m2o("partner_id");
    if (partner.isEmpty() && r.problems().isEmpty()) {
      r.problem("partner_id", ViolationCodes.REQUIRED, "purchase order without vendor");
    }
    String state = r.string("state").orElse("draft");
    Optional<PurchaseOrderStatus> status = PurchaseOrderStatus.fromOdoo(state);
    if (status.isEmpty()) {
      r.problem("state", ViolationCodes.UNKNOWN_VALUE, "unknown purchase.order state '" + state + "'");
    }
    Optional<java.util.Currency> currency = r.m2o("currency_id").flatMap(c -> ctx.refs().currencyOf(c.id(), c.displayName()));
    java.util.Currency cur = currency.orElse(ctx.refs().companyCurrency());
    List<Record> lineRecords = r.expanded("order_line").orElseGet(() ->
        ctx.related(LINE_MODEL, r.ids("order_line").orElse(List.of()), lineFields(ctx)));
    List<PurchaseOrderLine> lines = new ArrayList<>();
    String uomField = ctx.schema().field(OdooField.PURCHASE_LINE_UOM);
    List<Record> sorted = new ArrayList<>(lineRecords);
    for (int i = 0; i < sorted.size(); i++) {
      Record lr = sorted.get(i);
      RecordReader l = r.child(lr, "order_line[" + i + "]");
      Optional<UnitOfMeasure> unit = l.m2o(uomField).flatMap(u -> ctx.refs().unitOf(u.id(), u.displayName()));
      if (unit.isEmpty()) {
        l.problem(uomField, ViolationCodes.UNKNOWN_UNIT, "unit of measure not mappable: " + lr.asMap().get(uomField));
        continue;
      }
      long seq = l.integer("sequence").orElse(0L);
      ImmutablePurchaseOrderLine.Builder lb = ImmutablePurchaseOrderLine.builder()
          .lineNumber(seq > 0 && seq <= Integer.MAX_VALUE ? (int) seq : i + 1)
          .description(l.required("name"))
          .productCode(l.m2o("product_id").flatMap(p -> ctx.refs().productCode(p.id(), p.displayName())))
          .quantity(Quantity.of(l.decimal("product_qty").orElse(BigDecimal.ZERO), unit.get()))
          .unitPrice(Money.of(l.decimal("price_unit").orElse(BigDecimal.ZERO), cur))
          .costCode(MappingSupport.costCodeOf(ctx, l.analyticAccounts("analytic_distribution")))
          .plannedDate(l.dateOfDateTime("date_planned"));
      lines.add(lb.build());
    }
    lines.sort(Comparator.comparingInt(PurchaseOrderLine::lineNumber));
    MappingSupport.checkNoProblems(r.problems());
    SourceRef vendor = MappingSupport.ownRef(ctx, VendorMapping.MODEL, partner.get().id());
    return ImmutablePurchaseOrder.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .number(number)
        .vendorRef(vendor)
        .orderDate(r.dateOfDateTime("date_order").orElse(java.time.LocalDate.EPOCH))
        .status(status.get())
        .currency(cur)
        .lines(lines)
        .build();
  }
}
