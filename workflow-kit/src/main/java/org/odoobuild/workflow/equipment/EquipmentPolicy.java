package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.model.common.Money;

/**
 * Per asset category: the internal hourly rate charged to the project's cost code, the service
 * interval in engine hours, and the downtime that triggers a corrective request.
 *
 * @param rates category → hourly rate
 * @param serviceIntervalHours category → hours between preventive services
 * @param downtimeAlertHours downtime in one report that raises a corrective maintenance request
 */
public record EquipmentPolicy(Map<String, Money> rates, Map<String, BigDecimal> serviceIntervalHours,
    BigDecimal downtimeAlertHours) {

  /** Copies and validates. */
  public EquipmentPolicy {
    rates = Map.copyOf(rates);
    serviceIntervalHours = Map.copyOf(serviceIntervalHours);
    Objects.requireNonNull(downtimeAlertHours, "downtimeAlertHours");
    serviceIntervalHours.values().forEach(h -> {
      if (h.signum() <= 0) {
        throw new IllegalArgumentException("service intervals must be positive");
      }
    });
  }

  /** The hourly rate of a category. */
  public Optional<Money> rate(String category) {
    return Optional.ofNullable(rates.get(category));
  }

  /** The service interval of a category. */
  public Optional<BigDecimal> interval(String category) {
    return Optional.ofNullable(serviceIntervalHours.get(category));
  }
}
