package org.odoobuild.adapters.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.model.project.ImmutableProject;
import org.odoobuild.model.project.Project;
import org.odoobuild.model.project.ProjectStatus;

/**
 * {@link Project} ↔ {@code project.project} + its analytic account. Project: name, date_start,
 * date (end), partner_id (customer, a partner written by {@link VendorMapping}), active (open
 * statuses), and the analytic-account field discovered with {@code fields_get}
 * ({@code account_id} on 19, {@code analytic_account_id} on 17). The project code lives in the
 * analytic account's {@code code} ({@link #accountLoad}); the account's external id is
 * {@link #accountExternalId(Project)}.
 */
public final class ProjectMapping implements OdooMapping<Project> {
  /** Model. */
  public static final String MODEL = "project.project";
  /** Entity type name used for the project's analytic account external id. */
  public static final String ACCOUNT_TYPE = "project_account";

  @Override
  public Class<Project> type() {
    return Project.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  /** The external id of the project's analytic account. */
  public static String accountExternalId(Project p) {
    return ExternalIds.of(ACCOUNT_TYPE, p.primaryRef());
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("name", "partner_id", ctx.schema().field(OdooField.PROJECT_ANALYTIC_ACCOUNT), "date_start", "date", "active");
  }

  @Override
  public Map<String, Object> toOdoo(Project p, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("date_start", MappingSupport.orFalse(p.startDate()));
    m.put("date", MappingSupport.orFalse(p.endDate()));
    m.put("active", p.status().isOpen());
    m.put("partner_id", p.customerRef().isPresent()
        ? (Object) MappingSupport.requireId(ctx, Vendor.TYPE, p.customerRef().get(), "customerRef") : Boolean.FALSE);
    ctx.refs().idOf(accountExternalId(p)).ifPresent(id -> m.put(ctx.schema().field(OdooField.PROJECT_ANALYTIC_ACCOUNT), id));
    return m;
  }

  /** The project's analytic account: loaded before the project, which refers to it by external id. */
  @Override
  public List<LoadRecord> prerequisites(Project p, MappingContext ctx) {
    return List.of(accountLoad(p, ctx));
  }

  /** The {@code account.analytic.account} columns of the project's account (load it before the project). */
  public LoadRecord accountLoad(Project p, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("name", p.name());
    cols.put("code", p.code());
    ctx.refs().idOf("analytic.analytic_plan_projects").ifPresent(id -> cols.put("plan_id/.id", String.valueOf(id)));
    return LoadRecord.of(CostCodeMapping.MODEL, accountExternalId(p), cols);
  }

  @Override
  public LoadRecord toLoad(Project p, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("name", p.name());
    cols.put("date_start", MappingSupport.text(p.startDate()));
    cols.put("date", MappingSupport.text(p.endDate()));
    cols.put("active", p.status().isOpen() ? "1" : "0");
    cols.put("partner_id/id", p.customerRef().map(r -> ExternalIds.of(Vendor.TYPE, r)).orElse(""));
    cols.put(ctx.schema().field(OdooField.PROJECT_ANALYTIC_ACCOUNT) + "/id", accountExternalId(p));
    return LoadRecord.of(MODEL, p.externalId(), cols);
  }

  @Override
  public Project fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    String accountField = ctx.schema().field(OdooField.PROJECT_ANALYTIC_ACCOUNT);
    Optional<Many2one> account = r.m2o(accountField);
    Optional<String> code = account.flatMap(a -> ctx.related(CostCodeMapping.MODEL, List.of(a.id()), List.of("code")).stream()
        .findFirst().flatMap(ar -> new RecordReader(ar, accountField + ".", new ArrayList<>()).string("code")));
    ImmutableProject.Builder b = ImmutableProject.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .name(r.required("name"))
        .code(code.orElse("odoo-project-" + record.id()))
        .status(r.bool("active").orElse(true) ? ProjectStatus.ACTIVE : ProjectStatus.CLOSED)
        .startDate(r.date("date_start"))
        .endDate(r.date("date"))
        .currency(ctx.refs().companyCurrency());
    r.m2o("partner_id").ifPresent(p -> b.customerRef(MappingSupport.ownRef(ctx, VendorMapping.MODEL, p.id())));
    MappingSupport.checkNoProblems(r.problems());
    return b.build();
  }
}
