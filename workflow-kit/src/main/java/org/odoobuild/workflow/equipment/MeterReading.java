package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The engine-hour meter of one asset around one usage report, as first recorded: a re-run of the
 * same report reads {@code before} back, so it reaches the same charge and maintenance decisions.
 *
 * @param usageId the usage report's id (its external id)
 * @param assetTag the asset
 * @param before the meter before the report
 * @param after the meter after the report
 */
public record MeterReading(String usageId, String assetTag, BigDecimal before, BigDecimal after) {

  /** Validates. */
  public MeterReading {
    Objects.requireNonNull(usageId, "usageId");
    Objects.requireNonNull(assetTag, "assetTag");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
