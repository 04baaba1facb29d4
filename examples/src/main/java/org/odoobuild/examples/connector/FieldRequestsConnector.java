package org.odoobuild.examples.connector;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.RecordValidator;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.ReferenceData;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;

/**
 * The worked example of docs/writing-a-connector.md: field material requests from a site app
 * become draft purchase orders (RFQs) in Odoo, one line per requested item with its product,
 * quantity and unit, charged to the project and the item's cost code; exactly once, however
 * often the site app resends them. Run: {@code mvn -B -q -pl examples exec:java
 * -Dexec.mainClass=org.odoobuild.examples.connector.FieldRequestsConnector}.
 *
 * <p>The part between "user code" and "end of user code" is what you write for your own site app:
 * its payload, the source, the mapping to the canonical {@link PurchaseOrder} and the wiring. The
 * rest is the demo: a fake site app with sample requests, and the reference data (vendor, project,
 * cost codes, products) that a real Odoo already has.
 */
public final class FieldRequestsConnector {
  // ---- user code ----
  /** A material request from the site app. */
  public record MaterialRequest(String id, int version, String project, String supplier, LocalDate neededBy,
      List<Item> items, Instant updatedAt) {}

  /** One requested item: catalogue product code, quantity and unit, cost code charged. */
  public record Item(String product, String description, BigDecimal qty, String unit, String costCode) {}

  /** What changed in the site app after the cursor (an ISO instant), oldest first. */
  static final class SiteAppSource implements Source<MaterialRequest> {
    private final SiteAppApi api;

    SiteAppSource(SiteAppApi api) {
      this.api = api;
    }

    @Override
    public SourceBatch<MaterialRequest> pull(Optional<String> cursor, int max) {
      Instant since = cursor.map(Instant::parse).orElse(Instant.EPOCH);
      List<MaterialRequest> page = api.changedSince(since, max);
      List<SourceRecord<MaterialRequest>> records = new ArrayList<>();
      for (MaterialRequest r : page) {
        records.add(new SourceRecord<>(new RecordKey("siteapp", r.id(), Integer.toString(r.version())),
            EventCatalog.MATERIAL_REQUESTED, r, r.updatedAt(), r.project(), Map.of()));
      }
      String next = page.isEmpty() ? cursor.orElse(Instant.EPOCH.toString()) : page.get(page.size() - 1).updatedAt().toString();
      return new SourceBatch<>(records, next, page.size() == max);
    }
  }

  /** Rejects what cannot be mapped at all; the purchase order's own rules are checked by the sink. */
  static final RecordValidator<MaterialRequest> KNOWN_UNITS = r -> r.items().stream()
      .filter(i -> UnitOfMeasure.parse(i.unit()).isEmpty())
      .map(i -> "unit: unknown unit '" + i.unit() + "' for " + i.product()).toList();

  static final Currency USD = Currency.getInstance("USD");

  /** The canonical purchase order of a request: a draft RFQ, one line per item, priced by the buyer later. */
  static PurchaseOrder toPurchaseOrder(MaterialRequest r) {
    ImmutablePurchaseOrder.Builder po = ImmutablePurchaseOrder.builder()
        .addSourceRefs(SourceRef.of("siteapp", r.id(), Integer.toString(r.version())))
        .number(r.id())
        .vendorRef(SourceRef.of("erp", r.supplier()))      // vendors and projects are the ERP's master data
        .projectRef(SourceRef.of("erp", r.project()))
        .orderDate(r.updatedAt().atOffset(ZoneOffset.UTC).toLocalDate())
        .status(PurchaseOrderStatus.DRAFT)
        .currency(USD);
    for (int n = 0; n < r.items().size(); n++) {
      Item i = r.items().get(n);
      po.addLines(ImmutablePurchaseOrderLine.builder().lineNumber(n + 1).description(i.description())
          .productCode(i.product()).quantity(Quantity.of(i.qty(), UnitOfMeasure.of(i.unit())))
          .unitPrice(Money.zero(USD)).costCode(Optional.of(i.costCode()).filter(c -> !c.isBlank()))
          .plannedDate(r.neededBy()).build());
    }
    return po.build();
  }

  /** The flow's name: its cursor, outbox and dead letters are kept under it. */
  public static final String FLOW = "material-requests";

  /** The engine with the material-requests flow: site app → canonical purchase order → Odoo. */
  static SyncEngine engine(OdooClient odoo, SyncStore store, SiteAppApi api) {
    EntitySink<PurchaseOrder> orders = EntitySink.of(odoo, PurchaseOrder.class);
    Sink<MaterialRequest> sink = batch -> orders.apply(batch.stream().map(r -> new SourceRecord<>(r.key(), r.type(),
        toPurchaseOrder(r.payload()), r.occurredAt(), r.orderingKey(), r.headers())).toList());
    SyncEngine engine = SyncEngine.builder().store(store)
        .resilience(OdooFailures.resilience().rateLimit(20, Duration.ofSeconds(1)).lane("procurement", 2).build())
        .build();
    engine.register(Flow.builder(FLOW, MaterialRequest.class)
        .source(new SiteAppSource(api)).validator(KNOWN_UNITS).sink(sink)
        .batchSize(200).lane("procurement").build());
    return engine;
  }
  // ---- end of user code ----

  /** The site app's API, faked: a feed of requests ordered by update time. */
  public static final class SiteAppApi {
    private final List<MaterialRequest> feed = new ArrayList<>();

    List<MaterialRequest> changedSince(Instant since, int max) {
      return feed.stream().filter(r -> r.updatedAt().isAfter(since)).limit(max).toList();
    }

    /** The site app saves (or resends) a request. */
    public void publish(MaterialRequest r) {
      feed.add(r);
    }
  }

  static final Instant T0 = Instant.parse("2026-11-20T07:00:00Z");
  static final LocalDate NEEDED = LocalDate.parse("2026-11-24");

  private FieldRequestsConnector() {}

  /** Runs the demo against the emulator, or the Odoo in {@code ODOO_URL}. */
  public static void main(String[] args) throws Exception {
    Console out = new Console(System.out);
    Path work = Files.createTempDirectory("field-requests");
    try (OdooConnection conn = OdooConnection.open(out); SyncStore store = SyncStores.embedded(work.resolve("sync"))) {
      run(out, conn.client(), store);
    }
  }

  /**
   * Sets up the reference data, lets the site app publish requests, runs the connector, lets the
   * foreman edit one request and the app resend another, and runs it again. Returns both reports.
   */
  public static List<RunReport> run(Console out, OdooClient odoo, SyncStore store) {
    out.step("Reference data a real Odoo already has: vendor, project, cost codes, products");
    ReferenceData ref = ReferenceData.in(odoo);
    ref.vendor(SourceRef.of(ReferenceData.ERP, "SUP-100"), "Site Supply Co");
    ref.project(SourceRef.of(ReferenceData.ERP, "P-1042"), "P-1042", "Riverside Medical Office");
    ref.costCode("03 11 00", "Concrete Forming");
    ref.costCode("03 21 00", "Reinforcement Bars");
    ref.costCode("06 10 00", "Rough Carpentry");
    ref.product("FT-12", "Form ties 12 in", new BigDecimal("0.85"), UnitOfMeasure.EA);
    ref.product("RB-CHAIR", "Rebar chairs 2 in", new BigDecimal("0.30"), UnitOfMeasure.EA);
    ref.product("REB-5", "#5 rebar", new BigDecimal("1.35"), UnitOfMeasure.KG);
    ref.product("TIE-16", "Tie wire 16 ga", new BigDecimal("4.10"), UnitOfMeasure.KG);
    ref.product("LUM-2X10", "2x10 lumber 16 ft", new BigDecimal("24.00"), UnitOfMeasure.EA);

    SiteAppApi api = new SiteAppApi();
    api.publish(request("MR-101", 1, 0, item("FT-12", "Form ties", "400", "ea", "03 11 00"),
        item("RB-CHAIR", "Rebar chairs", "250", "ea", "03 21 00")));
    api.publish(request("MR-102", 1, 60, item("TIE-16", "Tie wire", "25", "kg", "")));
    api.publish(request("MR-103", 1, 120, item("LUM-2X10", "2x10 lumber", "40", "bdl", "06 10 00")));
    api.publish(request("MR-104", 1, 180, item("REB-5", "#5 rebar", "1200", "kg", "03 21 00")));
    api.publish(request("MR-105", 1, 240, item("GLULAM-24", "Glulam beam 24 ft", "2", "ea", "06 10 00")));
    SyncEngine engine = engine(odoo, store, api);

    out.step("First run");
    RunReport first = engine.run(FLOW);
    out.info("%s", first.summary());
    store.deadLetters(FLOW, 10).forEach(d -> out.info("dead letter %s: %s", d.idempotencyKey(), d.errorMessage()));

    out.step("The foreman edits MR-101 (450 form ties, adds lumber); the site app resends MR-104 unchanged");
    api.publish(request("MR-101", 2, 300, item("FT-12", "Form ties", "450", "ea", "03 11 00"),
        item("RB-CHAIR", "Rebar chairs", "250", "ea", "03 21 00"), item("LUM-2X10", "2x10 lumber", "60", "ea", "06 10 00")));
    api.publish(request("MR-104", 1, 360, item("REB-5", "#5 rebar", "1200", "kg", "03 21 00")));
    RunReport second = engine.run(FLOW);
    out.info("%s", second.summary());

    out.step("Draft purchase orders from the site app in Odoo");
    for (Record po : odoo.model("purchase.order").searchRead(Query.where(Domain.where("name", "=like", "MR-%"))
        .fields("name", "state", "order_line").order("name"))) {
      out.info("%s %s, %d lines", po.getString("name").orElse("?"), po.getString("state").orElse("?"),
          po.getIds("order_line").size());
    }
    out.summary("Field requests → Odoo", first.applied() + second.applied(), first.duplicates() + second.duplicates(),
        first.deadLettered() + second.deadLettered());
    return List.of(first, second);
  }

  static MaterialRequest request(String id, int version, long secondsAfterT0, Item... items) {
    return new MaterialRequest(id, version, "P-1042", "SUP-100", NEEDED, List.of(items), T0.plusSeconds(secondsAfterT0));
  }

  static Item item(String product, String description, String qty, String unit, String costCode) {
    return new Item(product, description, new BigDecimal(qty), unit, costCode);
  }
}
