package org.odoobuild.adapters.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.equipment.Asset;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.ImmutableAsset;

/**
 * {@link Asset} ↔ {@code maintenance.equipment}: name = {@code "[TAG] name"}, serial_no,
 * category_id (resolved by category name), cost (company currency), effective_date, active
 * (false when RETIRED). Not stored by Odoo: meter reading, IN_REPAIR/IDLE (come back ACTIVE).
 */
public final class AssetMapping implements OdooMapping<Asset> {
  /** Model. */
  public static final String MODEL = "maintenance.equipment";
  private static final Pattern TAGGED = Pattern.compile("^\\[([^\\]]+)\\] (.+)$", Pattern.DOTALL);

  @Override
  public Class<Asset> type() {
    return Asset.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    return List.of("name", "serial_no", "category_id", "cost", "effective_date", "active");
  }

  private static String odooName(Asset a) {
    return "[" + a.assetTag() + "] " + a.name();
  }

  @Override
  public Map<String, Object> toOdoo(Asset a, MappingContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", odooName(a));
    m.put("serial_no", MappingSupport.orFalse(a.serialNumber()));
    m.put("category_id", MappingSupport.require(ctx.refs().equipmentCategoryId(a.category()), "category", "equipment category " + a.category()));
    m.put("cost", a.acquisitionCost().map(Money::amount).map(Object.class::cast).orElse(0));
    m.put("effective_date", MappingSupport.orFalse(a.acquisitionDate()));
    m.put("active", a.status() != AssetStatus.RETIRED);
    return m;
  }

  @Override
  public LoadRecord toLoad(Asset a, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    toOdoo(a, ctx).forEach((k, v) -> cols.put(k.equals("category_id") ? "category_id/.id" : k,
        Boolean.FALSE.equals(v) && !k.equals("active") ? "" : MappingSupport.text(v)));
    return LoadRecord.of(MODEL, a.externalId(), cols);
  }

  @Override
  public Asset fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    String full = r.required("name");
    Matcher m = TAGGED.matcher(full);
    String tag = m.matches() ? m.group(1) : full;
    String name = m.matches() ? m.group(2) : full;
    ImmutableAsset.Builder b = ImmutableAsset.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .assetTag(tag)
        .name(name)
        .serialNumber(r.string("serial_no"))
        .category(r.m2o("category_id").map(c -> c.displayName()).filter(s -> !s.isEmpty()).orElse("Uncategorized"))
        .status(r.bool("active").orElse(true) ? AssetStatus.ACTIVE : AssetStatus.RETIRED)
        .acquisitionDate(r.date("effective_date"));
    r.decimal("cost").filter(c -> c.signum() != 0).ifPresent(c -> b.acquisitionCost(Money.of(c, ctx.refs().companyCurrency())));
    MappingSupport.checkNoProblems(r.problems());
    return b.build();
  }
}
