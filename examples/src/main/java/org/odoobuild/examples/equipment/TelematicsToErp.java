package org.odoobuild.examples.equipment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.adapters.sink.RowSink;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.CanonicalCodec;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.FixedSource;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.ReferenceData;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableAsset;
import org.odoobuild.model.equipment.ImmutableEquipmentUsage;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.workflow.equipment.EquipmentLedger;
import org.odoobuild.workflow.equipment.EquipmentPolicy;
import org.odoobuild.workflow.equipment.UsageOutcome;

/**
 * Equipment / telematics → ERP. The fleet goes to Odoo as canonical {@link Asset}s
 * ({@code maintenance.equipment}); a week of telematics usage reports (engine hours, meter, fuel,
 * downtime) runs through the {@link EquipmentLedger}, whose outcomes go to two more flows:
 * {@link MaintenanceEvent}s ({@code maintenance.request}) when a service interval is crossed or a
 * machine reports long downtime, and internal equipment charges on the project's cost codes
 * ({@code account.analytic.line}; equipment usage has no Odoo mapping yet, so these are
 * {@code load()} rows whose external id is the usage report's, and a re-run never charges
 * twice). Reports for unknown machines or with meters that go backwards are dead-lettered.
 * Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.odoobuild.examples.equipment.TelematicsToErp}.
 */
public final class TelematicsToErp {
  /** The flows: fleet first, then usage, whose outcomes fill the last two. */
  public static final List<String> FLOWS = List.of("fleet", "equipment-usage", "maintenance-requests", "equipment-charges");

  /** One machine in the fleet. */
  record Machine(String tag, String name, String category, String serial, double meter, LocalDate inService) {}

  /**
   * An internal charge of one usage report to a project cost code.
   *
   * @param externalId the usage report's external id: one charge per report, however often it is sent
   */
  public record Charge(String externalId, String usageKey, String asset, LocalDate date, BigDecimal hours, BigDecimal amount,
      String costCode) {}

  static final List<Machine> FLEET = List.of(
      new Machine("EX-320-01", "CAT 320 excavator", "Excavator", "CAT0320XJ1234", 1236.0, LocalDate.parse("2023-03-01")),
      new Machine("CR-90T-02", "Grove 90 t mobile crane", "Crane", "GRV90T5521", 4990.0, LocalDate.parse("2019-06-15")),
      new Machine("SK-262-03", "Bobcat S650 skid steer", "Skid steer", "BOB650A7731", 482.5, LocalDate.parse("2025-04-10")));

  private TelematicsToErp() {}

  /** Runs with the bundled week of reports. */
  public static void main(String[] args) throws Exception {
    Console out = new Console(System.out);
    Path work = Files.createTempDirectory("telematics-example");
    try (InputStream reports = TelematicsToErp.class.getResourceAsStream("/telematics-week-47.json");
        OdooConnection conn = OdooConnection.open(out); SyncStore store = SyncStores.embedded(work.resolve("sync"))) {
      run(out, conn.client(), store, reports);
    }
  }

  /** Runs; returns the report of each flow, in {@link #FLOWS} order. */
  public static Map<String, RunReport> run(Console out, OdooClient odoo, SyncStore store, InputStream reportsJson)
      throws IOException {
    JsonNode reports = new ObjectMapper().readTree(Objects.requireNonNull(reportsJson, "no telematics reports"));
    EquipmentLedger ledger = new EquipmentLedger(new EquipmentPolicy(
        Map.of("Excavator", Money.of("95.00", "USD"), "Crane", Money.of("310.00", "USD"), "Skid steer", Money.of("55.00", "USD")),
        Map.of("Excavator", new BigDecimal("250"), "Crane", new BigDecimal("500"), "Skid steer", new BigDecimal("250")),
        new BigDecimal("4")));

    out.step("Demo setup: equipment categories and the project's cost codes");
    ReferenceData ref = ReferenceData.in(odoo);
    FLEET.stream().map(Machine::category).distinct().forEach(ref::equipmentCategory);
    ref.costCode("31 23 16", "Excavation");
    ref.costCode("01 54 00", "Construction Aids");

    List<Asset> fleet = new ArrayList<>();
    for (Machine m : FLEET) {
      Asset a = ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", m.tag())).assetTag(m.tag()).name(m.name())
          .serialNumber(m.serial()).category(m.category()).status(AssetStatus.ACTIVE).acquisitionDate(m.inService())
          .meterReading(Quantity.of(BigDecimal.valueOf(m.meter()), UnitOfMeasure.H)).build();
      ledger.register(a);
      fleet.add(a);
    }
    Set<String> tags = fleet.stream().map(Asset::assetTag).collect(Collectors.toSet());

    MappingContext ctx = MappingContext.live(odoo, new InMemoryReferences());
    SyncEngine engine = SyncEngine.builder().store(store).workerId("telematics-example")
        .resilience(OdooFailures.resilience().build()).build();
    engine.register(Flow.builder("fleet", Asset.class).source(FixedSource.of(fleet.stream().map(a -> SourceRecord.of(
        new RecordKey("telematics", a.assetTag(), ""), EventCatalog.MASTER_DATA_CHANGED, a, Instant.now())).toList()))
        .sink(EntitySink.of(odoo, Asset.class)).build());
    engine.register(Flow.builder("maintenance-requests", CanonicalCodec.of(MaintenanceEvent.class))
        .sink(EntitySink.of(odoo, MaintenanceEvent.class)).build());
    engine.register(Flow.builder("equipment-charges", Charge.class).sink(RowSink.of(odoo, c -> LoadRecord.of(
        "account.analytic.line", c.externalId(), Map.of("name", c.asset() + " " + c.hours().toPlainString() + " h on " + c.date(),
            "date", c.date(), "amount", c.amount().negate(), "unit_amount", c.hours(), "ref", c.usageKey(),
            "account_id/.id", ctx.refs().costCodeAccount(c.costCode()).orElseThrow(
                () -> new IllegalArgumentException("no analytic account for cost code " + c.costCode()))))))
        .build());
    List<SourceRecord<EquipmentUsage>> usages = new ArrayList<>();
    reports.forEach(r -> usages.add(new SourceRecord<>(new RecordKey("telematics", r.path("asset").asText() + "@"
        + r.path("date").asText(), r.path("meter").asText()), EventCatalog.EQUIPMENT_USAGE_REPORTED, usage(r), Instant.now(),
        r.path("asset").asText(), Map.of())));
    engine.register(Flow.builder("equipment-usage", CanonicalCodec.of(EquipmentUsage.class)) // dead letters are replayed
        .source(FixedSource.of(usages))
        .validator(u -> tags.contains(u.assetRef().id()) ? List.of()
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
              engine.accept("equipment-charges", SourceRecord.of(r.key(), EventCatalog.COST_POSTED, new Charge(u.externalId(),
                  r.key().id(), u.assetRef().id(), u.usageDate(), u.hours().value(), o.charge().get().amount(),
                  o.costCode().get()), r.occurredAt()));
              out.info("%s %s: %s h charged %s to %s", u.assetRef().id(), u.usageDate(), u.hours().value().toPlainString(),
                  o.charge().get(), o.costCode().get());
            } else {
              out.info("%s %s: %s h, no project: nothing charged", u.assetRef().id(), u.usageDate(),
                  u.hours().value().toPlainString());
            }
            for (MaintenanceEvent m : o.maintenance()) {
              engine.accept("maintenance-requests", SourceRecord.of(new RecordKey("sdk-equipment", m.primaryRef().id(), ""),
                  EventCatalog.MAINTENANCE_DUE, m, r.occurredAt()));
              out.info("  → maintenance request: %s", m.title());
            }
            res.add(SinkResult.applied("meter " + o.meterAfter().toPlainString()));
          }
          return res;
        }).build());

    out.step("The fleet, a week of telematics reports, and what they lead to");
    Map<String, RunReport> runs = new LinkedHashMap<>();
    for (String flow : FLOWS) {
      runs.put(flow, engine.run(flow));
      out.info("%s", runs.get(flow).summary());
    }
    out.step("Dead letters (fix at the source, then replay)");
    for (DeadLetter d : FLOWS.stream().flatMap(f -> store.deadLetters(f, 20).stream()).toList()) {
      out.info("%s: %s", d.idempotencyKey(), d.errorMessage());
    }
    RunReport usage = runs.get("equipment-usage");
    out.summary("Telematics → ERP", usage.applied(), usage.skipped() + usage.duplicates(), usage.deadLettered());
    return runs;
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
