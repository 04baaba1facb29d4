package org.odoobuild.adapters.mapping;

import static org.odoobuild.adapters.mapping.MappingSupport.orFalse;
import static org.odoobuild.adapters.mapping.MappingSupport.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Record;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.Vendor;

/**
 * {@link Vendor} ↔ {@code res.partner}: name, ref (vendor code), vat, email, phone, is_company,
 * {@code supplier_rank = 1}. The blocked flag uses {@code purchase_warn = "block"} where the
 * server has that selection (17), else a {@code purchase_warn_msg} starting with
 * {@value #BLOCK_MARKER} (19). Insurance and licence expiry map to the custom fields
 * {@code x_insurance_expiry}/{@code x_licence_expiry} only when {@code fields_get} finds them.
 */
public final class VendorMapping implements OdooMapping<Vendor> {
  /** Model. */
  public static final String MODEL = "res.partner";
  /** Prefix of the purchase warning text that marks a blocked vendor on servers without {@code purchase_warn}. */
  public static final String BLOCK_MARKER = "BLOCKED:";
  /** Custom field for the insurance expiry (used when present). */
  public static final String INSURANCE_FIELD = "x_insurance_expiry";
  /** Custom field for the licence expiry (used when present). */
  public static final String LICENCE_FIELD = "x_licence_expiry";

  @Override
  public Class<Vendor> type() {
    return Vendor.class;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public List<String> readFields(MappingContext ctx) {
    List<String> f = new ArrayList<>(List.of("name", "ref", "vat", "email", "phone", "is_company", "supplier_rank"));
    ctx.schema().find(OdooField.PARTNER_PURCHASE_WARN).ifPresent(f::add);
    ctx.schema().find(OdooField.PARTNER_PURCHASE_WARN_MSG).ifPresent(f::add);
    custom(ctx, INSURANCE_FIELD).ifPresent(f::add);
    custom(ctx, LICENCE_FIELD).ifPresent(f::add);
    return f;
  }

  private static Optional<String> custom(MappingContext ctx, String field) {
    return ctx.schema().discovered(MODEL, field);
  }

  private Map<String, Object> values(Vendor v, MappingContext ctx, boolean forLoad) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    m.put("ref", orFalse(v.vendorCode()));
    m.put("vat", orFalse(v.taxId()));
    m.put("email", orFalse(v.email()));
    m.put("phone", orFalse(v.phone()));
    m.put("is_company", v.company());
    m.put("supplier_rank", 1);
    Optional<String> warn = ctx.schema().find(OdooField.PARTNER_PURCHASE_WARN);
    Optional<String> msg = ctx.schema().find(OdooField.PARTNER_PURCHASE_WARN_MSG);
    if (warn.isPresent()) {
      m.put(warn.get(), v.blocked() ? "block" : "no-message");
      msg.ifPresent(f -> m.put(f, v.blocked() ? BLOCK_MARKER + " vendor blocked by compliance" : Boolean.FALSE));
    } else if (msg.isPresent()) {
      m.put(msg.get(), v.blocked() ? BLOCK_MARKER + " vendor blocked by compliance" : Boolean.FALSE);
    }
    custom(ctx, INSURANCE_FIELD).ifPresent(f -> m.put(f, orFalse(v.insuranceExpiry())));
    custom(ctx, LICENCE_FIELD).ifPresent(f -> m.put(f, orFalse(v.licenceExpiry())));
    return m;
  }

  @Override
  public Map<String, Object> toOdoo(Vendor v, MappingContext ctx) {
    return values(v, ctx, false);
  }

  @Override
  public LoadRecord toLoad(Vendor v, MappingContext ctx) {
    Map<String, String> cols = new LinkedHashMap<>();
    values(v, ctx, true).forEach((k, val) -> cols.put(k, Boolean.FALSE.equals(val) && !k.equals("is_company") ? "" : text(val)));
    return LoadRecord.of(MODEL, v.externalId(), cols);
  }

  @Override
  public Vendor fromOdoo(Record record, MappingContext ctx) {
    RecordReader r = new RecordReader(record);
    ImmutableVendor.Builder b = ImmutableVendor.builder()
        .addSourceRefs(MappingSupport.ownRef(ctx, MODEL, record.id()))
        .name(r.required("name"))
        .vendorCode(r.string("ref"))
        .taxId(r.string("vat"))
        .email(r.string("email"))
        .phone(r.string("phone"))
        .company(r.bool("is_company").orElse(true));
    boolean blocked = ctx.schema().find(OdooField.PARTNER_PURCHASE_WARN).flatMap(r::string).map("block"::equals).orElse(false)
        || ctx.schema().find(OdooField.PARTNER_PURCHASE_WARN_MSG).flatMap(r::string).map(s -> s.startsWith(BLOCK_MARKER)).orElse(false);
    b.blocked(blocked);
    custom(ctx, INSURANCE_FIELD).ifPresent(f -> b.insuranceExpiry(r.date(f)));
    custom(ctx, LICENCE_FIELD).ifPresent(f -> b.licenceExpiry(r.date(f)));
    MappingSupport.checkNoProblems(r.problems());
    return b.build();
  }
}
