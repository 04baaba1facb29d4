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
 * crosses a service interval (one per asset and interval step), and a corrective one when a
 * report carries long downtime (one per report). A report whose meter reading goes backwards is
 * refused (telematics resets are reported, not silently accepted).
 *
 * <p>Meter readings are kept in a {@link MeterStore}, one per usage report: {@link #assess} of a
 * report already {@link #record recorded} starts from the meter recorded for it, so a re-run
 * (after a crash, or a replay) reaches the same outcome and the same external ids, whatever came
 * after it. Thread-safe.
 */
public final class EquipmentLedger {
  private final EquipmentPolicy policy;
  private final MeterStore store;
  private final Map<String, BigDecimal> registered = new ConcurrentHashMap<>();
  private final Map<String, Asset> assets = new ConcurrentHashMap<>();

  /** A ledger with a policy, readings in memory. */
  public EquipmentLedger(EquipmentPolicy policy) {
    this(policy, new InMemoryMeterStore());
  }

  /** A ledger with a policy, readings in {@code store} (e.g. {@link JdbcMeterStore#in}). */
  public EquipmentLedger(EquipmentPolicy policy, MeterStore store) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Registers an asset with its current meter (a higher reading already recorded wins). */
  public void register(Asset asset) {
    assets.put(asset.assetTag(), asset);
    registered.put(asset.assetTag(), asset.meterReading().map(q -> q.convertTo(UnitOfMeasure.H).value()).orElse(BigDecimal.ZERO));
  }

  /** The policy. */
  public EquipmentPolicy policy() {
    return policy;
  }

  /** The meter of an asset: the highest of its registered and recorded readings. */
  public Optional<BigDecimal> meter(String assetTag) {
    Optional<BigDecimal> recorded = store.latest(assetTag);
    Optional<BigDecimal> reg = Optional.ofNullable(registered.get(assetTag));
    if (recorded.isEmpty()) {
      return reg;
    }
    return Optional.of(reg.map(r -> r.max(recorded.get())).orElse(recorded.get()));
  }

  /** Applies one usage report: {@link #assess} then {@link #record}. */
  public synchronized UsageOutcome apply(EquipmentUsage usage) {
    UsageOutcome o = assess(usage);
    record(o);
    return o;
  }

  /**
   * What a usage report leads to, without recording it. A report already recorded is assessed
   * from the meter recorded for it.
   *
   * @throws IllegalArgumentException for an unknown asset or a meter that goes backwards
   */
  public UsageOutcome assess(EquipmentUsage usage) {
    String tag = usage.assetRef().id();
    Asset asset = assets.get(tag);
    if (asset == null) {
      throw new IllegalArgumentException("unknown asset " + tag);
    }
    String usageId = usage.externalId();
    Optional<MeterReading> seen = store.reading(usageId);
    BigDecimal before = seen.map(MeterReading::before).orElseGet(() -> meter(tag).orElse(BigDecimal.ZERO));
    BigDecimal hours = usage.hours().convertTo(UnitOfMeasure.H).value();
    BigDecimal after = usage.meterReading().map(q -> q.convertTo(UnitOfMeasure.H).value()).orElse(before.add(hours));
    if (after.compareTo(before) < 0) {
      throw new IllegalArgumentException("meter of " + tag + " goes backwards: " + after.toPlainString() + " h < "
          + before.toPlainString() + " h");
    }
    List<MaintenanceEvent> maintenance = new ArrayList<>();
    Optional<BigDecimal> interval = policy.interval(asset.category());
    if (interval.isPresent()) {
      BigDecimal i = interval.get();
      BigDecimal stepBefore = before.divide(i, 0, RoundingMode.FLOOR);
      BigDecimal stepAfter = after.divide(i, 0, RoundingMode.FLOOR);
      if (stepAfter.compareTo(stepBefore) > 0) {
        String due = stepAfter.multiply(i).stripTrailingZeros().toPlainString();
        maintenance.add(event(asset, asset.assetTag() + "-service-" + due, "Service due at " + due + " h: " + asset.name(),
            MaintenanceType.PREVENTIVE, after, usage));
      }
    }
    Optional<Quantity> down = usage.downtime();
    if (down.isPresent() && down.get().convertTo(UnitOfMeasure.H).value().compareTo(policy.downtimeAlertHours()) >= 0) {
      maintenance.add(event(asset, asset.assetTag() + "-downtime-" + usage.primaryRef().id(), "Downtime "
          + down.get().convertTo(UnitOfMeasure.H).value().stripTrailingZeros().toPlainString() + " h reported: " + asset.name(),
          MaintenanceType.CORRECTIVE, after, usage));
    }
    Optional<Money> charge = usage.projectRef().isPresent() && usage.costCode().isPresent()
        ? policy.rate(asset.category()).map(r -> r.times(hours))
        : Optional.empty();
    return new UsageOutcome(usageId, tag, before, after, charge, usage.costCode(), maintenance);
  }

  /** Records the meter reading of an assessed report (once per usage id; a second record keeps the first). */
  public MeterReading record(UsageOutcome outcome) {
    return store.record(new MeterReading(outcome.usageId(), outcome.assetTag(), outcome.meterBefore(), outcome.meterAfter()));
  }

  private static MaintenanceEvent event(Asset asset, String id, String title, MaintenanceType type, BigDecimal meter,
      EquipmentUsage usage) {
    return ImmutableMaintenanceEvent.builder().addSourceRefs(SourceRef.of("sdk-equipment", id))
        .assetRef(usage.assetRef()).title(title).type(type).status(MaintenanceStatus.REQUESTED)
        .scheduledDate(usage.usageDate()).meterReading(Quantity.of(meter, UnitOfMeasure.H)).downtime(usage.downtime())
        .build();
  }
}
