package org.odoobuild.workflow.equipment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableAsset;
import org.odoobuild.model.equipment.ImmutableEquipmentUsage;
import org.odoobuild.model.equipment.MaintenanceType;

class EquipmentLedgerTest {
  final EquipmentLedger ledger = new EquipmentLedger(new EquipmentPolicy(
      Map.of("Excavator", Money.of("95.00", "USD")), Map.of("Excavator", new BigDecimal("250")), new BigDecimal("4")));

  EquipmentLedgerTest() {
    ledger.register(ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", "EX-01")).assetTag("EX-01")
        .name("CAT 320 excavator").category("Excavator").status(AssetStatus.ACTIVE)
        .meterReading(Quantity.of("240", "h")).build());
  }

  static EquipmentUsage usage(String hours, String meter, String downtime, boolean onProject) {
    ImmutableEquipmentUsage.Builder b = ImmutableEquipmentUsage.builder()
        .addSourceRefs(SourceRef.of("telematics", "U-" + meter)).assetRef(SourceRef.of("telematics", "EX-01"))
        .usageDate(LocalDate.of(2026, 11, 20)).hours(Quantity.of(hours, "h"));
    if (meter != null) {
      b.meterReading(Quantity.of(meter, "h"));
    }
    if (downtime != null) {
      b.downtime(Quantity.of(downtime, "h"));
    }
    if (onProject) {
      b.projectRef(SourceRef.of("erp", "P-100")).costCode("01 54 00");
    }
    return b.build();
  }

  @Test
  void chargesHoursAtTheCategoryRateToTheCostCode() {
    UsageOutcome o = ledger.apply(usage("6", "246", null, true));
    assertEquals(0, new BigDecimal("570.00").compareTo(o.charge().orElseThrow().amount()));
    assertEquals("01 54 00", o.costCode().orElseThrow());
    assertTrue(o.maintenance().isEmpty());
  }

  @Test
  void crossingAServiceIntervalRaisesOnePreventiveRequest() {
    UsageOutcome o = ledger.apply(usage("12", "252", null, false));
    assertEquals(1, o.maintenance().size());
    assertEquals(MaintenanceType.PREVENTIVE, o.maintenance().get(0).type());
    assertTrue(o.maintenance().get(0).title().contains("250 h"));
    assertTrue(o.charge().isEmpty(), "no project: nothing to charge");
    assertTrue(ledger.apply(usage("8", "260", null, false)).maintenance().isEmpty(), "not again before 500 h");
  }

  @Test
  void longDowntimeRaisesACorrectiveRequestAndBackwardMetersAreRefused() {
    UsageOutcome o = ledger.apply(usage("2", "242", "5", true));
    assertEquals(MaintenanceType.CORRECTIVE, o.maintenance().get(0).type());
    assertThrows(IllegalArgumentException.class, () -> ledger.apply(usage("1", "100", null, true)));
  }

  @Test
  void aReportAssessedAgainAfterLaterOnesReachesTheSameOutcome() {
    UsageOutcome first = ledger.apply(usage("12", "252", null, true));
    ledger.apply(usage("8", "260", null, true));
    UsageOutcome again = ledger.assess(usage("12", "252", null, true));
    assertEquals(first, again, "the recorded 'before' is read back");
    assertEquals(first.maintenance().get(0).externalId(), again.maintenance().get(0).externalId());
    assertEquals(0, new BigDecimal("260").compareTo(ledger.meter("EX-01").orElseThrow()));
  }

  @Test
  void readingsSurviveInAJdbcStoreAndTheFirstRecordedWins() throws Exception {
    org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
    ds.setURL("jdbc:h2:mem:meters-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    JdbcMeterStore store = new JdbcMeterStore(ds);
    EquipmentPolicy policy = new EquipmentPolicy(Map.of(), Map.of("Excavator", new BigDecimal("250")), new BigDecimal("4"));
    EquipmentLedger one = new EquipmentLedger(policy, store);
    one.register(ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", "EX-01")).assetTag("EX-01")
        .name("CAT 320 excavator").category("Excavator").status(AssetStatus.ACTIVE).meterReading(Quantity.of("240", "h")).build());
    UsageOutcome before = one.apply(usage("12", "252.5", null, false));
    EquipmentLedger restarted = new EquipmentLedger(policy, new JdbcMeterStore(ds)); // same table, new process
    restarted.register(ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", "EX-01")).assetTag("EX-01")
        .name("CAT 320 excavator").category("Excavator").status(AssetStatus.ACTIVE).meterReading(Quantity.of("240", "h")).build());
    assertEquals(0, new BigDecimal("252.5").compareTo(restarted.meter("EX-01").orElseThrow()));
    UsageOutcome after = restarted.assess(usage("12", "252.5", null, false));
    assertEquals(0, before.meterBefore().compareTo(after.meterBefore()));
    assertEquals(1, after.maintenance().size(), "the same service request, not none");
    assertEquals(before.maintenance().get(0).externalId(), after.maintenance().get(0).externalId());
    MeterReading kept = store.record(new MeterReading(before.usageId(), "EX-01", new BigDecimal("1"), new BigDecimal("2")));
    assertEquals(0, new BigDecimal("240").compareTo(kept.before()), "the first reading is kept");
  }
}
