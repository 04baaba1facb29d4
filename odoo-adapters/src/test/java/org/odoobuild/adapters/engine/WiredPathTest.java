package org.odoobuild.adapters.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.PurchaseOrderMapping;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.EventType;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.CostCode;
import org.odoobuild.model.project.ImmutableCostCode;
import org.odoobuild.testkit.OdooEmulator;

/**
 * The wired path of the architecture: a source hands canonical entities to the engine, the
 * entity sink maps them for the server's version and upserts them into Odoo, and what Odoo then
 * holds reads back through the same mapping equal to what went in.
 */
class WiredPathTest {
  static final SourceRef VENDOR = SourceRef.of("fieldapp", "V-9");

  static Vendor vendor() {
    return ImmutableVendor.builder().addSourceRefs(VENDOR).name("Keystone Rebar").vendorCode("KR-9").email("ap@keystone.example").build();
  }

  static CostCode costCode(String code, String name) {
    return ImmutableCostCode.builder().addSourceRefs(SourceRef.of("estimating", code)).code(code).name(name).build();
  }

  static PurchaseOrder order() {
    return ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("fieldapp", "MR-77")).number("MR-77").vendorRef(VENDOR)
        .orderDate(LocalDate.parse("2026-11-30")).status(PurchaseOrderStatus.DRAFT).currency(Currency.getInstance("USD"))
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(1).description("#5 rebar, 20 ft").productCode("REBAR_5")
            .quantity(Quantity.of("120", UnitOfMeasure.EA)).unitPrice(Money.of("14.25", "USD")).costCode("03 20 00")
            .plannedDate(LocalDate.parse("2026-12-04")).build())
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(2).description("Tie wire").productCode("TIE_WIRE")
            .quantity(Quantity.of("8", UnitOfMeasure.EA)).unitPrice(Money.of("6.5", "USD")).costCode("03 30 00")
            .plannedDate(LocalDate.parse("2026-12-04")).build())
        .build();
  }

  /** A client with the API key and its user (Odoo 17's JSON-RPC needs the login with the key). */
  static OdooClient client(OdooEmulator odooServer) {
    return OdooClient.builder().url(odooServer.url().toString()).database(odooServer.database()).login("admin")
        .apiKey("wired-key").build();
  }

  /** A source over a fixed list, read once. */
  static <T extends CanonicalEntity> Source<T> once(EventType type, List<T> items) {
    return (cursor, max) -> {
      if (cursor.isPresent()) {
        return new SourceBatch<>(List.of(), cursor.get(), false);
      }
      List<SourceRecord<T>> out = new ArrayList<>();
      for (T t : items) {
        out.add(SourceRecord.of(new RecordKey(t.primaryRef().system(), t.primaryRef().id(), "1"), type, t, Instant.EPOCH));
      }
      return new SourceBatch<>(out, "done", false);
    };
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aCanonicalPurchaseOrderWithLinesGoesThroughTheEngineIntoOdooAndReadsBackEqual(int version) throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().version(version).apiKey("admin", "wired-key").build().start();
        SyncStore store = SyncStores.inMemory()) {
      odooServer.seed("product.product", Map.of("name", "#5 rebar", "default_code", "REBAR_5"));
      odooServer.seed("product.product", Map.of("name", "Tie wire", "default_code", "TIE_WIRE"));
      odooServer.seed("account.analytic.plan", Map.of("name", "Cost Codes"));
      OdooClient odoo = client(odooServer);

      InMemoryReferences known = new InMemoryReferences();
      SyncEngine engine = SyncEngine.builder().store(store).resilience(OdooFailures.resilience().build()).build();
      engine.register(Flow.builder("vendors", Vendor.class).source(once(EventCatalog.VENDOR_APPROVED, List.of(vendor())))
          .sink(EntitySink.of(odoo, Vendor.class, known)).build());
      engine.register(Flow.builder("cost-codes", CostCode.class)
          .source(once(EventCatalog.ESTIMATE_AWARDED, List.of(costCode("03 20 00", "Concrete reinforcing"),
              costCode("03 30 00", "Cast-in-place concrete"))))
          .sink(EntitySink.of(odoo, CostCode.class, known)).build());
      List<PurchaseOrder> sent = List.of(order());
      engine.register(Flow.builder("orders", PurchaseOrder.class).source(once(EventCatalog.MATERIAL_REQUESTED, sent))
          .sink(EntitySink.of(odoo, PurchaseOrder.class, known)).build());

      for (String flow : List.of("vendors", "cost-codes", "orders")) {
        RunReport r = engine.run(flow);
        assertTrue(r.completed() && r.deadLettered() == 0, flow + ": " + r.summary() + " " + store.deadLetters(flow, 5));
      }
      assertEquals(1, odooServer.callCount("purchase.order", "load"), "one load call for the order and its lines");

      List<Map<String, Object>> orders = odooServer.records("purchase.order");
      assertEquals(1, orders.size());
      assertEquals(2, odooServer.records("purchase.order.line").size());
      long id = ((Number) orders.get(0).get("id")).longValue();

      PurchaseOrderMapping mapping = new PurchaseOrderMapping();
      MappingContext ctx = MappingContext.live(odoo, known);
      Record row = odoo.model("purchase.order").read(List.of(id), mapping.readFields(ctx)).get(0);
      PurchaseOrder back = mapping.fromOdoo(row, ctx);
      PurchaseOrder in = sent.get(0);
      assertEquals(comparable(in), comparable(back));
      assertEquals(VENDOR, back.vendorRef(), "the vendor reads back as its canonical reference");

      // the same order again (a resend with a new revision) updates: still one order, two lines
      engine.register(Flow.builder("orders-again", PurchaseOrder.class)
          .source((cursor, max) -> cursor.isPresent() ? new SourceBatch<>(List.of(), "done", false)
              : new SourceBatch<>(List.of(SourceRecord.of(new RecordKey("fieldapp", "MR-77", "2"), EventCatalog.MATERIAL_REQUESTED,
                  in, Instant.EPOCH)), "done", false))
          .sink(EntitySink.of(odoo, PurchaseOrder.class, known)).build());
      assertEquals(1, engine.run("orders-again").applied());
      assertEquals(1, odooServer.records("purchase.order").size());
      assertEquals(2, odooServer.records("purchase.order.line").size());
    }
  }

  /**
   * What a round trip must keep: everything but the source references (Odoo assigns its own),
   * with numbers compared by value (Odoo answers floats: 120 comes back as 120.0).
   */
  static PurchaseOrder comparable(PurchaseOrder po) {
    List<org.odoobuild.model.procurement.PurchaseOrderLine> lines = po.lines().stream()
        .map(l -> (org.odoobuild.model.procurement.PurchaseOrderLine) ImmutablePurchaseOrderLine.copyOf(l)
            .withQuantity(Quantity.of(plain(l.quantity().value()), l.quantity().unit()))
            .withUnitPrice(Money.of(plain(l.unitPrice().amount()), l.unitPrice().currency().getCurrencyCode())))
        .toList();
    return ImmutablePurchaseOrder.copyOf(po).withSourceRefs(SourceRef.of("x", "x")).withProjectRef(Optional.empty()).withLines(lines);
  }

  static String plain(java.math.BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void oneTransient503OnAReadCostsOneResendAndNothingMore(int version) throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().version(version).apiKey("admin", "wired-key").build().start();
        SyncStore store = SyncStores.inMemory()) {
      odooServer.seed("res.partner", Map.of("name", "Captured Vendor", "supplier_rank", 1));
      OdooClient odoo = client(odooServer);
      odoo.model("res.partner").count(org.odoobuild.client.Domain.all()); // session and version probe out of the way
      List<Object> seen = new CopyOnWriteArrayList<>();
      SyncEngine engine = SyncEngine.builder().store(store).resilience(OdooFailures.resilience().build()).build();
      engine.register(Flow.builder("partners", org.odoobuild.adapters.capture.OdooChange.codec())
          .source(OdooChangeSource.builder(odoo, "res.partner").fields("name").build())
          .sink(batch -> {
            batch.forEach(r -> seen.add(r.payload()));
            return batch.stream().map(r -> SinkResult.applied("seen")).toList();
          }).build());
      odooServer.resetCounters();
      odooServer.faults().failNext(1, 503);
      RunReport r = engine.run("partners");
      assertTrue(r.completed(), r.summary());
      assertTrue(seen.size() >= 1);
      long sends = odooServer.requestCount();
      assertTrue(sends <= 3, "one transient 503 on a read may cost at most one resend per read: " + sends + " requests");

      odooServer.resetCounters();
      odooServer.faults().failNext(100, 503);
      RunReport down = engine.run("partners");
      odooServer.faults().clear();
      assertTrue(!down.completed(), down.summary());
      assertEquals(3, odooServer.requestCount(), "a read that keeps failing is sent 3 times (the client's attempt budget), never more");
    }
  }
}
