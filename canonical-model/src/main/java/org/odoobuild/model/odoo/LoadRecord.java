package org.odoobuild.model.odoo;

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
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    lines = lines.stream().map(m -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))).toList();
  }

  /** A record without lines. */
  public static LoadRecord of(String model, String externalId, Map<String, String> values) {
    return new LoadRecord(model, externalId, values, Optional.empty(), List.of());
  }
}
