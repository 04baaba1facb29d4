package org.odoobuild.adapters.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One canonical record as {@code load()} columns: its external id (the {@code id} column),
 * header values, and optionally one2many lines written as continuation rows under
 * {@code linesField/…} columns (each line with its own external id in {@code linesField/id}).
 * Values are texts as the import expects them; many2one columns end in {@code /id}
 * (external id) or {@code /.id} (database id).
 *
 * @param model the Odoo model
 * @param externalId the record's external id
 * @param values header columns → values (without {@code id})
 * @param linesField the one2many field of the lines, when there are lines
 * @param lines each line's sub-columns → values (without the {@code linesField/} prefix)
 */
public record LoadRecord(String model, String externalId, Map<String, String> values, Optional<String> linesField,
    List<Map<String, String>> lines) {

  /** Copies the maps, keeping column order. */
  public LoadRecord {
    java.util.Objects.requireNonNull(model, "model");
    if (externalId == null || !externalId.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("an external id is module.name, got '" + externalId + "'");
    }
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    lines = lines.stream().map(m -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))).toList();
  }

  /**
   * A record without lines; values are turned into the text {@code load()} expects
   * ({@link #importText}).
   */
  public static LoadRecord of(String model, String externalId, Map<String, ?> values) {
    Map<String, String> text = new LinkedHashMap<>();
    values.forEach((k, v) -> text.put(k, importText(v)));
    return new LoadRecord(model, externalId, text, Optional.empty(), List.of());
  }

  /**
   * The import text of a value: {@code ""} for absent or {@code false}, {@code "1"} for
   * {@code true}, plain decimals (never exponents), ISO dates, else {@code toString()}.
   */
  public static String importText(Object v) {
    if (v == null || Boolean.FALSE.equals(v)) {
      return "";
    }
    if (Boolean.TRUE.equals(v)) {
      return "1";
    }
    if (v instanceof java.math.BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      return java.math.BigDecimal.valueOf(((Number) v).doubleValue()).toPlainString();
    }
    if (v instanceof Optional<?> o) {
      return o.map(LoadRecord::importText).orElse("");
    }
    return v.toString();
  }
}
