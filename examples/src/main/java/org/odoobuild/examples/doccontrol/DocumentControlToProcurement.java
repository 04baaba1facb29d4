package org.odoobuild.examples.doccontrol;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.odoobuild.adapters.capture.ChangeEventSink;
import org.odoobuild.adapters.capture.EventRule;
import org.odoobuild.adapters.capture.InMemorySnapshotStore;
import org.odoobuild.adapters.capture.OdooChange;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.documents.OdooDrawingHolds;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.govern.FieldGovernance;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.EventType;
import org.odoobuild.connectors.spi.PayloadCodec;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.cases.CaseDesk;
import org.odoobuild.connectors.cases.CaseStatus;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.console.ConsoleServer;
import org.odoobuild.console.Role;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.Governance;
import org.odoobuild.examples.support.FixedSource;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.ReferenceData;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.documents.DocumentKind;
import org.odoobuild.model.documents.DocumentRevision;
import org.odoobuild.model.documents.DocumentStatus;
import org.odoobuild.model.documents.ImmutableDocumentRevision;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.CostCode;
import org.odoobuild.model.project.ImmutableCostCode;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.JdbcInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.procurement.ReleaseGate;

/**
 * Document control → procurement. The document control system reports submittal decisions
 * and drawing revisions; an approved submittal releases (confirms) the purchase order that
 * waits for it in Odoo, a revision that supersedes the drawing a released order was based on
 * puts the order on hold, and every order that becomes approved in Odoo is pushed to the
 * vendors' procurement portal. Vendors, cost codes and the waiting purchase orders (with their
 * lines) go to Odoo as canonical entities through {@link EntitySink}s; the release gate acts on
 * Odoo through {@link OdooProcurement}. Run: {@code mvn -B -q -pl examples exec:java}.
 */
public final class DocumentControlToProcurement {
  /** A submittal decision from document control. */
  public record Decision(String submittal, int revision, String status, String reviewer, String drawing) {}

  /** A drawing revision from document control. */
  public record DrawingRevision(String drawing, String revision, String supersedes, String note) {}

  /** A purchase order waiting for a submittal: vendor, one product, and the spec section as cost code. */
  record Package(String submittal, String vendorRef, String vendorName, LocalDate insuredUntil, String productCode,
      String product, String qty, UnitOfMeasure unit, String price, String drawing) {

    String costCode() {
      return submittal.substring(0, 8);
    }
  }

  static final LocalDate TODAY = LocalDate.parse("2026-11-20");
  static final Currency USD = Currency.getInstance("USD");
  /** Purchase orders waiting for a submittal are numbered after it. */
  static final String PO_PREFIX = "SUB ";
  static final List<Package> PACKAGES = List.of(
      new Package("05 12 00-001", "DC-STEEL", "Riverside Steel Erectors", TODAY.plusMonths(8), "STL-W12", "W12x26 beams", "38",
          UnitOfMeasure.EA, "1240.00", "S-201@B"),
      new Package("08 44 13-002", "DC-GLAZE", "ClearSpan Curtain Wall", TODAY.plusMonths(3), "CW-UNIT", "Unitized curtain wall panel",
          "64", UnitOfMeasure.EA, "2150.00", "A-501@A"),
      new Package("03 30 00-003", "DC-CONC", "Metro Ready-Mix", TODAY.plusMonths(11), "CON-4000", "4000 psi ready-mix", "420",
          UnitOfMeasure.CY, "148.00", "S-101@A"),
      new Package("09 21 16-004", "DC-DRYW", "Apex Drywall", TODAY.minusDays(12), "GWB-58X", "5/8 Type X gypsum board", "2600",
          UnitOfMeasure.EA, "14.50", "A-610@A"));

  static final List<Decision> DECISIONS = List.of(
      new Decision("05 12 00-001", 1, "approved", "K. Osei (SE)", "S-201"),
      new Decision("08 44 13-002", 2, "approved_as_noted", "M. Laurent (AR)", "A-501"),
      new Decision("03 30 00-003", 1, "revise_and_resubmit", "K. Osei (SE)", "S-101"),
      new Decision("09 21 16-004", 1, "approved", "M. Laurent (AR)", "A-610"),
      new Decision("05 12 00-001", 1, "approved", "K. Osei (SE)", "S-201")); // delivered twice by the webhook retry

  static final List<DrawingRevision> REVISIONS = List.of(
      new DrawingRevision("S-201", "C", "B", "moment connection at grid C-4 changed"));

  private DocumentControlToProcurement() {}

  /**
   * Runs the integration; prints what it does and a summary. With {@code --console} it then
   * serves the operations console over its engine, store and release gates on
   * {@code http://127.0.0.1:8086/} (sign in as {@code operator} with the password in
   * {@code CONSOLE_PASSWORD}, default {@code change-me}) until the process is stopped.
   */
  public static void main(String[] args) throws Exception {
    Console out = new Console(System.out);
    boolean console = List.of(args).contains("--console");
    Path work = Files.createTempDirectory("doccontrol-example");
    // the store encrypted at rest (key from SYNC_STORE_KEY) with a sealed audit chain
    try (OdooConnection conn = OdooConnection.open(out);
        SyncStore store = Governance.protect(SyncStores.embedded(work.resolve("sync")), Governance.keys())) {
      run(out, conn.client(), store, console ? (engine, gates) -> serveConsole(out, engine, store, gates) : (engine, gates) -> { });
    }
  }

  /** The operations console over this integration, until the process is stopped. */
  static void serveConsole(Console out, SyncEngine engine, SyncStore store,
      WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates) {
    String password = Optional.ofNullable(System.getenv("CONSOLE_PASSWORD")).orElse("change-me");
    ConsoleServer server = startConsole(engine, store, gates, 8086, password);
    out.step("Operations console on " + server.url() + " (operator / viewer); stop with Ctrl-C");
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
  }

  /** Starts the console (port 0: any free port) with an operator and a viewer sharing {@code password}. */
  public static ConsoleServer startConsole(SyncEngine engine, SyncStore store,
      WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates, int port, String password) {
    return ConsoleServer.builder().engine(engine).store(store).port(port)
        .workflow(gates, java.util.Set.of(ReleaseGate.State.ON_HOLD, ReleaseGate.State.AWAITING_APPROVAL), Map.of(
            ReleaseGate.Event.RESUME, reason -> new ReleaseGate.Signal("console", true, reason),
            ReleaseGate.Event.CANCEL, reason -> new ReleaseGate.Signal("console", true, reason)))
        .user("operator", password, Role.OPERATOR).user("viewer", password, Role.VIEWER)
        .maskFields("vat", "bank_account", "phone")
        .build().start();
  }

  /** Runs; returns the number of orders released (confirmed) in Odoo. */
  public static long run(Console out, OdooClient odoo, SyncStore store) {
    return run(out, odoo, store, (engine, gates) -> { });
  }

  /**
   * Runs, then hands the engine and the release gates to {@code after} (e.g. to serve the
   * console over them); returns the number of orders released (confirmed) in Odoo.
   */
  public static long run(Console out, OdooClient odoo, SyncStore store,
      java.util.function.BiConsumer<SyncEngine, WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal>> after) {
    out.step("Demo setup: products and the cost-code plan");
    ReferenceData ref = ReferenceData.in(odoo);
    ref.costCodePlan();
    PACKAGES.forEach(p -> ref.product(p.productCode(), p.product(), new BigDecimal(p.price()), p.unit()));

    Map<String, Vendor> vendorBySubmittal = new LinkedHashMap<>();
    List<CostCode> costCodes = new ArrayList<>();
    List<PurchaseOrder> orders = new ArrayList<>();
    for (Package p : PACKAGES) {
      vendorBySubmittal.put(p.submittal(), ImmutableVendor.builder().addSourceRefs(vendorRef(p)).name(p.vendorName())
          .vendorCode(p.vendorRef()).insuranceExpiry(p.insuredUntil()).build());
      costCodes.add(ImmutableCostCode.builder().addSourceRefs(SourceRef.of(ReferenceData.ERP, p.costCode())).code(p.costCode())
          .name("Spec section " + p.costCode()).build());
      orders.add(order(p));
    }
    SyncEngine engine = SyncEngine.builder().store(store).workerId("doc-control-example")
        .resilience(OdooFailures.resilience().build()).build();
    // holds and dead letters become cases with an owner and a deadline; vendor fields AP owns in Odoo are never overwritten
    CaseDesk desk = CaseDesk.builder(store).routing(Governance.routing()).build();
    FieldGovernance governance = FieldGovernance.builder(odoo, "erp").ownership(Governance.owners())
        .onConflict(desk::ownershipConflict).audit(store::append).build();
    engine.register(Flow.builder("vendors", Vendor.class).source(listSource("erp", List.copyOf(vendorBySubmittal.values()),
        v -> v.primaryRef().id(), EventCatalog.VENDOR_APPROVED)).sink(EntitySink.of(odoo, Vendor.class).governed(governance))
        .build());
    engine.register(Flow.builder("cost-codes", CostCode.class).source(listSource("erp", costCodes, CostCode::code,
        EventCatalog.MASTER_DATA_CHANGED)).sink(EntitySink.of(odoo, CostCode.class)).build());
    List<String> notices = new ArrayList<>();
    // each order line is linked in Odoo to the drawing revision it is bought for, as it is written
    OdooDrawingHolds holds = OdooDrawingHolds.builder(odoo).notifier((owner, msg) -> notices.add(owner + ": " + msg)).cases(desk)
        .build();
    engine.register(Flow.builder("purchase-orders", PurchaseOrder.class).source(listSource("doccontrol", orders,
        PurchaseOrder::number, EventCatalog.MASTER_DATA_CHANGED)).sink(holds.linking(EntitySink.of(odoo, PurchaseOrder.class)))
        .build());

    out.step("Vendors, cost codes and the purchase orders waiting for their submittals (upserted: re-runs change nothing)");
    for (String flow : List.of("vendors", "cost-codes", "purchase-orders")) {
      out.info("%s", engine.run(flow).summary());
    }
    Map<String, Long> poBySubmittal = new LinkedHashMap<>();
    Map<String, Boolean> insured = new ConcurrentHashMap<>();
    for (int i = 0; i < PACKAGES.size(); i++) {
      Package p = PACKAGES.get(i);
      Vendor v = vendorBySubmittal.get(p.submittal());
      long po = ref.idOf(orders.get(i).externalId())
          .orElseThrow(() -> new IllegalStateException("no purchase order in Odoo for " + p.submittal()));
      poBySubmittal.put(p.submittal(), po);
      insured.put(p.submittal(), v.isCompliantOn(TODAY));
      out.info("%s → purchase.order %d for %s (%s)", p.submittal(), po, v.name(),
          v.isCompliantOn(TODAY) ? "insurance valid" : "insurance EXPIRED");
    }

    WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gates = new WorkflowEngine<>(
        ReleaseGate.definition(new OdooProcurement(odoo, (owner, msg) -> notices.add(owner + ": " + msg))),
        JdbcInstanceStore.in(store), Clock.systemUTC());
    poBySubmittal.forEach((submittal, po) -> gates.start(submittal, Map.of("po", Long.toString(po), "owner",
        "buyer@gc.example"), EventMeta.of("doc-control", "linked to submittal", "start-" + submittal)));

    List<String> refusals = new ArrayList<>();
    engine.register(Flow.builder("submittal-decisions", Decision.class)
        .source(listSource("doccontrol", DECISIONS, d -> d.submittal() + "@" + d.revision(), EventCatalog.SUBMITTAL_APPROVED))
        .validator(d -> d.status().isBlank() ? List.of("status: missing") : List.of())
        .sink(batch -> {
          List<SinkResult> res = new ArrayList<>();
          for (SourceRecord<Decision> r : batch) {
            Decision d = r.payload();
            if (!d.status().startsWith("approved")) {
              out.info("%s came back %s: its order stays on hold", d.submittal(), d.status());
              res.add(SinkResult.skipped(d.status()));
              continue;
            }
            try {
              gates.fire(d.submittal(), ReleaseGate.Event.SUBMITTAL_APPROVED,
                  new ReleaseGate.Signal(d.submittal(), insured.getOrDefault(d.submittal(), false), d.reviewer()),
                  EventMeta.of(d.reviewer(), d.status(), r.idempotencyKey()));
              out.info("%s %s by %s → purchase.order %d released", d.submittal(), d.status(), d.reviewer(),
                  poBySubmittal.get(d.submittal()));
              res.add(SinkResult.applied("purchase.order," + poBySubmittal.get(d.submittal())));
            } catch (RuntimeException e) {
              refusals.add(d.submittal() + ": " + e.getMessage());
              res.add(SinkResult.failed(e.getMessage()));
            }
          }
          return res;
        }).build());
    engine.register(Flow.builder("drawing-revisions", DrawingRevision.class)
        .source(listSource("doccontrol", REVISIONS, r -> r.drawing() + "@" + r.revision(), EventCatalog.DRAWING_SUPERSEDED))
        .sink(batch -> {
          List<SinkResult> res = new ArrayList<>();
          for (SourceRecord<DrawingRevision> r : batch) {
            DrawingRevision rev = r.payload();
            // the lines bought for the superseded revision, found from their links in Odoo, are held there
            List<OdooDrawingHolds.HeldLine> lines = holds.supersede(superseded(rev));
            int held = 0;
            for (OdooDrawingHolds.HeldLine line : lines) {
              out.info("%s rev %s supersedes rev %s → %s line %d (%s) on hold", rev.drawing(), rev.revision(), rev.supersedes(),
                  line.orderName(), line.lineNumber(), line.description());
            }
            for (long po : lines.stream().map(OdooDrawingHolds.HeldLine::order).distinct().toList()) {
              for (Map.Entry<String, Long> e : poBySubmittal.entrySet()) {
                ReleaseGate.State state = gates.state(e.getKey());
                if (e.getValue() == po && (state == ReleaseGate.State.RELEASED || state == ReleaseGate.State.AWAITING_APPROVAL)) {
                  gates.fire(e.getKey(), ReleaseGate.Event.DRAWING_SUPERSEDED,
                      new ReleaseGate.Signal(rev.drawing() + " rev " + rev.revision(), true, rev.note()),
                      EventMeta.of("doc-control", "superseded " + rev.supersedes(), r.idempotencyKey() + "/" + e.getKey()));
                  held++;
                }
              }
            }
            res.add(held > 0 ? SinkResult.applied("held " + held) : SinkResult.skipped("no released order affected"));
          }
          return res;
        }).build());

    // Odoo as a source: orders that became approved go to the vendors' procurement portal
    List<String> portal = new ArrayList<>();
    OdooChangeSource poChanges = OdooChangeSource.builder(odoo, "purchase.order").fields("name", "state", "partner_id",
        "amount_total").scope(Domain.where("name", "=like", PO_PREFIX + "%")).trackActive(false)
        .snapshots(new InMemorySnapshotStore()).build();
    PayloadCodec<OdooChange> inMemory = new PassThroughCodec();
    engine.register(Flow.builder("portal", inMemory).sink(batch -> {
      List<SinkResult> res = new ArrayList<>();
      for (SourceRecord<OdooChange> e : batch) {
        Map<String, Object> v = e.payload().values();
        String line = String.format("POST portal/orders %s %s total %.2f", v.get("name"), vendorName(v),
            ((Number) v.get("amount_total")).doubleValue());
        portal.add(line);
        out.info("%s", line);
        res.add(SinkResult.applied("portal:" + v.get("name")));
      }
      return res;
    }).build());
    engine.register(Flow.builder("po-capture", inMemory).source(poChanges).sink(new ChangeEventSink(poChanges.snapshots(),
        List.of(EventRule.enters("purchase.order", "state", "purchase", EventCatalog.PURCHASE_ORDER_APPROVED)),
        ev -> engine.accept("portal", ev))).build());

    out.step("Submittal decisions from document control");
    RunReport decisions = engine.run("submittal-decisions");
    out.step("Drawing revisions from document control");
    RunReport drawings = engine.run("drawing-revisions");
    out.step("Approved purchase orders pushed from Odoo to the procurement portal");
    engine.run("po-capture");
    engine.drain("portal");

    out.step("Where things stand in Odoo");
    long released = 0;
    for (Map.Entry<String, Long> e : poBySubmittal.entrySet()) {
      Record po = odoo.model("purchase.order").read(e.getValue(), "name", "state", "notes").orElseThrow();
      String notes = po.getString("notes").orElse("");
      if (po.getString("state").orElse("").equals("purchase")) {
        released++;
      }
      out.info("%-13s %s %-9s gate %-17s %s", e.getKey(), po.getString("name").orElse("?"),
          po.getString("state").orElse("?"), gates.state(e.getKey()), notes.startsWith("[ON HOLD]") ? notes : "");
    }
    refusals.forEach(r -> out.info("refused: %s", r));
    notices.forEach(n -> out.info("notified %s", n));
    long deadLettered = store.deadLetters("submittal-decisions", 100).size();
    desk.openDeadLetters(100);
    desk.cases(CaseStatus.OPEN, 100).forEach(c -> out.info("case %d %s → %s, due %s: %s", c.id(), c.facts().kind(), c.owner(),
        c.dueAt(), c.facts().summary()));
    out.summary("Document control → procurement", decisions.applied() + drawings.applied() + portal.size(),
        decisions.skipped() + decisions.duplicates() + drawings.skipped(), deadLettered);
    after.accept(engine, gates);
    return released;
  }

  /** The canonical revision a document control revision supersedes. */
  static DocumentRevision superseded(DrawingRevision rev) {
    return ImmutableDocumentRevision.builder().addSourceRefs(SourceRef.of("doccontrol", rev.drawing() + "@" + rev.supersedes()))
        .documentNumber(rev.drawing()).title(rev.drawing()).kind(DocumentKind.DRAWING).revisionCode(rev.supersedes())
        .status(DocumentStatus.SUPERSEDED).projectRef(SourceRef.of("doccontrol", "project"))
        .supersededBy(SourceRef.of("doccontrol", rev.drawing() + "@" + rev.revision())).build();
  }

  static SourceRef vendorRef(Package p) {
    return SourceRef.of(ReferenceData.ERP, p.vendorRef());
  }

  /** The draft purchase order that waits for a package's submittal: one line, charged to the spec section. */
  static PurchaseOrder order(Package p) {
    return ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("doccontrol", p.submittal()))
        .number(PO_PREFIX + p.submittal()).vendorRef(vendorRef(p)).orderDate(TODAY).status(PurchaseOrderStatus.DRAFT)
        .currency(USD).addLines(ImmutablePurchaseOrderLine.builder().lineNumber(1).description(p.product())
            .productCode(p.productCode()).quantity(Quantity.of(p.qty(), p.unit()))
            .unitPrice(Money.of(new BigDecimal(p.price()), USD)).costCode(p.costCode())
            .addDrawingRefs(SourceRef.of("doccontrol", p.drawing())).build())
        .build();
  }

  private static String vendorName(Map<String, Object> v) {
    Object p = v.get("partner_id");
    return p instanceof List<?> l && l.size() == 2 ? String.valueOf(l.get(1)) : String.valueOf(p);
  }

  /** The records of a fixed list; {@code id} gives each one's {@code id@revision} (also its ordering key). */
  static <T> FixedSource<T> listSource(String system, List<T> items, Function<T, String> id, EventType type) {
    Instant now = Instant.now();
    return FixedSource.of(items.stream().map(item -> {
      String[] parts = id.apply(item).split("@");
      return new SourceRecord<>(new RecordKey(system, parts[0], parts.length > 1 ? parts[1] : ""), type, item, now, parts[0],
          Map.<String, String>of());
    }).toList());
  }

  /** Captured changes stay in this process in the example; a codec keeps them by reference. */
  static final class PassThroughCodec implements PayloadCodec<OdooChange> {
    private final Map<String, OdooChange> held = new ConcurrentHashMap<>();

    @Override
    public String encode(OdooChange c) {
      String k = c.model() + "," + c.id() + "," + c.writeDate();
      held.put(k, c);
      return k;
    }

    @Override
    public OdooChange decode(String text) {
      return held.get(text);
    }
  }
}
