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
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.ValidationResult;
import org.odoobuild.model.common.ViolationCodes;

/** A maintenance job on a machine. In Odoo: {@code maintenance.request}. */
@Value.Immutable
@JsonSerialize(as = ImmutableMaintenanceEvent.class)
@JsonDeserialize(as = ImmutableMaintenanceEvent.class)
public interface MaintenanceEvent extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "maintenance_event";

  /** The machine. */
  SourceRef assetRef();

  /** Short title, e.g. {@code 500 h service}. */
  String title();

  /** Kind of maintenance. */
  MaintenanceType type();

  /** Progress. */
  MaintenanceStatus status();

  /** Planned date. */
  Optional<LocalDate> scheduledDate();

  /** Completion date (required when DONE). */
  Optional<LocalDate> completedDate();

  /** Meter reading at the event. */
  Optional<Quantity> meterReading();

  /** Downtime caused (time unit). */
  Optional<Quantity> downtime();

  /** Cost of the job. */
  Optional<Money> cost();

  /** Details. */
  @MaxLength(Limits.TEXT)
  Optional<String> description();

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
    if (status() == MaintenanceStatus.DONE && completedDate().isEmpty()) {
      p.add("completedDate", ViolationCodes.REQUIRED, "a DONE event needs its completion date");
    }
    if (status() != MaintenanceStatus.DONE && completedDate().isPresent()) {
      p.add("completedDate", ViolationCodes.STATUS_CONFLICT, "only a DONE event has a completion date, status is " + status());
    }
    downtime().ifPresent(d -> p.notNegative("downtime.value", d.value()).dimension("downtime.unit", d, Dimension.TIME));
    meterReading().ifPresent(m -> p.notNegative("meterReading.value", m.value()));
    cost().ifPresent(c -> p.notNegative("cost.amount", c.amount()));
    return p.result();
  }
}
