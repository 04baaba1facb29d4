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
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.finance.BillStatus;
import org.odoobuild.model.finance.ImmutableVendorBill;
import org.odoobuild.model.finance.ImmutableVendorBillLine;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.finance.VendorBillLine;
import org.odoobuild.model.procurement.Vendor;

/**
 * {@link VendorBill} ↔ {@code account.move} with {@code move_type = in_invoice}: partner_id, ref
 * (vendor invoice number), invoice_date, invoice_date_due, currency_id; lines
 * ({@code invoice_line_ids}, {@code Command.create}): sequence, name, product_id, quantity,
 * product_uom_id, price_unit, analytic_distribution (cost code), purchase_line_id (the order line
 * billed, resolved through its external id when the order was written by the SDK). state/payment_state
 * are read only ({@link BillStatus#fromOdoo}). Bills of confirmed orders go through
 * {@code org.odoobuild.adapters.p2p.OdooVendorBills} (lookup by vendor and reference, three-way match,
 * posting or hold).
 */
public final class VendorBillMapping implements OdooMapping<VendorBill> {
  /** Model. */
  public static final String MODEL = "account.move";
  /** Line model. */
  public static final String LINE_MODEL = "account.move.line";

  @Override
  public Class<VendorBill> type() {
    return VendorBill.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("move_type", "partner_id", "ref", "invoice_date", "invoice_date_due", "currency_id", "state", "payment_state",
        "invoice_line_ids");
  }

  /** Fields read from {@code account.move.line}. */
  public List<String> lineFields(MappingContext ctx) {
    return List.of("sequence", "name", "product_id", "quantity", "product_uom_id", "price_unit", "analytic_distribution", "display_type");
  }

  private Map<String, Object> lineValues(VendorBill b, int i, MappingContext ctx) {
    VendorBillLine l = b.lines().get(i);
    String at = "lines[" + i + "]";
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", l.lineNumber());
    m.put("name", l.description());
    l.productCode().ifPresent(c -> m.put("product_id", MappingSupport.require(ctx.refs().productId(c), at + ".productCode", "product " + c)));
    m.put("quantity", l.quantity().value());
    m.put("product_uom_id", MappingSupport.uom(ctx, l.quantity().unit(), at + ".quantity.unit"));
    m.put("price_unit", l.unitPrice().amount());
    String cc = l.costCode().orElseThrow(() -> MappingException.of(at + ".costCode", ViolationCodes.MISSING_COST_CODE, "missing cost code"));
    m.put("analytic_distribution", MappingSupport.distribution(ctx, cc, Optional.empty(), at + ".costCode"));
    // the order line billed, when the order was written by the SDK (its lines carry external ids)
    b.purchaseOrderRef().flatMap(po -> l.orderLineNumber().flatMap(n -> ctx.refs().idOf(
        ExternalIds.of(org.odoobuild.model.procurement.PurchaseOrder.TYPE, po) + "_line_" + n)))
        .ifPresent(id -> m.put("purchase_line_id", id));
    return m;
  }

  @Override
  public Map<String, Object> toOdoo(VendorBill b, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("move_type", "in_invoice");
    m.put("partner_id", MappingSupport.requireId(ctx, Vendor.TYPE, b.vendorRef(), "vendorRef"));
    m.put("ref", b.billNumber());
    m.put("invoice_date", b.billDate());
    m.put("invoice_date_due", MappingSupport.orFalse(b.dueDate()));
    m.put("currency_id", MappingSupport.require(ctx.refs().currencyId(b.currency()), "currency", "currency " + b.currency()));
    List<Command> lines = new ArrayList<>();
    for (int i = 0; i < b.lines().size(); i++) {
      lines.add(Command.create(lineValues(b, i, ctx)));
    }
    m.put("invoice_line_ids", lines);
    return m;
  }

  @Override
  public LoadRecord toLoad(VendorBill b, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("move_type", "in_invoice");
    cols.put("partner_id/id", ExternalIds.of(Vendor.TYPE, b.vendorRef()));
    cols.put("ref", b.billNumber());
    cols.put("invoice_date", b.billDate().toString());
    cols.put("invoice_date_due", MappingSupport.text(b.dueDate()));
    cols.put("currency_id/.id", String.valueOf(MappingSupport.require(ctx.refs().currencyId(b.currency()), "currency", "currency")));
    List<Map<String, String>> lines = new ArrayList<>();
    for (int i = 0; i < b.lines().size(); i++) {
      Map<String, String> lc = new LinkedHashMap<>();
      lc.put("id", b.externalId() + "_line_" + b.lines().get(i).lineNumber());
      lineValues(b, i, ctx).forEach((k, v) -> lc.put(k.equals("product_id") || k.equals("product_uom_id") || k.equals("purchase_line_id")
          ? k + "/.id" : k, MappingSupport.text(v)));
      lines.add(lc);
    }
    return new LoadRecord(MODEL, b.externalId(), cols, Optional.of("invoice_line_ids"), lines);
  }

  @Override
  public VendorBill fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    r.string("move_type").filter(t -> !t.equals("in_invoice"))
        .ifPresent(t -> r.problem("move_type", ViolationCodes.UNKNOWN_VALUE, "not a vendor bill: move_type " + t));
    Optional<Many2one> partner = r.m2o("partner_id");
    if (partner.isEmpty()) {
      r.problem("partner_id", ViolationCodes.REQUIRED, "bill without vendor");
    }
    String number = r.required("ref");
    Optional<java.time.LocalDate> date = r.date("invoice_date");
    if (date.isEmpty()) {
      r.problem("invoice_date", ViolationCodes.REQUIRED, "bill without invoice date");
    }
    Optional<BillStatus> status = BillStatus.fromOdoo(r.string("state").orElse("draft"), r.string("payment_state").orElse(""));
    if (status.isEmpty()) {
      r.problem("state", ViolationCodes.UNKNOWN_VALUE, "unknown account.move state");
    }
    java.util.Currency cur = r.m2o("currency_id").flatMap(c -> ctx.refs().currencyOf(c.id(), c.displayName())).orElse(ctx.refs().companyCurrency());
    List<Record> lineRecords = r.expanded("invoice_line_ids").orElseGet(() ->
        ctx.related(LINE_MODEL, r.ids("invoice_line_ids").orElse(List.of()), lineFields(ctx)));
    List<VendorBillLine> lines = new ArrayList<>();
    for (int i = 0; i < lineRecords.size(); i++) {
      Record lr = lineRecords.get(i);
      RecordReader l = r.child(lr, "invoice_line_ids[" + i + "]");
      String display = l.string("display_type").orElse("product");
      if (!display.equals("product")) {
        continue;
      }
      Optional<UnitOfMeasure> unit = l.m2o("product_uom_id").flatMap(u -> ctx.refs().unitOf(u.id(), u.displayName()));
      long seq = l.integer("sequence").orElse(0L);
      lines.add(ImmutableVendorBillLine.builder()
          .lineNumber(seq > 0 && seq <= Integer.MAX_VALUE ? (int) seq : i + 1)
          .description(l.required("name"))
          .productCode(l.m2o("product_id").flatMap(p -> ctx.refs().productCode(p.id(), p.displayName())))
          .quantity(Quantity.of(l.decimal("quantity").orElse(BigDecimal.ZERO), unit.orElse(UnitOfMeasure.EA)))
          .unitPrice(Money.of(l.decimal("price_unit").orElse(BigDecimal.ZERO), cur))
          .costCode(MappingSupport.costCodeOf(ctx, l.analyticAccounts("analytic_distribution")))
          .build());
    }
    lines.sort(Comparator.comparingInt(VendorBillLine::lineNumber));
    MappingSupport.checkNoProblems(r.problems());
    return ImmutableVendorBill.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .billNumber(number)
        .vendorRef(MappingSupport.ownRef(ctx, VendorMapping.MODEL, partner.get().id()))
        .billDate(date.get())
        .dueDate(r.date("invoice_date_due"))
        .status(status.get())
        .currency(cur)
        .lines(lines)
        .build();
  }
}
