package org.odoobuild.adapters.mapping;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.ImmutableMaintenanceEvent;
import org.odoobuild.model.equipment.MaintenanceEvent;
import org.odoobuild.model.equipment.MaintenanceStatus;
import org.odoobuild.model.equipment.MaintenanceType;

/**
 * {@link MaintenanceEvent} ↔ {@code maintenance.request}: name (title), equipment_id (asset),
 * maintenance_type (preventive/corrective; INSPECTION is sent as preventive), schedule_date,
 * close_date, duration (downtime in hours), description, stage_id via the standard stage
 * external ids ({@code maintenance.stage_0} new, {@code stage_1} in progress, {@code stage_3}
 * repaired, {@code stage_4} scrap). Not stored by Odoo: cost, meter reading.
 */
public final class MaintenanceEventMapping implements OdooMapping<MaintenanceEvent> {
  /** Model. */
  public static final String MODEL = "maintenance.request";

  @Override
  public Class<MaintenanceEvent> type() {
    return MaintenanceEvent.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("name", "equipment_id", "maintenance_type", "schedule_date", "close_date", "duration", "description", "stage_id");
  }

  /** The standard stage external id of a status. */
  public static String stageXmlId(MaintenanceStatus s) {
    return switch (s) {
      case REQUESTED, SCHEDULED -> "maintenance.stage_0";
      case IN_PROGRESS -> "maintenance.stage_1";
      case DONE -> "maintenance.stage_3";
      case CANCELLED -> "maintenance.stage_4";
    };
  }

  @Override
  public Map<String, Object> toOdoo(MaintenanceEvent e, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.title());
    m.put("equipment_id", MappingSupport.requireId(ctx, Asset.TYPE, e.assetRef(), "assetRef"));
    m.put("maintenance_type", e.type() == MaintenanceType.CORRECTIVE ? "corrective" : "preventive");
    m.put("schedule_date", e.scheduledDate().map(MappingSupport::atNoon).map(Object.class::cast).orElse(Boolean.FALSE));
    m.put("close_date", MappingSupport.orFalse(e.completedDate()));
    m.put("duration", e.downtime().map(d -> d.convertTo(UnitOfMeasure.H).value()).map(Object.class::cast).orElse(0));
    m.put("description", MappingSupport.orFalse(e.description()));
    m.put("stage_id", MappingSupport.require(ctx.refs().idOf(stageXmlId(e.status())), "status", "maintenance stage " + stageXmlId(e.status())));
    return m;
  }

  @Override
  public LoadRecord toLoad(MaintenanceEvent e, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("name", e.title());
    cols.put("equipment_id/id", org.odoobuild.model.common.ExternalIds.of(Asset.TYPE, e.assetRef()));
    cols.put("maintenance_type", e.type() == MaintenanceType.CORRECTIVE ? "corrective" : "preventive");
    cols.put("schedule_date", e.scheduledDate().map(MappingSupport::odooDateTime).orElse(""));
    cols.put("close_date", MappingSupport.text(e.completedDate()));
    cols.put("duration", e.downtime().map(d -> d.convertTo(UnitOfMeasure.H).value().toPlainString()).orElse("0"));
    cols.put("description", e.description().orElse(""));
    cols.put("stage_id/id", stageXmlId(e.status()));
    return LoadRecord.of(MODEL, e.externalId(), cols);
  }

  @Override
  public MaintenanceEvent fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    String title = r.required("name");
    Optional<Many2one> equipment = r.m2o("equipment_id");
    if (equipment.isEmpty()) {
      r.problem("equipment_id", ViolationCodes.REQUIRED, "maintenance request without equipment");
    }
    String type = r.string("maintenance_type").orElse("corrective");
    Optional<java.time.LocalDate> scheduled = r.dateOfDateTime("schedule_date");
    Optional<java.time.LocalDate> closed = r.date("close_date");
    MaintenanceStatus status = MaintenanceStatus.REQUESTED;
    Optional<Many2one> stage = r.m2o("stage_id");
    if (stage.isPresent()) {
      long sid = stage.get().id();
      if (ctx.refs().idOf("maintenance.stage_1").filter(x -> x == sid).isPresent()) {
        status = MaintenanceStatus.IN_PROGRESS;
      } else if (ctx.refs().idOf("maintenance.stage_3").filter(x -> x == sid).isPresent()) {
        status = MaintenanceStatus.DONE;
      } else if (ctx.refs().idOf("maintenance.stage_4").filter(x -> x == sid).isPresent()) {
        status = MaintenanceStatus.CANCELLED;
      } else if (scheduled.isPresent()) {
        status = MaintenanceStatus.SCHEDULED;
      }
    }
    BigDecimal hours = r.decimal("duration").orElse(BigDecimal.ZERO);
    MappingSupport.checkNoProblems(r.problems());
    ImmutableMaintenanceEvent.Builder b = ImmutableMaintenanceEvent.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .assetRef(MappingSupport.ownRef(ctx, AssetMapping.MODEL, equipment.get().id()))
        .title(title)
        .type(type.equals("corrective") ? MaintenanceType.CORRECTIVE : MaintenanceType.PREVENTIVE)
        .status(status)
        .scheduledDate(scheduled)
        .completedDate(closed)
        .description(r.string("description"));
    if (hours.signum() != 0) {
      b.downtime(Quantity.of(hours, UnitOfMeasure.H));
    }
    return b.build();
  }
}
