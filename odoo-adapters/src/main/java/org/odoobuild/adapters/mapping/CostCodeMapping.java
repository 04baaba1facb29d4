package org.odoobuild.adapters.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.project.CodeScheme;
import org.odoobuild.model.project.CostCode;
import org.odoobuild.model.project.CsiCodes;
import org.odoobuild.model.project.ImmutableCostCode;

/**
 * {@link CostCode} ↔ {@code account.analytic.account} in a dedicated analytic plan ("Cost
 * Codes"): {@code code} = the cost code, {@code name}, {@code plan_id}. Purchase, bill and
 * timesheet lines then carry the cost code in their {@code analytic_distribution}, combined with
 * the project's account ({@code "<project account>,<cost code account>": 100}), which is how Odoo
 * 17+ reports cost by project × cost code. The hierarchy is not stored (analytic accounts have no
 * parent since 17): it is derived from the MasterFormat code. Alternative (not chosen): one
 * product category per cost code, which loses cost reporting on non-product lines.
 */
public final class CostCodeMapping implements OdooMapping<CostCode> {
  /** Model. */
  public static final String MODEL = "account.analytic.account";

  @Override
  public Class<CostCode> type() {
    return CostCode.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("name", "code", "plan_id");
  }

  @Override
  public Map<String, Object> toOdoo(CostCode c, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("code", c.code());
    m.put("plan_id", MappingSupport.require(ctx.refs().costCodePlanId(), "plan", "the cost-code analytic plan"));
    return m;
  }

  @Override
  public LoadRecord toLoad(CostCode c, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("name", c.name());
    cols.put("code", c.code());
    cols.put("plan_id/.id", String.valueOf(MappingSupport.require(ctx.refs().costCodePlanId(), "plan", "the cost-code analytic plan")));
    return LoadRecord.of(MODEL, c.externalId(), cols);
  }

  @Override
  public CostCode fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    String name = r.required("name");
    String code = r.string("code").orElse("");
    if (code.isEmpty() && r.problems().isEmpty()) {
      r.problem("code", ViolationCodes.REQUIRED, "analytic account " + record.id() + " has no code: not a cost code");
    }
    MappingSupport.checkNoProblems(r.problems());
    return ImmutableCostCode.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .code(code)
        .name(name)
        .scheme(CsiCodes.isValid(code) ? CodeScheme.CSI : CodeScheme.CUSTOM)
        .build();
  }
}
