package org.odoobuild.client;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What to search for and how: domain, fields, order, offset, limit and context. Immutable;
 * every {@code with}-style method returns a copy.
 * <pre>{@code Query.where(Domain.where("supplier_rank", ">", 0)).fields("name", "email").order("name").limit(50)}</pre>
 */
public final class Query {
  private final Domain domain;
  private final List<String> fields;
  private final String order;
  private final OptionalInt offset;
  private final OptionalInt limit;
  private final Context context;

  private Query(Domain domain, List<String> fields, String order, OptionalInt offset, OptionalInt limit, Context context) {
    this.domain = domain;
    this.fields = fields;
    this.order = order;
    this.offset = offset;
    this.limit = limit;
    this.context = context;
  }

  /** Every record. */
  public static Query all() {
    return where(Domain.all());
  }

  /** Records matching the domain. */
  public static Query where(Domain domain) {
    return new Query(Objects.requireNonNull(domain, "domain"), List.of(), "", OptionalInt.empty(), OptionalInt.empty(),
        Context.empty());
  }

  /** Only these fields (an empty list means all fields Odoo returns by default). */
  public Query fields(String... fields) {
    return fields(List.of(fields));
  }

  /** Only these fields. */
  public Query fields(List<String> fields) {
    return new Query(domain, List.copyOf(fields), order, offset, limit, context);
  }

  /** Sort order, e.g. {@code "name asc, id"}. */
  public Query order(String order) {
    return new Query(domain, fields, Objects.requireNonNull(order, "order"), offset, limit, context);
  }

  /** Number of records to skip. */
  public Query offset(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
    return new Query(domain, fields, order, OptionalInt.of(offset), limit, context);
  }

  /** Maximum number of records. */
  public Query limit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0, got " + limit);
    }
    return new Query(domain, fields, order, offset, OptionalInt.of(limit), context);
  }

  /** Context for this query only, on top of the client's. */
  public Query context(Context context) {
    return new Query(domain, fields, order, offset, limit, Objects.requireNonNull(context, "context"));
  }

  /** The same query with another domain. */
  public Query domain(Domain domain) {
    return new Query(Objects.requireNonNull(domain, "domain"), fields, order, offset, limit, context);
  }

  /** The domain. */
  public Domain domain() {
    return domain;
  }

  /** The fields, empty for Odoo's default. */
  public List<String> fields() {
    return fields;
  }

  /** The order, empty for the model's default. */
  public String order() {
    return order;
  }

  /** The offset, when set. */
  public OptionalInt offset() {
    return offset;
  }

  /** The limit, when set. */
  public OptionalInt limit() {
    return limit;
  }

  /** The per-query context. */
  public Context context() {
    return context;
  }

  @Override
  public String toString() {
    return "Query{domain=" + domain + ", fields=" + fields + ", order='" + order + "', offset=" + offset + ", limit="
        + limit + ", context=" + context + '}';
  }
}
