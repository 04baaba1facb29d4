package org.odoobuild.adapters.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.client.OdooJson;
import org.odoobuild.client.Record;
import org.odoobuild.testkit.WireRecordings;

/** The recorded Odoo 19 JSON-2 answers ({@link WireRecordings}), decoded by the client's JSON codec. */
final class Wire {
  private Wire() {
  }

  /** The decoded response body of {@code odoo-19/json2/<file>}. */
  static Object response(String file) {
    String body = WireRecordings.get(19, "json2", file.replaceFirst("\\.json$", "")).response().body();
    return OdooJson.read(body);
  }

  @SuppressWarnings("unchecked")
  static List<Record> records(String file) {
    List<Record> out = new ArrayList<>();
    for (Object o : (List<Object>) response(file)) {
      out.add(new Record((Map<String, Object>) o));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static OdooSchema schemaFromFieldsGet(String model, String file) {
    Set<String> names = ((Map<String, Object>) response(file)).keySet();
    return OdooSchema.fromFields(19, m -> m.equals(model) ? Optional.of(Set.copyOf(names)) : Optional.empty());
  }

  /**
   * What Odoo would read back after a create with these values: the values go through the
   * client's JSON codec (as on the wire); x2many create commands become expanded rows.
   */
  @SuppressWarnings("unchecked")
  static Record stored(long id, Map<String, Object> vals) {
    Map<String, Object> wire = (Map<String, Object>) OdooJson.read(OdooJson.write(vals));
    Map<String, Object> row = new LinkedHashMap<>(wire);
    row.put("id", id);
    long sub = id * 100;
    for (Map.Entry<String, Object> e : wire.entrySet()) {
      if (e.getValue() instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List<?> cmd && cmd.size() == 3
          && cmd.get(2) instanceof Map) {
        List<Object> rows = new ArrayList<>();
        for (Object c : l) {
          Map<String, Object> lineRow = new LinkedHashMap<>((Map<String, Object>) ((List<Object>) c).get(2));
          lineRow.put("id", ++sub);
          rows.add(lineRow);
        }
        row.put(e.getKey(), rows);
      }
    }
    return new Record(row);
  }
}
