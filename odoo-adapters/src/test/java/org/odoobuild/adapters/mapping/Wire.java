package org.odoobuild.adapters.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.client.Record;
import org.odoobuild.client.internal.JsonCodec;
import org.odoobuild.adapters.mapping.OdooSchema;

/** Reads the recorded Odoo exchanges in place (never copied into the repository). */
final class Wire {
  private Wire() {
  }

  static Path dir() {
    String p = System.getProperty("odoo.wire.dir");
    Path d = p != null ? Path.of(p) : Path.of("..", "..", "shared", "odoo-wire");
    if (!Files.isDirectory(d)) {
      d = Path.of(System.getProperty("user.dir")).resolve("../../shared/odoo-wire").normalize();
    }
    return d;
  }

  @SuppressWarnings("unchecked")
  static Object response(String file) {
    try {
      Path f = dir().resolve("odoo-19/json2").resolve(file);
      Map<String, Object> exchange = (Map<String, Object>) JsonCodec.read(Files.readAllBytes(f));
      String body = (String) ((Map<String, Object>) exchange.get("response")).get("body");
      return JsonCodec.read(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
    try {
      Map<String, Object> wire = (Map<String, Object>) JsonCodec.read(JsonCodec.write(vals).getBytes(StandardCharsets.UTF_8));
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
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
