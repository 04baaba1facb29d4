package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.equipment.MaintenanceEvent;

/**
 * What one usage report leads to.
 *
 * @param usageId the usage report's id (its external id): the external id of its charge
 * @param assetTag the asset
 * @param meterBefore the engine-hour meter before the report
 * @param meterAfter the engine-hour meter after the report
 * @param charge the internal charge to post to the project's cost code (empty when no rate or no project)
 * @param costCode the cost code charged
 * @param maintenance maintenance requests to create (service due, downtime)
 */
public record UsageOutcome(String usageId, String assetTag, BigDecimal meterBefore, BigDecimal meterAfter, Optional<Money> charge, Optional<String> costCode,
    List<MaintenanceEvent> maintenance) {

  /** Copies the list. */
  public UsageOutcome {
    maintenance = List.copyOf(maintenance);
  }
}
