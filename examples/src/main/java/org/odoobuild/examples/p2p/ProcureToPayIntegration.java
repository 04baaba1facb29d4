package org.odoobuild.examples.p2p;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.govern.FieldGovernance;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.adapters.p2p.OdooJobCost;
import org.odoobuild.adapters.p2p.OdooReceipts;
import org.odoobuild.adapters.p2p.OdooVendorBills;
import org.odoobuild.adapters.p2p.P2pPublisher;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.connectors.cases.CaseDesk;
import org.odoobuild.connectors.cases.CaseStatus;
import org.odoobuild.connectors.cases.ExceptionCase;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.protect.KeyProvider;
import org.odoobuild.connectors.protect.ProtectedSyncStore;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.EventType;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.Governance;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.finance.BillStatus;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetStatus;
import org.odoobuild.model.finance.ImmutableBudget;
import org.odoobuild.model.finance.ImmutableBudgetLine;
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
import org.odoobuild.workflow.authority.ApprovalAuthority;
import org.odoobuild.workflow.jobcost.JdbcBudgetStore;
import org.odoobuild.workflow.jobcost.JobCostReport;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.GuardRejectedException;
import org.odoobuild.workflow.kit.JdbcInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.p2p.P2pEvent;
import org.odoobuild.workflow.procurement.ReleaseGate;

/**
 * Procure-to-pay, the reference integration of the money chain: an awarded estimate becomes a
 * budget per cost code (kept in the SDK's store: the database has no budget model), the project,
 * its cost codes and vendors; requisitions become purchase orders released through the release
 * gate with its budget guard; the field reports a partial delivery (the receipt is validated in
 * Odoo and a backorder expects the rest); two vendor bills arrive: one matches and is posted, one
 * is over the order price and is held until the project manager approves it; the cost is posted
 * to the project's cost codes; bad input is dead-lettered; the job-cost table closes the run
 * (also written as JSON and CSV). Events ({@code delivery_received_on_site},
 * {@code invoice_blocked_for_variance}, {@code cost_posted}) reach a subscriber flow.
 *
 * <p>Governed as a production integration should be: the sync store is encrypted at rest
 * ({@link Governance#protect}: payloads, dead letters and audit values; key from
 * {@code SYNC_STORE_KEY}) with a sealed audit chain; vendor fields that accounts payable owns in
 * Odoo are never overwritten ({@link Governance#owners}: a conflict becomes a case); the variance
 * hold, the ownership conflict and every dead letter become exception cases with an owner and a
 * deadline; the approver's limit is checked by the SDK.
 * Run (embedded emulator unless {@code ODOO_URL} is set):
 * {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.odoobuild.examples.p2p.ProcureToPayIntegration}.
 */
public final class ProcureToPayIntegration {
  /** One line of the awarded estimate. */
  public record EstimateLine(String costCode, String costCodeName, String product, String description, String quantity,
      UnitOfMeasure unit, String unitCost, String vendor) {
    /** Quantity × unit cost. */
    public BigDecimal total() {
      return new BigDecimal(quantity).multiply(new BigDecimal(unitCost));
    }
  }

  /** The awarded estimate of the Riverside Medical Center level-2 slab. */
  public static final List<EstimateLine> ESTIMATE = List.of(
      new EstimateLine("03 11 00", "Concrete forming", "PLY-18", "Plywood form panel 18 mm", "60", UnitOfMeasure.EA, "32.50", "MF"),
      new EstimateLine("03 20 00", "Concrete reinforcing", "RB5", "Rebar #5", "3000", UnitOfMeasure.KG, "0.62", "KS"),
      new EstimateLine("03 30 00", "Cast-in-place concrete", "RMC-4000", "Ready-mix 4000 psi (load)", "40", UnitOfMeasure.EA, "145.00",
          "KS"));
  /** Vendors: code → name. */
  public static final Map<String, String> VENDORS = Map.of("KS", "Keystone Supply", "MF", "Metro Forms");
  /** The project. */
  public static final SourceRef PROJECT = SourceRef.of("estimating", "RMC-24");
  /** The field report: 24 loads accepted and 1 rejected of 40, 2000 kg of the 3000 kg of rebar, all 60 panels. */
  public static final String[][] DELIVERY = {{"PO-KS-1", "1", "2000", "kg", "0"}, {"PO-KS-1", "2", "24", "ea", "1"},
      {"PO-MF-1", "1", "60", "ea", "0"}};
  /** The exact bill (Keystone: what was received, at the order prices) and the over-priced one (Metro Forms, 34.00 per panel). */
  public static final String PANEL_BILLED_PRICE = "34.00";

  static final Currency USD = Currency.getInstance("USD");
  static final LocalDate DAY = LocalDate.parse("2026-03-02");

  /** What a run did (for the test and the summary). */
  public record Result(JobCostReport jobCost, Map<String, Long> orders, long exactBill, long heldBill, List<P2pEvent> events,
      List<DeadLetter> deadLetters, String refusedByBudget, Path json, Path csv, List<ExceptionCase> cases) {}

  /** The remittance email accounts payable keeps for Keystone in Odoo (Odoo owns it). */
  public static final String AP_REMITTANCE_EMAIL = "remit@keystone.example";

  private ProcureToPayIntegration() {}

  /** Runs against the embedded emulator (or {@code ODOO_URL}), writing the job cost next to a temporary sync store. */
  public static void main(String[] args) throws Exception {
    Console out = new Console(System.out);
    Path work = Files.createTempDirectory("procure-to-pay");
    try (OdooConnection conn = OdooConnection.open(out); SyncStore store = SyncStores.embedded(work.resolve("sync"))) {
      run(out, conn.client(), store, work);
    }
  }

  /** Runs the chain on {@code odoo}, keeping sync state, workflow instances and the budget in {@code store}, encrypted. */
  public static Result run(Console out, OdooClient odoo, SyncStore store, Path outputDir) throws Exception {
    return run(out, odoo, store, outputDir, Governance.keys());
  }

  /**
   * Runs the chain on {@code odoo}, keeping sync state, workflow instances and the budget in
   * {@code raw}, encrypted with {@code keys}.
   */
  public static Result run(Console out, OdooClient odoo, SyncStore raw, Path outputDir, KeyProvider keys) throws Exception {
    ProtectedSyncStore store = Governance.protect(raw, keys);
    CaseDesk desk = CaseDesk.builder(store).routing(Governance.routing()).build();
    FieldGovernance governance = FieldGovernance.builder(odoo, Governance.ESTIMATING).ownership(Governance.owners())
        .onConflict(desk::ownershipConflict).audit(store::append).build();
    InMemoryReferences known = new InMemoryReferences();
    List<P2pEvent> events = new ArrayList<>();
    SyncEngine engine = SyncEngine.builder().store(store).resilience(OdooFailures.resilience().build()).workerId("p2p-example").build();
    engine.register(Flow.builder("p2p-events", P2pEvent.class).sink(batch -> {
      batch.forEach(r -> {
        events.add(r.payload());
        out.info("event %s: %s", r.payload().type().name(), describe(r.payload()));
      });
      return batch.stream().map(r -> SinkResult.applied("subscriber")).toList();
    }).build());
    P2pPublisher publisher = P2pPublisher.toEngine(engine, "p2p-events");

    out.step("Awarded estimate → budget by cost code (Odoo's budget model, else the SDK's store)");
    OdooJobCost jobCost = OdooJobCost.builder(odoo).references(known).budgets(JdbcBudgetStore.in(store)).build();
    Budget budget = budget();
    JdbcBudgetStore.in(store).save(budget);
    out.info("budget model in Odoo: %s", jobCost.budgetModel().orElse("none: the budget is kept in the SDK's store"));
    budget.lines().forEach(l -> out.info("%s %-24s %,12.2f", l.costCode().orElse(""), l.description(), l.amount().amount()));

    out.step("Project, cost codes, vendors and products in Odoo (upsert by external id)");
    masterData(out, odoo, engine, known, governance);

    out.step("Accounts payable changes Keystone's remittance email in Odoo; estimating sends its vendors again");
    long keystone = known.idOf(ExternalIds.of(Vendor.TYPE, vendorRef("KS"))).orElseThrow();
    odoo.model("res.partner").write(keystone, Map.of("email", AP_REMITTANCE_EMAIL));
    engine.register(Flow.builder("vendors-resync", Vendor.class).source(once(vendors(), EventCatalog.MASTER_DATA_CHANGED, "2"))
        .sink(EntitySink.of(odoo, Vendor.class, known).governed(governance)).build());
    out.info("%s", engine.run("vendors-resync").summary());
    out.info("Keystone's email in Odoo: %s (Odoo owns it: withheld, the difference is a case)",
        odoo.model("res.partner").read(keystone, "email").flatMap(r -> r.getString("email")).orElse(""));

    out.step("Requisitions → purchase orders, released through the release gate with its budget guard");
    Map<String, Long> orders = new LinkedHashMap<>();
    for (PurchaseOrder po : orders()) {
      run(engine, "requisitions-" + po.number(), PurchaseOrder.class, List.of(po), EntitySink.of(odoo, PurchaseOrder.class, known), out);
      orders.put(po.number(), known.idOf(ExternalIds.of(PurchaseOrder.TYPE, po.primaryRef())).orElseThrow());
    }
    WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gate = new WorkflowEngine<>(ReleaseGate.definition(
        new OdooProcurement(odoo, (who, what) -> out.info("to %s: %s", who, what)), jobCost.budgetCheck(PROJECT)),
        JdbcInstanceStore.in(store), java.time.Clock.systemUTC());
    String refused = "";
    for (Map.Entry<String, Long> e : orders.entrySet()) {
      gate.start(e.getKey(), Map.of("po", String.valueOf(e.getValue()), "owner", "buyer"), EventMeta.of("estimating", "requisition",
          "start:" + e.getKey()));
      try {
        gate.fire(e.getKey(), ReleaseGate.Event.SUBMITTAL_APPROVED, new ReleaseGate.Signal("S-03-" + e.getKey(), true, ""),
            EventMeta.of("architect", "submittal approved", "approve:" + e.getKey()));
      } catch (GuardRejectedException ex) {
        refused = ex.reason();
        out.info("%s held back by '%s': %s", e.getKey(), ex.guard(), ex.reason());
      }
    }

    OdooReceipts receipts = OdooReceipts.builder(odoo).references(known).publisher(publisher).build();
    OdooVendorBills bills = OdooVendorBills.builder(odoo).references(known).publisher(publisher).owner("admin")
        .instances(JdbcInstanceStore.in(store)).cases(desk)
        .authority(ApprovalAuthority.builder().limit("project-manager", new BigDecimal("5000")).member("pm.lee", "project-manager")
            .build())
        .build();

    out.step("The field reports deliveries: the receipt is validated in Odoo, a backorder expects the rest");
    RunReport delivered = run(engine, "deliveries", GoodsReceipt.class, deliveries(), receipts.sink(), out);

    out.step("Vendor bills: linked to the order lines, three-way matched, posted or held");
    RunReport billed = run(engine, "bills", VendorBill.class, bills(), bills.sink(), out);
    long exact = moveOf(odoo, "INV-KS-1001");
    long held = moveOf(odoo, "INV-MF-77");
    out.info("held for the project manager: %d bill(s)", bills.blocked().size());

    out.step("The project manager approves the variance: the bill is posted");
    bills.approve(held, "pm.lee");
    engine.run("p2p-events");

    out.step("Dead letters (bad input, nothing posted in Odoo)");
    List<DeadLetter> dead = new ArrayList<>();
    for (String flow : List.of("deliveries", "bills")) {
      for (DeadLetter d : store.deadLetters(flow, 20)) {
        dead.add(d);
        out.info("%s: %s", flow, d.errorMessage());
      }
    }

    out.step("Exception cases: every hold, conflict and dead letter has an owner and a deadline");
    desk.openDeadLetters(100);
    List<ExceptionCase> cases = desk.cases(CaseStatus.OPEN, 100);
    cases.forEach(c -> out.info("case %d %s → %s, due %s: %s", c.id(), c.facts().kind(), c.owner(), c.dueAt(), c.facts().summary()));

    out.step("Job cost per cost code (from Odoo with read_group)");
    JobCostReport report = jobCost.report(PROJECT);
    for (String line : report.table().split("\n")) {
      out.info("%s", line);
    }
    Files.createDirectories(outputDir);
    Path json = Files.writeString(outputDir.resolve("job-cost.json"), report.json(), StandardCharsets.UTF_8);
    Path csv = Files.writeString(outputDir.resolve("job-cost.csv"), report.csv(), StandardCharsets.UTF_8);
    out.info("written: %s, %s", json, csv);
    out.summary("Procure-to-pay (deliveries and bills)", delivered.applied() + billed.applied(), delivered.skipped() + billed.skipped(),
        dead.size());
    return new Result(report, orders, exact, held, List.copyOf(events), dead, refused, json, csv, cases);
  }

  // ---- inputs ---------------------------------------------------------------------------------

  static Budget budget() {
    Map<String, BigDecimal> byCode = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    ESTIMATE.forEach(l -> {
      byCode.merge(l.costCode(), l.total(), BigDecimal::add);
      names.put(l.costCode(), l.costCodeName());
    });
    ImmutableBudget.Builder b = ImmutableBudget.builder().addSourceRefs(SourceRef.of("estimating", "RMC-24-baseline"))
        .projectRef(PROJECT).name("Baseline").status(BudgetStatus.APPROVED).currency(USD);
    int n = 1;
    for (Map.Entry<String, BigDecimal> e : byCode.entrySet()) {
      b.addLines(ImmutableBudgetLine.builder().lineNumber(n++).costCode(e.getKey()).description(names.get(e.getKey()))
          .amount(Money.of(e.getValue(), USD)).build());
    }
    return b.build();
  }

  static SourceRef vendorRef(String code) {
    return SourceRef.of("erp", "V-" + code);
  }

  /** One order per vendor from the estimate, plus a change request that would overrun the concrete budget. */
  static List<PurchaseOrder> orders() {
    Map<String, List<EstimateLine>> byVendor = new TreeMap<>();
    ESTIMATE.forEach(l -> byVendor.computeIfAbsent(l.vendor(), v -> new ArrayList<>()).add(l));
    List<PurchaseOrder> out = new ArrayList<>();
    byVendor.forEach((vendor, lines) -> {
      List<EstimateLine> ordered = new ArrayList<>(lines);
      ordered.sort((a, b) -> a.product().compareTo(b.product()));
      out.add(order("PO-" + vendor + "-1", vendor, ordered));
    });
    out.add(order("PO-KS-2", "KS", List.of(new EstimateLine("03 30 00", "", "RMC-4000", "Ready-mix 4000 psi (extra pour)", "12",
        UnitOfMeasure.EA, "145.00", "KS"))));
    return out;
  }

  static PurchaseOrder order(String number, String vendor, List<EstimateLine> lines) {
    ImmutablePurchaseOrder.Builder b = ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("erp", number)).number(number)
        .vendorRef(vendorRef(vendor)).projectRef(PROJECT).orderDate(DAY).status(PurchaseOrderStatus.DRAFT).currency(USD);
    int n = 1;
    for (EstimateLine l : lines) {
      b.addLines(ImmutablePurchaseOrderLine.builder().lineNumber(n++).description(l.description()).productCode(l.product())
          .quantity(Quantity.of(l.quantity(), l.unit())).unitPrice(Money.of(l.unitCost(), "USD")).costCode(l.costCode()).build());
    }
    return b.build();
  }

  /** The field report, a repeat of it, an over-receipt and a negative quantity. */
  static List<GoodsReceipt> deliveries() {
    ImmutableGoodsReceipt.Builder ks = delivery("DT-1001", "PO-KS-1");
    ImmutableGoodsReceipt.Builder mf = delivery("DT-1002", "PO-MF-1");
    int n = 1;
    for (String[] d : DELIVERY) {
      ImmutableGoodsReceiptLine.Builder l = ImmutableGoodsReceiptLine.builder().lineNumber(n++).orderLineNumber(Integer.parseInt(d[1]))
          .quantity(Quantity.of(d[2], d[3]));
      if (!d[4].equals("0")) {
        l.rejectedQuantity(Quantity.of(d[4], d[3])).note("one load rejected: slump out of spec");
      }
      (d[0].equals("PO-KS-1") ? ks : mf).addLines(l.build());
    }
    GoodsReceipt over = delivery("DT-1003", "PO-MF-1").addLines(ImmutableGoodsReceiptLine.builder().lineNumber(1).orderLineNumber(1)
        .quantity(Quantity.of("5", "ea")).build()).build();
    GoodsReceipt negative = delivery("DT-1004", "PO-KS-1").addLines(ImmutableGoodsReceiptLine.builder().lineNumber(1).orderLineNumber(2)
        .quantity(Quantity.of("-2", "ea")).build()).build();
    GoodsReceipt first = ks.build();
    return List.of(first, mf.build(), first, over, negative);
  }

  static ImmutableGoodsReceipt.Builder delivery(String number, String order) {
    return ImmutableGoodsReceipt.builder().addSourceRefs(SourceRef.of("fieldapp", number)).number(number)
        .purchaseOrderRef(SourceRef.of("erp", order)).receivedDate(DAY.plusDays(7)).status(ReceiptStatus.DONE);
  }

  /** The exact bill, the over-priced one, a bill for an unknown order and one in the wrong currency. */
  static List<VendorBill> bills() {
    VendorBill exact = bill("INV-KS-1001", "KS", "PO-KS-1", "USD", new String[][] {{"1", "2000", "kg", "0.62", "03 20 00"},
        {"2", "24", "ea", "145.00", "03 30 00"}});
    VendorBill over = bill("INV-MF-77", "MF", "PO-MF-1", "USD", new String[][] {{"1", "60", "ea", PANEL_BILLED_PRICE, "03 11 00"}});
    VendorBill unknown = bill("INV-KS-1999", "KS", "PO-KS-404", "USD", new String[][] {{"1", "1", "ea", "145.00", "03 30 00"}});
    VendorBill euro = bill("INV-KS-1002", "KS", "PO-KS-1", "EUR", new String[][] {{"2", "1", "ea", "130.00", "03 30 00"}});
    return List.of(exact, over, unknown, euro);
  }

  static VendorBill bill(String number, String vendor, String order, String currency, String[][] lines) {
    ImmutableVendorBill.Builder b = ImmutableVendorBill.builder().addSourceRefs(SourceRef.of("ap-ocr", number)).billNumber(number)
        .vendorRef(vendorRef(vendor)).purchaseOrderRef(SourceRef.of("erp", order)).billDate(DAY.plusDays(13)).status(BillStatus.DRAFT)
        .currency(Currency.getInstance(currency));
    int n = 1;
    for (String[] l : lines) {
      b.addLines(ImmutableVendorBillLine.builder().lineNumber(n++).orderLineNumber(Integer.parseInt(l[0])).description("order line " + l[0])
          .quantity(Quantity.of(l[1], l[2])).unitPrice(Money.of(l[3], currency)).costCode(l[4]).build());
    }
    return b.build();
  }

  // ---- Odoo -----------------------------------------------------------------------------------

  /** The vendors as estimating knows them (with the remittance emails it had when the estimate was made). */
  static List<Vendor> vendors() {
    List<Vendor> vendors = new ArrayList<>();
    new TreeMap<>(VENDORS).forEach((code, name) -> vendors.add(ImmutableVendor.builder().addSourceRefs(vendorRef(code)).name(name)
        .vendorCode(code).email("ap@" + name.toLowerCase(Locale.ROOT).replace(" ", "") + ".example").build()));
    return vendors;
  }

  private static void masterData(Console out, OdooClient odoo, SyncEngine engine, InMemoryReferences known,
      FieldGovernance governance) {
    if (odoo.model("account.analytic.plan").search(Query.where(Domain.where("name", "=", "Cost Codes")).limit(1)).isEmpty()) {
      odoo.model("account.analytic.plan").create(Map.of("name", "Cost Codes"));
    }
    run(engine, "vendors", Vendor.class, vendors(), EntitySink.of(odoo, Vendor.class, known).governed(governance), out);
    Map<String, String> codes = new TreeMap<>();
    ESTIMATE.forEach(l -> codes.put(l.costCode(), l.costCodeName()));
    List<CostCode> costCodes = new ArrayList<>();
    codes.forEach((code, name) -> costCodes.add(ImmutableCostCode.builder().addSourceRefs(SourceRef.of("estimating", code)).code(code)
        .name(name).build()));
    run(engine, "cost-codes", CostCode.class, costCodes, EntitySink.of(odoo, CostCode.class, known), out);
    Project project = ImmutableProject.builder().addSourceRefs(PROJECT).code("RMC-24").name("Riverside Medical Center, level 2 slab")
        .status(ProjectStatus.ACTIVE).currency(USD).build();
    MappingContext ctx = MappingContext.live(odoo, known);
    Upserter upserter = Upserter.forClient(odoo);
    upserter.load(List.of(new ProjectMapping().accountLoad(project, ctx)))
        .forEach(o -> known.externalId(o.externalId(), o.odooId().orElseThrow()));
    run(engine, "projects", Project.class, List.of(project), EntitySink.of(odoo, Project.class, known), out);
    String poUom = odoo.model("product.product").fields().containsKey("uom_po_id") ? "uom_po_id/.id" : "";
    List<LoadRecord> products = new ArrayList<>();
    Map<String, EstimateLine> byProduct = new TreeMap<>();
    ESTIMATE.forEach(l -> byProduct.putIfAbsent(l.product(), l));
    byProduct.forEach((code, l) -> {
      long uom = ctx.refs().uomId(l.unit()).orElseThrow(() -> new IllegalStateException("no Odoo unit for " + l.unit()));
      Map<String, Object> cols = new LinkedHashMap<>();
      cols.put("name", l.description());
      cols.put("default_code", code);
      cols.put("uom_id/.id", uom);
      if (!poUom.isEmpty()) {
        cols.put(poUom, uom);
      }
      cols.put("standard_price", l.unitCost());
      products.add(LoadRecord.of("product.product", ExternalIds.MODULE + ".product_" + ExternalIds.sanitize(code), cols));
    });
    upserter.load(products).forEach(o -> out.info("product %s → product.product %s", o.externalId(), o.odooId().map(String::valueOf)
        .orElse(o.problems().toString())));
  }

  private static <T extends CanonicalEntity> RunReport run(SyncEngine engine, String flow, Class<T> type, List<T> items,
      org.odoobuild.connectors.spi.Sink<T> sink, Console out) {
    EventType event = type == GoodsReceipt.class ? EventCatalog.DELIVERY_RECEIVED_ON_SITE : type == VendorBill.class
        ? EventCatalog.VENDOR_BILL_RECEIVED : type == PurchaseOrder.class ? EventCatalog.MATERIAL_REQUESTED
        : EventCatalog.MASTER_DATA_CHANGED;
    engine.register(Flow.builder(flow, type).source(once(items, event, "")).sink(sink).build());
    RunReport r = engine.run(flow);
    out.info("%s", r.summary());
    engine.run("p2p-events");
    return r;
  }

  private static <T extends CanonicalEntity> Source<T> once(List<T> items, EventType type, String revision) {
    return (cursor, max) -> {
      if (cursor.isPresent()) {
        return new SourceBatch<>(List.of(), cursor.get(), false);
      }
      List<SourceRecord<T>> out = new ArrayList<>();
      for (T t : items) {
        out.add(SourceRecord.of(new RecordKey(t.primaryRef().system(), t.primaryRef().id(), revision + out.size()), type, t,
            Instant.EPOCH));
      }
      return new SourceBatch<>(out, "all", false);
    };
  }

  private static long moveOf(OdooClient odoo, String ref) {
    return odoo.model("account.move").search(Query.where(Domain.where("ref", "=", ref).and(Domain.where("move_type", "=", "in_invoice")))
        .limit(1)).stream().findFirst().orElseThrow(() -> new IllegalStateException("no bill " + ref + " in Odoo"));
  }

  private static String describe(P2pEvent e) {
    if (e instanceof P2pEvent.DeliveryReceived d) {
      return d.receipt() + " on " + d.purchaseOrder() + " validated " + d.picking() + d.backorder().map(b -> ", backorder " + b).orElse("");
    }
    if (e instanceof P2pEvent.InvoiceBlocked b) {
      return b.bill() + " held for " + b.owner() + ": " + b.variances().get(0).message();
    }
    P2pEvent.CostPosted c = (P2pEvent.CostPosted) e;
    return c.bill() + " posted as " + c.entry() + ": " + String.format(Locale.ROOT, "%,.2f", c.total()) + " " + c.currency() + " on "
        + c.lines().stream().map(l -> l.project() + "/" + l.costCode()).distinct().toList();
  }
}
