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
import org.odoobuild.adapters.equipment.OdooEquipmentUsage;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.sink.EntitySink;
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
import org.odoobuild.examples.support.CanonicalCodec;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.FixedSource;
import org.odoobuild.examples.support.Governance;
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
import org.odoobuild.workflow.equipment.EquipmentLedger;
import org.odoobuild.workflow.equipment.EquipmentPolicy;
import org.odoobuild.workflow.equipment.JdbcMeterStore;

/**
 * Equipment / telematics → ERP. The fleet goes to Odoo as canonical {@link Asset}s
 * ({@code maintenance.equipment}); a week of telematics usage reports (engine hours, meter, fuel,
 * downtime) goes through {@link OdooEquipmentUsage}: the {@link EquipmentLedger} charges each
 * report's hours at its machine class's rate back to the job's cost code
 * ({@code account.analytic.line} whose external id is the report's, so a crash or a re-run never
 * charges twice) and raises {@code maintenance.request}s when a service interval is crossed (one
 * per machine and interval) or a machine reports long downtime. Meter readings are kept in the
 * sync store's database, one per report. Reports for unknown machines or with meters that go
 * backwards are dead-lettered.
 * Run: {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.odoobuild.examples.equipment.TelematicsToErp}.
 */
public final class TelematicsToErp {
  /** The flows: fleet first, then usage. */
  public static final List<String> FLOWS = List.of("fleet", "equipment-usage");

  /** One machine in the fleet. */
  record Machine(String tag, String name, String category, String serial, double meter, LocalDate inService) {}

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
        OdooConnection conn = OdooConnection.open(out); SyncStore raw = SyncStores.embedded(work.resolve("sync"));
        SyncStore store = Governance.protect(raw, Governance.keys())) { // encrypted at rest, audit sealed
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
        new BigDecimal("4")), JdbcMeterStore.in(store));

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
    List<SourceRecord<EquipmentUsage>> usages = new ArrayList<>();
    reports.forEach(r -> usages.add(new SourceRecord<>(new RecordKey("telematics", r.path("asset").asText() + "@"
        + r.path("date").asText(), r.path("meter").asText()), EventCatalog.EQUIPMENT_USAGE_REPORTED, usage(r), Instant.now(),
        r.path("asset").asText(), Map.of())));
    engine.register(Flow.builder("equipment-usage", CanonicalCodec.of(EquipmentUsage.class)) // dead letters are replayed
        .source(FixedSource.of(usages))
        .validator(u -> tags.contains(u.assetRef().id()) ? List.of()
            : List.of("asset: " + u.assetRef().id() + " is not in the fleet"))
        .sink(OdooEquipmentUsage.of(odoo, ledger, ctx).withListener((u, o) -> {
          out.info("%s %s: %s h%s", u.assetRef().id(), u.usageDate(), u.hours().value().toPlainString(),
              o.charge().map(c -> " charged " + c + " to " + o.costCode().orElse("")).orElse(", no project: nothing charged"));
          o.maintenance().forEach(m -> out.info("  → maintenance request: %s", m.title()));
        })).build());

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
