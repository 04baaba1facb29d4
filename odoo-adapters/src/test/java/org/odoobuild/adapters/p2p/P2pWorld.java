package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.finance.BillStatus;
import org.odoobuild.model.finance.ImmutableVendorBill;
import org.odoobuild.model.finance.ImmutableVendorBillLine;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceiptLine;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.ReceiptStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.CostCode;
import org.odoobuild.model.project.ImmutableCostCode;
import org.odoobuild.model.project.ImmutableProject;
import org.odoobuild.model.project.Project;
import org.odoobuild.model.project.ProjectStatus;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * A project in an emulated Odoo, written by the SDK's sinks: vendor, cost codes, project account
 * and project, and a confirmed purchase order of 20 units of ready-mix (03 30 00, 145.00) and
 * 3000 kg of rebar (03 20 00, 0.62).
 */
final class P2pWorld implements AutoCloseable {
  static final Currency USD = Currency.getInstance("USD");
  static final SourceRef VENDOR = SourceRef.of("erp", "V-100");
  static final SourceRef PROJECT = SourceRef.of("estimating", "RMC-24");
  static final SourceRef ORDER = SourceRef.of("erp", "PO-5001");

  final OdooEmulator server;
  final OdooClient odoo;
  final InMemoryReferences known = new InMemoryReferences();
  final List<SourceRecord<P2pEvent>> events = new CopyOnWriteArrayList<>();
  final long orderId;

  P2pWorld(int version, String... modules) {
    OdooEmulator.Builder b = OdooEmulator.builder().version(version).apiKey("admin", "p2p-key");
    for (String m : modules) {
      b.module(m);
    }
    server = b.build().start();
    odoo = OdooClient.builder().url(server.url().toString()).database(server.database()).login("admin").apiKey("p2p-key").build();
    server.seed("product.product", Map.of("name", "Ready-mix 4000 psi", "default_code", "RMC", "uom_id", 1));
    server.seed("product.product", Map.of("name", "Rebar #5", "default_code", "RB5", "uom_id", 12));
    server.seed("uom.uom", version >= 19 ? Map.of("name", "t", "factor", 0.001, "relative_uom_id", 12)
        : Map.of("name", "t", "factor", 0.001, "category_id", 2, "uom_type", "bigger"));
    odoo.model("account.analytic.plan").create(Map.of("name", "Cost Codes"));
    write(Vendor.class, List.of(ImmutableVendor.builder().addSourceRefs(VENDOR).name("Keystone Supply").vendorCode("KS").build()));
    write(CostCode.class, List.of(costCode("03 20 00", "Concrete reinforcing"), costCode("03 30 00", "Cast-in-place concrete")));
    Project project = ImmutableProject.builder().addSourceRefs(PROJECT).code("RMC-24").name("Riverside Medical").status(ProjectStatus.ACTIVE)
        .currency(USD).build();
    MappingContext ctx = MappingContext.live(odoo, known);
    Upserter.forClient(odoo).load(List.of(new ProjectMapping().accountLoad(project, ctx)))
        .forEach(o -> known.externalId(o.externalId(), o.odooId().orElseThrow()));
    write(Project.class, List.of(project));
    write(PurchaseOrder.class, List.of(order(ORDER, "20", "3000")));
    orderId = known.idOf(org.odoobuild.model.common.ExternalIds.of(PurchaseOrder.TYPE, ORDER)).orElseThrow();
    new OdooProcurement(odoo, (who, what) -> { }).release(String.valueOf(orderId));
  }

  static CostCode costCode(String code, String name) {
    return ImmutableCostCode.builder().addSourceRefs(SourceRef.of("estimating", code)).code(code).name(name).build();
  }

  static PurchaseOrder order(SourceRef ref, String concrete, String rebar) {
    return ImmutablePurchaseOrder.copyOf(order(ref, concrete)).withLines(List.of(order(ref, concrete).lines().get(0),
        ImmutablePurchaseOrderLine.builder().lineNumber(2).description("Rebar #5").productCode("RB5")
            .quantity(Quantity.of(rebar, UnitOfMeasure.KG)).unitPrice(Money.of("0.62", "USD")).costCode("03 20 00").build()));
  }

  /** An order of ready-mix only. */
  static PurchaseOrder order(SourceRef ref, String concrete) {
    return ImmutablePurchaseOrder.builder().addSourceRefs(ref).number(ref.id()).vendorRef(VENDOR).projectRef(PROJECT)
        .orderDate(LocalDate.parse("2026-03-02")).status(PurchaseOrderStatus.DRAFT).currency(USD)
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(1).description("Ready-mix 4000 psi").productCode("RMC")
            .quantity(Quantity.of(concrete, UnitOfMeasure.EA)).unitPrice(Money.of("145.00", "USD")).costCode("03 30 00").build())
        .build();
  }

  <T extends CanonicalEntity> void write(Class<T> type, List<T> items) {
    List<SourceRecord<T>> batch = new ArrayList<>();
    for (T t : items) {
      batch.add(SourceRecord.of(new RecordKey("test", t.primaryRef().id(), "1"), EventCatalog.MASTER_DATA_CHANGED, t, Instant.EPOCH));
    }
    EntitySink.of(odoo, type, known).apply(batch).forEach(r -> {
      if (r.outcome() != org.odoobuild.connectors.spi.SinkResult.Outcome.APPLIED) {
        throw new AssertionError(type.getSimpleName() + ": " + r.detail());
      }
    });
  }

  /** A delivery: {@code lines} are {order line, quantity, unit, rejected}. */
  static GoodsReceipt delivery(String number, SourceRef order, Object[]... lines) {
    ImmutableGoodsReceipt.Builder b = ImmutableGoodsReceipt.builder().addSourceRefs(SourceRef.of("fieldapp", number)).number(number)
        .purchaseOrderRef(order).receivedDate(LocalDate.parse("2026-03-09")).status(ReceiptStatus.DONE);
    int n = 1;
    for (Object[] l : lines) {
      ImmutableGoodsReceiptLine.Builder lb = ImmutableGoodsReceiptLine.builder().lineNumber(n++).orderLineNumber((Integer) l[0])
          .quantity(Quantity.of((String) l[1], (String) l[2]));
      if (l.length > 3) {
        lb.rejectedQuantity(Quantity.of((String) l[3], (String) l[2]));
      }
      b.addLines(lb.build());
    }
    return b.build();
  }

  /** A bill: {@code lines} are {order line, quantity, unit, price}. */
  static VendorBill bill(String number, String currency, SourceRef order, Object[]... lines) {
    ImmutableVendorBill.Builder b = ImmutableVendorBill.builder().addSourceRefs(SourceRef.of("ocr", number)).billNumber(number)
        .vendorRef(VENDOR).purchaseOrderRef(order).billDate(LocalDate.parse("2026-03-15")).status(BillStatus.DRAFT)
        .currency(Currency.getInstance(currency));
    int n = 1;
    for (Object[] l : lines) {
      int line = (Integer) l[0];
      b.addLines(ImmutableVendorBillLine.builder().lineNumber(n++).orderLineNumber(line).description("line " + line)
          .quantity(Quantity.of((String) l[1], (String) l[2])).unitPrice(Money.of((String) l[3], currency))
          .costCode(line == 1 ? "03 30 00" : "03 20 00").build());
    }
    return b.build();
  }

  OdooReceipts receipts() {
    return OdooReceipts.builder(odoo).references(known).publisher(events::add).build();
  }

  OdooVendorBills.Builder bills() {
    return OdooVendorBills.builder(odoo).references(known).publisher(events::add);
  }

  <E extends P2pEvent> List<E> events(Class<E> type) {
    return events.stream().map(SourceRecord::payload).filter(type::isInstance).map(type::cast).toList();
  }

  List<Map<String, Object>> records(String model, String field, Object value) {
    return server.records(model).stream().filter(r -> same(r.get(field), value)
        || r.get(field) instanceof List<?> l && !l.isEmpty() && same(l.get(0), value)).toList();
  }

  private static boolean same(Object a, Object b) {
    return a instanceof Number x && b instanceof Number y ? x.longValue() == y.longValue() : java.util.Objects.equals(a, b);
  }

  static BigDecimal dec(Object v) {
    BigDecimal d = new BigDecimal(String.valueOf(v)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  @Override
  public void close() {
    odoo.close();
    server.close();
  }
}
