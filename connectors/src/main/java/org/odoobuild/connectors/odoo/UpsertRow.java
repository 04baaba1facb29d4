package org.odoobuild.connectors.odoo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record to create-or-update in Odoo by external id, in {@code load()} form: the
 * external id and the column values (plain text or numbers; relations as {@code field/id}
 * with an external id or {@code field/.id} with a database id).
 *
 * @param externalId {@code module.name}, e.g. {@code construction_sdk.vendor_procore_42}
 * @param columns column → value
 */
public record UpsertRow(String externalId, Map<String, Object> columns) {

  /** Validates the external id and copies the columns (order kept). */
  public UpsertRow {
    Objects.requireNonNull(externalId, "externalId");
    if (!externalId.matches("[A-Za-z0-9_]+\\.[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("an external id is module.name, got '" + externalId + "'");
    }
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }
}
