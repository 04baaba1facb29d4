package org.odoobuild.adapters.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;

/**
 * How one canonical entity maps to one Odoo model, for a given server (field names and references
 * come from the {@link MappingContext}).
 *
 * <ul>
 *   <li>{@link #toOdoo} — values for {@code create}/{@code write} (database ids, x2many
 *       {@code Command}s); throws {@link MappingException} when a reference cannot be resolved</li>
 *   <li>{@link #toLoad} — columns for the idempotent {@code load()} used by {@link org.odoobuild.adapters.upsert.Upserter}</li>
 *   <li>{@link #fromOdoo} — the canonical record of a {@code read}/{@code search_read} row</li>
 *   <li>{@link #encode}/{@link #decode} — the same, never throwing: violations instead</li>
 * </ul>
 *
 * @param <T> the canonical entity
 */
public interface OdooMapping<T extends CanonicalEntity> {
  /** The canonical type. */
  Class<T> type();

  /** The Odoo model, e.g. {@code res.partner}. */
  String model();

  /** The fields to read for {@link #fromOdoo}. */
  List<String> readFields(MappingContext ctx);

  /** Values for {@code create}/{@code write}. */
  Map<String, Object> toOdoo(T value, MappingContext ctx);

  /** Columns for {@code load()} (external-id upsert). */
  LoadRecord toLoad(T value, MappingContext ctx);

  /**
   * Records that must exist in Odoo before {@link #toLoad} of {@code value} can be loaded (e.g. a
   * project's analytic account, which the project refers to by external id), in {@code load()}
   * form. The upserter loads them first, by external id, so they are idempotent too. Default: none.
   */
  default List<LoadRecord> prerequisites(T value, MappingContext ctx) {
    return List.of();
  }

  /** The canonical record of an Odoo row (lines are read through {@link MappingContext#related}). */
  T fromOdoo(Record record, MappingContext ctx);

  /** {@link #toOdoo} after {@code validate()}; never throws. Invalid values are not mapped. */
  default Parsed<Map<String, Object>> encode(T value, MappingContext ctx) {
    return guarded(value, () -> toOdoo(value, ctx));
  }

  /** {@link #toLoad} after {@code validate()}; never throws. Invalid values are not mapped. */
  default Parsed<LoadRecord> encodeForLoad(T value, MappingContext ctx) {
    return guarded(value, () -> toLoad(value, ctx));
  }

  /** {@link #fromOdoo} plus {@code validate()} of the result; never throws. */
  default Parsed<T> decode(Record record, MappingContext ctx) {
    try {
      T v = fromOdoo(record, ctx);
      return new Parsed<>(Optional.of(v), v.validate().violations());
    } catch (MappingException e) {
      return Parsed.invalid(e.violations());
    } catch (RuntimeException e) {
      return Parsed.invalid(List.of(new Violation("", ViolationCodes.UNMAPPABLE,
          model() + " record " + record.id() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
  }

  private <R> Parsed<R> guarded(T value, java.util.function.Supplier<R> body) {
    List<Violation> v = new ArrayList<>(value.validate().violations());
    if (!v.isEmpty()) {
      return Parsed.invalid(v);
    }
    try {
      return Parsed.valid(body.get());
    } catch (MappingException e) {
      return Parsed.invalid(e.violations());
    } catch (RuntimeException e) {
      return Parsed.invalid(List.of(new Violation("", ViolationCodes.UNMAPPABLE, e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
  }
}
