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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.odoobuild.client.Command;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.adapters.sink.OdooUpsertSink;
import org.odoobuild.adapters.sink.UpsertRow;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.OdooRefs;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.UnitOfMeasure;

/**
 * Estimating → ERP. An awarded estimate, exported as CSV in the usual estimating layout
 * (estimate, project, cost code, item, quantity, unit, unit cost, vendor), becomes an Odoo
 * project with its analytic account, one analytic account per cost code, a budget per cost code
 * and one draft purchase order (requisition) per vendor whose lines are charged to their cost
 * codes. Lines with unknown units or negative quantities are dead-lettered, never sent.
 * Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.odoobuild.examples.estimating.EstimateToErp}.
 */
public final class EstimateToErp {
  /** One estimate line. */
  public record Line(int row, String estimate, String project, String costCode, String costCodeTitle, String item,
      String description, BigDecimal qty, String unit, BigDecimal unitCost, String vendor) {

    BigDecimal total() {
      return qty.multiply(unitCost);
    }
  }

  /** One cost code to create as an analytic account. */
  public record CostCodeRow(String estimate, String code, String title) {}

  private EstimateToErp() {}

  /** Runs with the bundled estimate, or a CSV file given as first argument. */
  public static void main(String[] args) throws Exception {
    run(new Console(System.out), args.length > 0 ? Files.newInputStream(Path.of(args[0]))
        : EstimateToErp.class.getResourceAsStream("/estimate-riverside-medical.csv"));
  }

  /** Runs; returns the number of purchase order lines created. */
  public static int run(Console out, InputStream csv) throws Exception {
    Path work = Files.createTempDirectory("estimate-example");
    List<Line> lines = parse(Objects.requireNonNull(csv, "no estimate CSV"));
    try (OdooConnection conn = OdooConnection.open(out); SyncStore store = SyncStores.embedded(work.resolve("sync"))) {
      OdooClient odoo = conn.client();
      String estimate = lines.get(0).estimate();
      String projectName = lines.get(0).project();
      out.step("Awarded estimate " + estimate + " for " + projectName + ": " + lines.size() + " lines");

      out.step("Project and its analytic account");
      long plan = OdooRefs.ensure(odoo, "account.analytic.plan", "name", "Projects", Map.of("name", "Projects"));
      long projectAccount = OdooRefs.ensure(odoo, "account.analytic.account", "code", estimate,
          Map.of("name", projectName, "code", estimate, "plan_id", plan));
      String accountField = odoo.model("project.project").firstField("account_id", "analytic_account_id")
          .orElseThrow(() -> new IllegalStateException("project.project has no analytic account field"));
      long project = OdooRefs.ensure(odoo, "project.project", "name", projectName,
          Map.of("name", projectName, accountField, projectAccount));
      out.info("project.project %d linked through %s (discovered with fields_get) to account %d", project, accountField,
          projectAccount);

      out.step("Cost codes as analytic accounts (upsert by external id: re-running changes nothing)");
      Map<String, String> titles = new TreeMap<>();
      lines.forEach(l -> titles.putIfAbsent(l.costCode(), l.costCodeTitle()));
      SyncEngine engine = SyncEngine.builder().store(store).workerId("estimate-example").build();
      engine.register(Flow.builder("cost-codes", CostCodeRow.class).batchSize(100)
          .source((cursor, max) -> {
            if (cursor.isPresent()) {
              return new SourceBatch<>(List.of(), cursor.get(), false);
            }
            List<SourceRecord<CostCodeRow>> recs = new ArrayList<>();
            titles.forEach((code, title) -> recs.add(SourceRecord.of(new RecordKey("estimating", estimate + "/" + code, "1"),
                EventCatalog.ESTIMATE_AWARDED, new CostCodeRow(estimate, code, title), Instant.now())));
            return new SourceBatch<>(recs, "all", false);
          })
          .sink(OdooUpsertSink.of(odoo, "account.analytic.account", c -> new UpsertRow(externalId(c.estimate(), c.code()),
              Map.of("name", c.code() + " " + c.title(), "code", c.code(), "plan_id/.id", plan)))).build());
      RunReport codes = engine.run("cost-codes");
      out.info("%s", codes.summary());
      for (DeadLetter d : store.deadLetters("cost-codes", 20)) {
        out.info("dead-lettered %s: %s", d.idempotencyKey(), d.errorMessage());
      }
      Map<String, Long> accountByCode = new LinkedHashMap<>();
      for (String code : titles.keySet()) {
        odoo.model("account.analytic.account").search(Query.where(Domain.where("code", "=", code)).limit(1))
            .forEach(id -> accountByCode.put(code, id));
        out.info("%s %-28s → account.analytic.account %s", code, titles.get(code), accountByCode.get(code));
      }

      out.step("Budget by cost code (valid lines only)");
      List<Line> valid = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      for (Line l : lines) {
        List<String> problems = problems(l);
        if (problems.isEmpty()) {
          valid.add(l);
        } else {
          refused.add("row " + l.row() + " " + l.item() + ": " + String.join("; ", problems));
          store.deadLetter(org.odoobuild.connectors.store.OutboxEntry.of("estimate-lines", estimate + "/row-" + l.row(),
              l.toString()), "validation: " + String.join("; ", problems));
        }
      }
      Map<String, BigDecimal> budget = new TreeMap<>();
      valid.forEach(l -> budget.merge(l.costCode(), l.total(), BigDecimal::add));
      budget.forEach((code, amount) -> out.info("%s %-28s %,14.2f", code, titles.get(code), amount));
      out.info("%-37s %,14.2f", "total", budget.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
      refused.forEach(r -> out.info("dead-lettered %s", r));

      out.step("Requisitions: one draft purchase order per vendor, lines charged to their cost codes");
      Map<String, List<Line>> byVendor = new TreeMap<>();
      valid.forEach(l -> byVendor.computeIfAbsent(l.vendor(), v -> new ArrayList<>()).add(l));
      int created = 0;
      int done = 0;
      for (Map.Entry<String, List<Line>> e : byVendor.entrySet()) {
        String origin = estimate + " / " + e.getKey();
        long vendor = OdooRefs.vendor(odoo, "EST-" + e.getKey().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "")
            .substring(0, Math.min(10, e.getKey().replaceAll("[^A-Za-z0-9]", "").length())), e.getKey());
        if (!odoo.model("purchase.order").search(Query.where(Domain.where("origin", "=", origin)).limit(1)).isEmpty()) {
          out.info("%s already requisitioned", origin);
          continue;
        }
        List<Command> orderLines = new ArrayList<>();
        for (Line l : e.getValue()) {
          long product = OdooRefs.product(odoo, l.item(), l.description(), l.unitCost().doubleValue());
          orderLines.add(Command.create(Map.of("product_id", product, "name", l.description() + " (" + l.unit() + ")",
              "product_qty", l.qty().doubleValue(), "price_unit", l.unitCost().doubleValue(),
              "analytic_distribution", Map.of(Long.toString(accountByCode.get(l.costCode())), 100))));
        }
        long po = odoo.model("purchase.order").create(Map.of("partner_id", vendor, "origin", origin, "order_line", orderLines));
        created += orderLines.size();
        out.info("purchase.order %d for %s: %d lines", po, e.getKey(), orderLines.size());
        out.progress("vendors", ++done, byVendor.size(), 2);
      }
      out.summary("Estimating → ERP", codes.applied() + created + 1, codes.duplicates(), refused.size());
      return created;
    }
  }

  static String externalId(String estimate, String code) {
    return "construction_sdk.costcode_" + (estimate + "_" + code).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
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
