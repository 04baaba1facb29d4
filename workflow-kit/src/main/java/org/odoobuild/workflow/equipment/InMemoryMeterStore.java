package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Meter readings in memory (lost with the process; tests and demos). Thread-safe. */
public final class InMemoryMeterStore implements MeterStore {
  private final Map<String, MeterReading> byUsage = new ConcurrentHashMap<>();

  @Override
  public MeterReading record(MeterReading reading) {
    return byUsage.merge(reading.usageId(), reading, (kept, ignored) -> kept);
  }

  @Override
  public Optional<MeterReading> reading(String usageId) {
    return Optional.ofNullable(byUsage.get(usageId));
  }

  @Override
  public Optional<BigDecimal> latest(String assetTag) {
    return byUsage.values().stream().filter(r -> r.assetTag().equals(assetTag)).map(MeterReading::after)
        .max(BigDecimal::compareTo);
  }
}
