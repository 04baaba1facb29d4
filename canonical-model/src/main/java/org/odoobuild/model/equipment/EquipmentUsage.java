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
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.ValidationResult;
import org.odoobuild.model.common.ViolationCodes;

/**
 * One day of one machine on a job (from telematics or a field timesheet): operating hours, fuel,
 * downtime, meter reading, charged to a project cost code.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableEquipmentUsage.class)
@JsonDeserialize(as = ImmutableEquipmentUsage.class)
public interface EquipmentUsage extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "equipment_usage";
  /** Hours in a day. */
  Quantity ONE_DAY = Quantity.of("24", UnitOfMeasure.H);

  /** The machine. */
  SourceRef assetRef();

  /** The project charged. */
  Optional<SourceRef> projectRef();

  /** The cost code charged. */
  @MaxLength(Limits.CODE)
  Optional<String> costCode();

  /** The day. */
  LocalDate usageDate();

  /** Operating hours (time unit). */
  Quantity hours();

  /** Fuel used (volume unit). */
  Optional<Quantity> fuel();

  /** Downtime (time unit). */
  Optional<Quantity> downtime();

  /** Meter at end of day (time or length unit). */
  Optional<Quantity> meterReading();

  /** Operator name. */
  Optional<String> operator();

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
    p.notNegative("hours.value", hours().value()).dimension("hours.unit", hours(), Dimension.TIME);
    fuel().ifPresent(f -> p.notNegative("fuel.value", f.value()).dimension("fuel.unit", f, Dimension.VOLUME));
    downtime().ifPresent(d -> p.notNegative("downtime.value", d.value()).dimension("downtime.unit", d, Dimension.TIME));
    meterReading().ifPresent(m -> {
      p.notNegative("meterReading.value", m.value());
      if (m.unit().dimension() != Dimension.TIME && m.unit().dimension() != Dimension.LENGTH) {
        p.add("meterReading.unit", ViolationCodes.INCOMPATIBLE_UNIT, "a meter counts hours or distance");
      }
    });
    if (hours().unit().dimension() == Dimension.TIME) {
      Quantity total = hours();
      if (downtime().isPresent() && downtime().get().unit().dimension() == Dimension.TIME) {
        total = total.plus(downtime().get());
      }
      if (total.compareMagnitude(ONE_DAY) > 0) {
        p.add("hours.value", ViolationCodes.EXCEEDS, "hours plus downtime exceed 24 h in one day");
      }
    }
    if (costCode().isEmpty() && projectRef().isPresent()) {
      p.add("costCode", ViolationCodes.MISSING_COST_CODE, "missing cost code for project usage");
    }
    return p.result();
  }
}
