package org.odoobuild.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An Odoo search domain in prefix notation, immutable.
 * <pre>{@code
 * Domain.where("supplier_rank", ">", 0).and(Domain.where("name", "ilike", "steel"))
 * Domain.where("is_company", "=", true).or(Domain.where("parent_id", "!=", false))
 * }</pre>
 * Values may be SDK values ({@link Many2one}, {@code LocalDate}, {@code Instant}, …); they are
 * converted when sent.
 */
public final class Domain {
  private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<", "<=", ">", ">=", "in", "not in",
      "like", "not like", "ilike", "not ilike", "=like", "=ilike", "=?", "child_of", "parent_of", "any", "not any");
  private static final Domain ALL = new Domain(List.of());

  private final List<Object> terms;

  private Domain(List<Object> terms) {
    this.terms = terms;
  }

  /** The empty domain: every record. */
  public static Domain all() {
    return ALL;
  }

  /** A single condition {@code [field, operator, value]}. */
  public static Domain where(String field, String operator, Object value) {
    Objects.requireNonNull(field, "field");
    if (field.isBlank()) {
      throw new IllegalArgumentException("blank field name in a domain condition");
    }
    if (!OPERATORS.contains(operator)) {
      throw new IllegalArgumentException("unknown domain operator '" + operator + "' (expected one of " + OPERATORS + ")");
    }
    List<Object> leaf = new ArrayList<>(3);
    leaf.add(field);
    leaf.add(operator);
    leaf.add(value == null ? Boolean.FALSE : value);
    return new Domain(List.of(Collections.unmodifiableList(leaf)));
  }

  /**
   * A domain given as Odoo writes it, e.g. {@code ["|", ["a", "=", 1], ["b", "=", 2]]}; checked
   * for well-formedness (operators, arity).
   */
  public static Domain of(List<?> terms) {
    Objects.requireNonNull(terms, "terms");
    for (Object t : terms) {
      if (t == null) {
        throw new IllegalArgumentException("malformed domain " + terms + ": null term");
      }
    }
    List<Object> copy = List.copyOf(terms);
    int n = countTopLevel(copy);
    if (n < 0) {
      throw new IllegalArgumentException("malformed domain " + copy);
    }
    return copy.isEmpty() ? ALL : new Domain(copy);
  }

  /** Both this and the other domain. */
  public Domain and(Domain other) {
    return combine("&", other);
  }

  /** This or the other domain. */
  public Domain or(Domain other) {
    return combine("|", other);
  }

  /** The negation of this domain. */
  public Domain not() {
    if (terms.isEmpty()) {
      throw new IllegalStateException("the empty domain cannot be negated");
    }
    List<Object> out = new ArrayList<>();
    out.add("!");
    out.addAll(normalized());
    return new Domain(Collections.unmodifiableList(out));
  }

  private Domain combine(String op, Domain other) {
    if (other.terms.isEmpty()) {
      return op.equals("&") ? this : ALL;
    }
    if (terms.isEmpty()) {
      return op.equals("&") ? other : ALL;
    }
    List<Object> out = new ArrayList<>();
    out.add(op);
    out.addAll(normalized());
    out.addAll(other.normalized());
    return new Domain(Collections.unmodifiableList(out));
  }

  /** The same domain with implicit ANDs made explicit, so it forms exactly one term. */
  private List<Object> normalized() {
    int n = countTopLevel(terms);
    if (n <= 1) {
      return terms;
    }
    List<Object> out = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      out.add("&");
    }
    out.addAll(terms);
    return out;
  }

  /** Counts top-level terms; -1 when malformed. */
  private static int countTopLevel(List<Object> terms) {
    int count = 0;
    int pos = 0;
    while (pos < terms.size()) {
      pos = skipTerm(terms, pos);
      if (pos < 0) {
        return -1;
      }
      count++;
    }
    return count;
  }

  private static int skipTerm(List<Object> terms, int pos) {
    if (pos >= terms.size()) {
      return -1;
    }
    Object t = terms.get(pos);
    if ("&".equals(t) || "|".equals(t)) {
      int next = skipTerm(terms, pos + 1);
      return next < 0 ? -1 : skipTerm(terms, next);
    }
    if ("!".equals(t)) {
      return skipTerm(terms, pos + 1);
    }
    if (t instanceof List<?> leaf && leaf.size() == 3 && leaf.get(0) instanceof String
        && leaf.get(1) instanceof String op && OPERATORS.contains(op)) {
      return pos + 1;
    }
    if (t instanceof List<?> leaf && leaf.size() == 3 && leaf.get(0) instanceof Number n
        && (n.longValue() == 0 || n.longValue() == 1) && "=".equals(leaf.get(1)) && leaf.get(2) instanceof Number) {
      return pos + 1; // TRUE_LEAF (1, '=', 1) / FALSE_LEAF (0, '=', 1)
    }
    return -1;
  }

  /** Whether this is the empty domain. */
  public boolean isAll() {
    return terms.isEmpty();
  }

  /** The terms as sent to Odoo. */
  public List<Object> terms() {
    return terms;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Domain d && d.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  @Override
  public String toString() {
    return terms.toString();
  }
}
