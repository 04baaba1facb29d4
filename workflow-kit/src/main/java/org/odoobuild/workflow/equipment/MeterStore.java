package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Where the {@link EquipmentLedger} keeps meter readings, one per usage report
 * ({@link InMemoryMeterStore}, {@link JdbcMeterStore} beside the sync state). A reading is
 * recorded once: recording a usage id again keeps the first reading.
 */
public interface MeterStore {

  /**
   * Records a reading unless its usage id already has one.
   *
   * @return the reading kept for the usage id (the first one recorded)
   */
  MeterReading record(MeterReading reading);

  /** The reading recorded for a usage report. */
  Optional<MeterReading> reading(String usageId);

  /** The highest meter recorded for an asset. */
  Optional<BigDecimal> latest(String assetTag);
}
