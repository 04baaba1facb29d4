package org.odoobuild.examples.equipment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.OdooRefs;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableAsset;
import org.odoobuild.model.equipment.ImmutableEquipmentUsage;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.workflow.equipment.EquipmentLedger;
import org.odoobuild.workflow.equipment.EquipmentPolicy;
import org.odoobuild.workflow.equipment.UsageOutcome;

/**
 * Equipment / telematics → ERP. A week of telematics usage reports (engine hours, meter, fuel,
 * downtime) becomes internal equipment charges on the project's cost codes
 * ({@code account.analytic.line}) and maintenance requests when a service interval is crossed
 * or a machine reports long downtime. Reports for unknown machines or with meters that go
 * backwards are dead-lettered.
 * Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.odoobuild.examples.equipment.TelematicsToErp}.
 */
public final class TelematicsToErp {
  /** One machine in the fleet. */
  record Machine(String tag, String name, String category, String serial, double meter) {}

  static final List<Machine> FLEET = List.of(
      new Machine("EX-320-01", "CAT 320 excavator", "Excavator", "CAT0320XJ1234", 1236.0),
      new Machine("CR-90T-02", "Grove 90 t mobile crane", "Crane", "GRV90T5521", 4990.0),
      new Machine("SK-262-03", "Bobcat S650 skid steer", "Skid steer", "BOB650A7731", 482.5));

  private TelematicsToErp() {}

  /** Runs with the bundled week of reports. */
  public static void main(String[] args) throws Exception {
    run(new Console(System.out), TelematicsToErp.class.getResourceAsStream("/telematics-week-47.json"));
  }

  /** Runs; returns the number of maintenance requests created. */
  public static int run(Console out, InputStream reportsJson) throws Exception {
    JsonNode reports = new ObjectMapper().readTree(Objects.requireNonNull(reportsJson, "no telematics reports"));
    Path work = Files.createTempDirectory("telematics-example");
    try (OdooConnection conn = OdooConnection.open(out); SyncStore store = SyncStores.embedded(work.resolve("sync"))) {
      OdooClient odoo = conn.client();
      EquipmentLedger ledger = new EquipmentLedger(new EquipmentPolicy(
          Map.of("Excavator", Money.of("95.00", "USD"), "Crane", Money.of("310.00", "USD"), "Skid steer", Money.of("55.00", "USD")),
          Map.of("Excavator", new BigDecimal("250"), "Crane", new BigDecimal("500"), "Skid steer", new BigDecimal("250")),
          new BigDecimal("4")));

      out.step("Fleet in Odoo (maintenance.equipment) and project cost codes (analytic accounts)");
      Map<String, Long> equipmentByTag = new LinkedHashMap<>();
      for (Machine m : FLEET) {
        long category = OdooRefs.ensure(odoo, "maintenance.equipment.category", "name", m.category(), Map.of("name", m.category()));
        long id = OdooRefs.ensure(odoo, "maintenance.equipment", "serial_no", m.serial(),
            Map.of("name", m.tag() + " " + m.name(), "serial_no", m.serial(), "category_id", category));
        equipmentByTag.put(m.tag(), id);
        ledger.register(ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", m.tag())).assetTag(m.tag())
            .name(m.name()).category(m.category()).status(AssetStatus.ACTIVE).meterReading(Quantity.of(
                BigDecimal.valueOf(m.meter()), org.odoobuild.model.common.UnitOfMeasure.H)).build());
        out.info("%-10s %-26s maintenance.equipment %d, meter %.1f h", m.tag(), m.name(), id, m.meter());
      }
      long plan = OdooRefs.ensure(odoo, "account.analytic.plan", "name", "Projects", Map.of("name", "Projects"));
      Map<String, Long> accountByCode = new LinkedHashMap<>();
      for (String code : List.of("31 23 16", "01 54 00")) {
        accountByCode.put(code, OdooRefs.ensure(odoo, "account.analytic.account", "code", code,
            Map.of("name", "P-1042 " + code, "code", code, "plan_id", plan)));
      }

      SyncEngine engine = SyncEngine.builder().store(store).workerId("telematics-example").build();
      List<String> maintenanceCreated = new ArrayList<>();
      final BigDecimal[] charged = {BigDecimal.ZERO};
      engine.register(Flow.builder("equipment-usage", EquipmentUsage.class).batchSize(50)
          .source((cursor, max) -> {
            int from = cursor.map(Integer::parseInt).orElse(0);
            int to = Math.min(reports.size(), from + max);
            List<SourceRecord<EquipmentUsage>> recs = new ArrayList<>();
            for (int i = from; i < to; i++) {
              JsonNode r = reports.get(i);
              recs.add(new SourceRecord<>(new RecordKey("telematics", r.path("asset").asText() + "@" + r.path("date").asText(),
                  r.path("meter").asText()), EventCatalog.EQUIPMENT_USAGE_REPORTED, usage(r), Instant.now(),
                  r.path("asset").asText(), Map.of()));
            }
            return new SourceBatch<>(recs, Integer.toString(to), to < reports.size());
          })
          .validator(u -> equipmentByTag.containsKey(u.assetRef().id()) ? List.of()
              : List.of("asset: " + u.assetRef().id() + " is not in the fleet"))
          .sink(batch -> {
            List<SinkResult> res = new ArrayList<>();
            for (SourceRecord<EquipmentUsage> r : batch) {
              EquipmentUsage u = r.payload();
              UsageOutcome o;
              try {
                o = ledger.apply(u);
              } catch (IllegalArgumentException e) {
                res.add(SinkResult.failed(e.getMessage()));
                continue;
              }
              if (o.charge().isPresent() && o.costCode().isPresent()) {
                odoo.model("account.analytic.line").create(Map.of("name", u.assetRef().id() + " " + u.hours().value()
                    .toPlainString() + " h on " + u.usageDate(), "date", u.usageDate(), "amount",
                    o.charge().get().amount().negate(), "unit_amount", u.hours().value(), "account_id",
                    accountByCode.get(o.costCode().get()), "ref", r.key().idempotencyKey()));
                charged[0] = charged[0].add(o.charge().get().amount());
                out.info("%s %s: %s h charged %s to %s", u.assetRef().id(), u.usageDate(), u.hours().value().toPlainString(),
                    o.charge().get(), o.costCode().get());
              } else {
                out.info("%s %s: %s h, no project: nothing charged", u.assetRef().id(), u.usageDate(),
                    u.hours().value().toPlainString());
              }
              for (MaintenanceEvent m : o.maintenance()) {
                long req = odoo.model("maintenance.request").create(Map.of("name", m.title(), "equipment_id",
                    equipmentByTag.get(u.assetRef().id()), "maintenance_type", m.type().name().equals("CORRECTIVE")
                        ? "corrective" : "preventive", "request_date", u.usageDate()));
                maintenanceCreated.add(m.title());
                out.info("  → maintenance.request %d: %s", req, m.title());
              }
              res.add(SinkResult.applied("meter " + o.meterAfter().toPlainString()));
            }
            return res;
          }).build());

      out.step("A week of telematics reports");
      RunReport r = engine.run("equipment-usage");
      out.step("Dead letters (fix at the source, then replay)");
      for (DeadLetter d : store.deadLetters("equipment-usage", 20)) {
        out.info("%s: %s", d.idempotencyKey(), d.errorMessage());
      }
      out.info("total charged to cost codes: USD %,.2f; maintenance requests: %d", charged[0], maintenanceCreated.size());
      out.summary("Telematics → ERP", r.applied(), r.skipped() + r.duplicates(), r.deadLettered());
      return maintenanceCreated.size();
    }
  }

  static EquipmentUsage usage(JsonNode r) {
    ImmutableEquipmentUsage.Builder b = ImmutableEquipmentUsage.builder()
        .addSourceRefs(SourceRef.of("telematics", r.path("asset").asText() + "@" + r.path("date").asText()))
        .assetRef(SourceRef.of("telematics", r.path("asset").asText())).usageDate(LocalDate.parse(r.path("date").asText()))
        .hours(Quantity.of(r.path("hours").asText(), "h")).meterReading(Quantity.of(r.path("meter").asText(), "h"))
        .fuel(Quantity.of(r.path("fuel_gal").asText(), "gal"));
    if (r.path("downtime_h").asDouble() > 0) {
      b.downtime(Quantity.of(r.path("downtime_h").asText(), "h"));
    }
    if (!r.path("project").asText().isEmpty()) {
      b.projectRef(SourceRef.of("erp", r.path("project").asText())).costCode(r.path("cost_code").asText());
    }
    return b.build();
  }
}
