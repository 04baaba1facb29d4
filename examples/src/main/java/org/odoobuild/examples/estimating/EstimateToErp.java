package org.odoobuild.examples.estimating;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.FixedSource;
import org.odoobuild.examples.support.Governance;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.ReferenceData;
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
import org.odoobuild.model.project.ImmutableProject;
import org.odoobuild.model.project.Project;
import org.odoobuild.model.project.ProjectStatus;

/**
 * Estimating → ERP. An awarded estimate, exported as CSV in the usual estimating layout
 * (estimate, project, cost code, item, quantity, unit, unit cost, vendor), becomes canonical
 * records that the sync engine takes to Odoo through their mappings: the {@link Project} with
 * its analytic account, one {@link CostCode} (analytic account of the cost-code plan) per code,
 * the {@link Vendor}s, and one draft {@link PurchaseOrder} (requisition) per vendor whose lines
 * are charged to the project and their cost codes. Products have no canonical entity and go as
 * {@code load()} rows; the budget per cost code is computed here (Budget has no Odoo mapping
 * yet). Lines with unknown units or negative quantities are dead-lettered, never sent. Every
 * write is an upsert by external id: running it again changes nothing.
 * Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.odoobuild.examples.estimating.EstimateToErp}.
 */
public final class EstimateToErp {
  /** Source system name of the estimating tool. */
  static final String SYSTEM = "estimating";
  static final Currency USD = Currency.getInstance("USD");
  /** The flows, in the order they run (later ones refer to what earlier ones wrote). */
  public static final List<String> FLOWS = List.of("projects", "cost-codes", "vendors", "estimate-lines",
      "requisitions");

  /** One estimate line. */
  public record Line(int row, String estimate, String project, String costCode, String costCodeTitle, String item,
      String description, BigDecimal qty, String unit, BigDecimal unitCost, String vendor) {

    BigDecimal total() {
      return qty.multiply(unitCost);
    }
  }

  private EstimateToErp() {}

  /** Runs with the bundled estimate, or a CSV file given as first argument. */
  public static void main(String[] args) throws Exception {
    Console out = new Console(System.out);
    Path work = Files.createTempDirectory("estimate-example");
    try (InputStream csv = args.length > 0 ? Files.newInputStream(Path.of(args[0]))
        : EstimateToErp.class.getResourceAsStream("/estimate-riverside-medical.csv");
        OdooConnection conn = OdooConnection.open(out); SyncStore raw = SyncStores.embedded(work.resolve("sync"));
        SyncStore store = Governance.protect(raw, Governance.keys())) { // encrypted at rest, audit sealed
      run(out, conn.client(), store, csv);
    }
  }

  /** Runs; returns the report of each flow, in {@link #FLOWS} order. */
  public static Map<String, RunReport> run(Console out, OdooClient odoo, SyncStore store, InputStream csv) throws IOException {
    List<Line> lines = parse(Objects.requireNonNull(csv, "no estimate CSV"));
    String estimate = lines.get(0).estimate();
    Project project = ImmutableProject.builder().addSourceRefs(SourceRef.of(SYSTEM, estimate)).code(estimate)
        .name(lines.get(0).project()).status(ProjectStatus.ACTIVE).currency(USD).build();
    List<Line> valid = lines.stream().filter(l -> problems(l).isEmpty()).toList();
    out.step("Awarded estimate " + estimate + " for " + project.name() + ": " + lines.size() + " lines, " + valid.size()
        + " valid");

    out.step("Demo setup: the cost-code analytic plan, and the units Odoo does not ship (CY, LF…)");
    ReferenceData ref = ReferenceData.in(odoo);
    ref.costCodePlan();
    valid.stream().map(l -> UnitOfMeasure.of(l.unit())).distinct().forEach(ref::unit);

    Map<String, String> titles = new TreeMap<>();
    lines.forEach(l -> titles.putIfAbsent(l.costCode(), l.costCodeTitle()));
    List<CostCode> costCodes = new ArrayList<>();
    titles.forEach((code, title) -> costCodes.add(ImmutableCostCode.builder()
        .addSourceRefs(SourceRef.of(SYSTEM, code)).code(code).name(title).build()));
    Map<String, List<Line>> byVendor = new TreeMap<>();
    valid.forEach(l -> byVendor.computeIfAbsent(l.vendor(), v -> new ArrayList<>()).add(l));
    List<Vendor> vendors = lines.stream().map(Line::vendor).distinct().sorted()
        .map(v -> (Vendor) ImmutableVendor.builder().addSourceRefs(vendorRef(v)).name(v).build()).toList();
    List<PurchaseOrder> requisitions = new ArrayList<>();
    byVendor.forEach((vendor, vl) -> requisitions.add(requisition(project, vendor, vl)));

    SyncEngine engine = SyncEngine.builder().store(store).workerId("estimate-example")
        .resilience(OdooFailures.resilience().build()).build();
    engine.register(Flow.builder("projects", Project.class).source(snapshot(List.of(project), Project::code))
        .sink(EntitySink.of(odoo, Project.class)).build());
    engine.register(Flow.builder("cost-codes", CostCode.class).source(snapshot(costCodes, CostCode::code))
        .sink(EntitySink.of(odoo, CostCode.class)).build());
    engine.register(Flow.builder("vendors", Vendor.class).source(snapshot(vendors, Vendor::name))
        .sink(EntitySink.of(odoo, Vendor.class)).build());
    engine.register(Flow.builder("estimate-lines", Line.class).source(snapshot(lines, l -> "row-" + l.row()))
        .validator(EstimateToErp::problems)
        .sink(RowSink.of(odoo, l -> ref.productRow(l.item(), l.description(), l.unitCost(), UnitOfMeasure.of(l.unit()))))
        .build());
    engine.register(Flow.builder("requisitions", PurchaseOrder.class).source(snapshot(requisitions, PurchaseOrder::number))
        .sink(EntitySink.of(odoo, PurchaseOrder.class)).build());

    out.step("Project, cost codes, vendors, products (from the estimate lines) and requisitions, in that order");
    Map<String, RunReport> reports = new LinkedHashMap<>();
    for (String flow : FLOWS) {
      RunReport r = engine.run(flow);
      reports.put(flow, r);
      out.info("%s", r.summary());
    }
    for (DeadLetter d : store.deadLetters("estimate-lines", 20)) {
      out.info("dead-lettered %s: %s", d.idempotencyKey(), d.errorMessage());
    }

    out.step("Budget by cost code (valid lines only; computed here, Budget has no Odoo mapping yet)");
    Map<String, BigDecimal> budget = new TreeMap<>();
    valid.forEach(l -> budget.merge(l.costCode(), l.total(), BigDecimal::add));
    budget.forEach((code, amount) -> out.info("%s %-28s %,14.2f", code, titles.get(code), amount));
    out.info("%-37s %,14.2f", "total", budget.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));

    out.step("Requisitions: one draft purchase order per vendor");
    requisitions.forEach(po -> out.info("%-44s %d lines, %s", po.number(), po.lines().size(), po.total()));
    long applied = reports.values().stream().mapToLong(RunReport::applied).sum();
    long skipped = reports.values().stream().mapToLong(r -> r.skipped() + r.duplicates()).sum();
    long dead = reports.values().stream().mapToLong(RunReport::deadLettered).sum();
    out.summary("Estimating → ERP", applied, skipped, dead);
    return reports;
  }

  /** The vendor's canonical reference: the estimating tool knows vendors by name. */
  static SourceRef vendorRef(String vendor) {
    return SourceRef.of(SYSTEM, vendor);
  }

  /** The draft purchase order of one vendor's lines, charged to the project and each line's cost code. */
  static PurchaseOrder requisition(Project project, String vendor, List<Line> lines) {
    ImmutablePurchaseOrder.Builder po = ImmutablePurchaseOrder.builder()
        .addSourceRefs(SourceRef.of(SYSTEM, project.code() + "/" + vendor)).number(project.code() + " / " + vendor)
        .vendorRef(vendorRef(vendor)).projectRef(project.primaryRef()).orderDate(LocalDate.now())
        .status(PurchaseOrderStatus.DRAFT).currency(USD);
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      po.addLines(ImmutablePurchaseOrderLine.builder().lineNumber(i + 1).description(l.description() + " (" + l.unit() + ")")
          .productCode(l.item()).quantity(Quantity.of(l.qty(), UnitOfMeasure.of(l.unit())))
          .unitPrice(Money.of(l.unitCost(), USD)).costCode(l.costCode()).build());
    }
    return po.build();
  }

  /** The estimate's records of one kind, delivered once (the cursor remembers how far). */
  static <T> FixedSource<T> snapshot(List<T> items, Function<T, String> id) {
    Instant now = Instant.now();
    return FixedSource.of(items.stream().map(i -> SourceRecord.of(new RecordKey(SYSTEM, id.apply(i), ""),
        EventCatalog.ESTIMATE_AWARDED, i, now)).toList());
  }

  static List<String> problems(Line l) {
    List<String> p = new ArrayList<>();
    try {
      Quantity.of(l.qty(), UnitOfMeasure.of(l.unit()));
    } catch (IllegalArgumentException e) {
      p.add("unit: " + e.getMessage());
    }
    if (l.qty().signum() <= 0) {
      p.add("quantity: must be positive, got " + l.qty().toPlainString());
    }
    if (l.unitCost().signum() < 0) {
      p.add("unit cost: negative");
    }
    if (l.costCode().isBlank()) {
      p.add("cost code: missing");
    }
    return p;
  }

  /** Reads the CSV (header row, quoted fields allowed). */
  static List<Line> parse(InputStream in) throws IOException {
    List<Line> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = r.readLine();
      if (header == null) {
        throw new IOException("empty estimate");
      }
      String line;
      int row = 1;
      while ((line = r.readLine()) != null) {
        row++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = split(line);
        if (f.size() != 10) {
          throw new IOException("row " + row + ": expected 10 columns, got " + f.size());
        }
        out.add(new Line(row, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), new BigDecimal(f.get(6)),
            f.get(7), new BigDecimal(f.get(8)), f.get(9)));
      }
    }
    return out;
  }

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }
}
