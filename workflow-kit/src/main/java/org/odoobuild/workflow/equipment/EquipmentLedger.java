package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableMaintenanceEvent;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.model.equipment.MaintenanceStatus;
import org.odoobuild.model.equipment.MaintenanceType;

/**
 * Follows each asset's engine-hour meter through usage reports: charges the hours at the
 * category rate to the project's cost code, raises a preventive request each time the meter
 * crosses a service interval, and a corrective one when a report carries long downtime.
 * A report whose meter reading goes backwards is refused (telematics resets are reported, not
 * silently accepted). Thread-safe per asset.
 */
public final class EquipmentLedger {
  private final EquipmentPolicy policy;
  private final Map<String, BigDecimal> meters = new ConcurrentHashMap<>();
  private final Map<String, Asset> assets = new ConcurrentHashMap<>();

  /** A ledger with a policy. */
  public EquipmentLedger(EquipmentPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Registers an asset with its current meter. */
  public void register(Asset asset) {
    assets.put(asset.assetTag(), asset);
    meters.put(asset.assetTag(), asset.meterReading().map(q -> q.convertTo(UnitOfMeasure.H).value()).orElse(BigDecimal.ZERO));
  }

  /** The meter of an asset. */
  public Optional<BigDecimal> meter(String assetTag) {
    return Optional.ofNullable(meters.get(assetTag));
  }

  /**
   * Applies one usage report.
   *
   * @throws IllegalArgumentException for an unknown asset or a meter that goes backwards
   */
  public synchronized UsageOutcome apply(EquipmentUsage usage) {
    String tag = usage.assetRef().id();
    Asset asset = assets.get(tag);
    if (asset == null) {
      throw new IllegalArgumentException("unknown asset " + tag);
    }
    BigDecimal before = meters.get(tag);
    BigDecimal hours = usage.hours().convertTo(UnitOfMeasure.H).value();
    BigDecimal after = usage.meterReading().map(q -> q.convertTo(UnitOfMeasure.H).value()).orElse(before.add(hours));
    if (after.compareTo(before) < 0) {
      throw new IllegalArgumentException("meter of " + tag + " goes backwards: " + after.toPlainString() + " h < "
          + before.toPlainString() + " h");
    }
    meters.put(tag, after);
    List<MaintenanceEvent> maintenance = new ArrayList<>();
    Optional<BigDecimal> interval = policy.interval(asset.category());
    if (interval.isPresent()) {
      BigDecimal i = interval.get();
      BigDecimal stepBefore = before.divide(i, 0, RoundingMode.FLOOR);
      BigDecimal stepAfter = after.divide(i, 0, RoundingMode.FLOOR);
      if (stepAfter.compareTo(stepBefore) > 0) {
        BigDecimal due = stepAfter.multiply(i);
        maintenance.add(event(asset, "Service due at " + due.stripTrailingZeros().toPlainString() + " h: " + asset.name(),
            MaintenanceType.PREVENTIVE, after, usage));
      }
    }
    Optional<Quantity> down = usage.downtime();
    if (down.isPresent() && down.get().convertTo(UnitOfMeasure.H).value().compareTo(policy.downtimeAlertHours()) >= 0) {
      maintenance.add(event(asset, "Downtime " + down.get().convertTo(UnitOfMeasure.H).value().stripTrailingZeros()
          .toPlainString() + " h reported: " + asset.name(), MaintenanceType.CORRECTIVE, after, usage));
    }
    Optional<Money> charge = usage.projectRef().isPresent() && usage.costCode().isPresent()
        ? policy.rate(asset.category()).map(r -> r.times(hours))
        : Optional.empty();
    return new UsageOutcome(tag, after, charge, usage.costCode(), maintenance);
  }

  private static MaintenanceEvent event(Asset asset, String title, MaintenanceType type, BigDecimal meter,
      EquipmentUsage usage) {
    String id = asset.assetTag() + "-" + type.name().toLowerCase(java.util.Locale.ROOT) + "-"
        + meter.setScale(0, RoundingMode.FLOOR).toPlainString();
    return ImmutableMaintenanceEvent.builder().addSourceRefs(SourceRef.of("sdk-equipment", id))
        .assetRef(usage.assetRef()).title(title).type(type).status(MaintenanceStatus.REQUESTED)
        .scheduledDate(usage.usageDate()).meterReading(Quantity.of(meter, UnitOfMeasure.H)).downtime(usage.downtime())
        .build();
  }
}
