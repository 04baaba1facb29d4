package org.odoobuild.connectors.ops;

import java.util.Map;
import java.util.Objects;

/**
 * One difference between a source and Odoo found by reconciliation.
 *
 * @param kind missing in Odoo, extra in Odoo, or different
 * @param key the record key both sides share
 * @param fields for {@link Kind#DIFFERENT}: field → [source value, Odoo value]
 */
public record Drift(Kind kind, String key, Map<String, Difference> fields) {

  /** The kinds of drift. */
  public enum Kind {
    /** The source has the record, Odoo does not. */
    MISSING,
    /** Odoo has a record the source does not. */
    EXTRA,
    /** Both have it with different values. */
    DIFFERENT
  }

  /**
   * A field value on both sides.
   *
   * @param source the source's value (text form)
   * @param odoo Odoo's value (text form)
   */
  public record Difference(String source, String odoo) {}

  /** Validates the parts. */
  public Drift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }
}
