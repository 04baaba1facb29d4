package org.odoobuild.model.equipment;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Dimension;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.ValidationResult;
import org.odoobuild.model.common.ViolationCodes;

/**
 * A piece of equipment (excavator, crane, generator…). In Odoo: {@code maintenance.equipment}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAsset.class)
@JsonDeserialize(as = ImmutableAsset.class)
public interface Asset extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "asset";

  /** The fleet number painted on the machine, e.g. {@code EX-014}. */
  @MaxLength(Limits.REF)
  String assetTag();

  /** Name / model, e.g. {@code CAT 320 Excavator}. */
  String name();

  /** Manufacturer serial number / VIN. */
  @MaxLength(Limits.REF)
  Optional<String> serialNumber();

  /** Equipment category, e.g. {@code Excavators}. */
  @MaxLength(Limits.REF)
  String category();

  /** Availability. */
  AssetStatus status();

  /** Purchase cost. */
  Optional<Money> acquisitionCost();

  /** Date put into service. */
  Optional<LocalDate> acquisitionDate();

  /** Latest meter reading: hours (time unit) or odometer (length unit). */
  Optional<Quantity> meterReading();

  @Override
  default String entityType() {
    return TYPE;
  }

  /** Structural invariant: at least one source reference. */
  @Value.Check
  default void check() {
    CanonicalEntity.requireRefs(sourceRefs(), TYPE);
  }

  @Override
  default ValidationResult validate() {
    Problems p = new Problems().structure(this);
    acquisitionCost().ifPresent(c -> p.notNegative("acquisitionCost.amount", c.amount()));
    meterReading().ifPresent(m -> {
      p.notNegative("meterReading.value", m.value());
      if (m.unit().dimension() != Dimension.TIME && m.unit().dimension() != Dimension.LENGTH) {
        p.add("meterReading.unit", ViolationCodes.INCOMPATIBLE_UNIT, "a meter counts hours or distance, not " + m.unit().dimension().label());
      }
    });
    return p.result();
  }
}
