package org.odoobuild.adapters.equipment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableAsset;
import org.odoobuild.model.equipment.ImmutableEquipmentUsage;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.workflow.equipment.EquipmentLedger;
import org.odoobuild.workflow.equipment.EquipmentPolicy;
import org.odoobuild.workflow.equipment.InMemoryMeterStore;

/** Equipment usage charged back to the job and serviced at intervals, on emulated Odoo 17 and 19. */
class EquipmentOnOdooTest {

  static EquipmentUsage usage(int i, String meter) {
    return ImmutableEquipmentUsage.builder().addSourceRefs(SourceRef.of("telematics", "EX-1@" + i))
        .assetRef(SourceRef.of("telematics", "EX-1")).usageDate(LocalDate.of(2026, 3, 1).plusDays(i))
        .hours(Quantity.of("8", "h")).meterReading(Quantity.of(new BigDecimal(meter), UnitOfMeasure.H))
        .projectRef(SourceRef.of("erp", "P-1")).costCode("01 54 00").build();
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void chargesEachUsageOnceAndRaisesServiceRequests(int version) {
    try (OdooEmulator server = OdooEmulator.builder().version(version).apiKey("eq-key").build().start();
        OdooClient odoo = OdooClient.builder().url(server.url().toString()).database(server.database()).login("admin").apiKey("eq-key").build()) {
      int plan = server.seed("account.analytic.plan", Map.of("name", "Cost Codes"));
      int account = server.seed("account.analytic.account", Map.of("name", "Construction Aids", "code", "01 54 00", "plan_id", plan));
      int job = server.seed("account.analytic.account", Map.of("name", "Riverside Medical", "code", "P-1", "plan_id", 1));
      server.registerExternalId(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, SourceRef.of("erp", "P-1")), "account.analytic.account", job);
      int category = server.seed("maintenance.equipment.category", Map.of("name", "Excavator"));
      int machine = server.seed("maintenance.equipment", Map.of("name", "Excavator 1", "category_id", category));
      server.registerExternalId(ExternalIds.of(Asset.TYPE, SourceRef.of("telematics", "EX-1")), "maintenance.equipment", machine);
      EquipmentLedger ledger = new EquipmentLedger(new EquipmentPolicy(Map.of("Excavator", Money.of("95.00", "USD")),
          Map.of("Excavator", new BigDecimal("250")), new BigDecimal("4")), new InMemoryMeterStore());
      ledger.register(ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", "EX-1")).assetTag("EX-1").name("Excavator 1")
          .category("Excavator").status(AssetStatus.ACTIVE).meterReading(Quantity.of("240", UnitOfMeasure.H)).build());
      OdooEquipmentUsage sink = OdooEquipmentUsage.of(odoo, ledger, MappingContext.live(odoo, new InMemoryReferences()));
      List<SourceRecord<EquipmentUsage>> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.add(SourceRecord.of(new RecordKey("telematics", "EX-1@" + i, "1"), EventCatalog.EQUIPMENT_USAGE_REPORTED,
            usage(i, String.valueOf(248 + 8 * i)), Instant.EPOCH));
      }
      List<SinkResult> first = sink.apply(batch);
      first.forEach(r -> assertEquals(SinkResult.Outcome.APPLIED, r.outcome(), r.detail()));
      int loads = server.callCount("account.analytic.line", "load");
      assertEquals(1, loads, "one load for the batch's charges");
      sink.apply(batch); // a re-run charges nothing twice
      assertEquals(2, server.callCount("account.analytic.line", "load"));

      List<Map<String, Object>> lines = server.records("account.analytic.line");
      assertEquals(3, lines.size(), "one line per usage: " + lines);
      for (Map<String, Object> l : lines) {
        assertEquals(-760.0, ((Number) l.get("amount")).doubleValue(), 0.001);
        assertEquals(account, id(l.get("x_plan" + plan + "_id")), "the cost code in its plan's column");
        assertEquals(job, id(l.get("account_id")), "the job's project account");
      }
      List<Map<String, Object>> requests = server.records("maintenance.request");
      assertEquals(1, requests.size(), "250 h crossed once: " + requests);
      assertEquals(machine, id(requests.get(0).get("equipment_id")));
      assertEquals("preventive", requests.get(0).get("maintenance_type"));
    }
  }

  static int id(Object m2o) {
    return m2o instanceof List<?> l && !l.isEmpty() ? ((Number) l.get(0)).intValue() : m2o instanceof Number n ? n.intValue() : -1;
  }
}
