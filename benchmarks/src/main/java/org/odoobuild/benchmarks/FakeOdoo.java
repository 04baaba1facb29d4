package org.odoobuild.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal in-memory stand-in for Odoo's JSON-2 API, enough for the bulk benchmarks:
 * {@code create} (one dict or a list), {@code load} (upsert by external id in column
 * {@code id}) and {@code search_count} on any model; and {@code search_read} on
 * {@code bench.row}, which generates {@code syntheticRows} rows on the fly, page by page
 * ({@code [["id", ">", n]]}, {@code limit}), so the server holds none of them.
 *
 * <p>TODO: switch the bulk benchmarks to {@code org.odoobuild.testkit.OdooEmulator} once
 * odoo-testkit provides it.
 */
public final class FakeOdoo implements LoopbackServer.Handler {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Map<Long, Map<String, Object>>> tables = new HashMap<>();
  private final Map<String, Long> xmlIds = new HashMap<>();
  private final AtomicLong nextId = new AtomicLong();
  private final long syntheticRows;

  /** A fake with no synthetic rows. */
  public FakeOdoo() {
    this(0);
  }

  /** A fake whose {@code bench.row} model has {@code syntheticRows} rows (ids 1..n), generated when read. */
  public FakeOdoo(long syntheticRows) {
    this.syntheticRows = syntheticRows;
  }

  /** Forgets every stored record. */
  public synchronized void clear() {
    tables.clear();
    xmlIds.clear();
  }

  /** Records stored in a model. */
  public synchronized int size(String model) {
    return tables.getOrDefault(model, Map.of()).size();
  }

  @Override
  public synchronized byte[] answer(String path, byte[] body) throws IOException {
    String[] parts = path.split("/"); // "", "json", "2", model, method
    if (parts.length != 5 || !parts[1].equals("json") || !parts[2].equals("2")) {
      throw new IOException("not a JSON-2 path: " + path);
    }
    String model = parts[3];
    String method = parts[4];
    @SuppressWarnings("unchecked")
    Map<String, Object> args = MAPPER.readValue(body, Map.class);
    return switch (method) {
      case "create" -> create(model, args.get("vals_list"));
      case "load" -> load(model, args);
      case "search_count" -> MAPPER.writeValueAsBytes(model.equals("bench.row") ? syntheticRows : size(model));
      case "search_read" -> searchRead(model, args);
      default -> throw new IOException("method not emulated: " + method);
    };
  }

  private Map<Long, Map<String, Object>> table(String model) {
    return tables.computeIfAbsent(model, m -> new HashMap<>());
  }

  @SuppressWarnings("unchecked")
  private byte[] create(String model, Object vals) throws IOException {
    if (vals instanceof Map<?, ?> one) {
      long id = nextId.incrementAndGet();
      table(model).put(id, new LinkedHashMap<>((Map<String, Object>) one));
      return MAPPER.writeValueAsBytes(id);
    }
    List<Long> ids = new ArrayList<>();
    for (Object o : (List<Object>) vals) {
      long id = nextId.incrementAndGet();
      table(model).put(id, new LinkedHashMap<>((Map<String, Object>) o));
      ids.add(id);
    }
    return MAPPER.writeValueAsBytes(ids);
  }

  @SuppressWarnings("unchecked")
  private byte[] load(String model, Map<String, Object> args) throws IOException {
    List<String> fields = (List<String>) args.get("fields");
    List<List<Object>> data = (List<List<Object>>) args.get("data");
    int idCol = fields.indexOf("id");
    List<Long> ids = new ArrayList<>(data.size());
    Map<Long, Map<String, Object>> t = table(model);
    for (List<Object> row : data) {
      Long id = idCol < 0 ? null : xmlIds.get(model + "/" + row.get(idCol));
      if (id == null) {
        id = nextId.incrementAndGet();
        if (idCol >= 0) {
          xmlIds.put(model + "/" + row.get(idCol), id);
        }
      }
      Map<String, Object> rec = t.computeIfAbsent(id, k -> new LinkedHashMap<>());
      for (int i = 0; i < fields.size(); i++) {
        if (i != idCol) {
          rec.put(fields.get(i), row.get(i));
        }
      }
      ids.add(id);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ids", ids);
    out.put("messages", List.of());
    out.put("nextrow", 0);
    return MAPPER.writeValueAsBytes(out);
  }

  /** Synthetic rows of {@code bench.row}: {@code id > last} (from the domain), at most {@code limit}. */
  private byte[] searchRead(String model, Map<String, Object> args) throws IOException {
    if (!model.equals("bench.row")) {
      throw new IOException("search_read is only emulated on bench.row");
    }
    long after = 0;
    if (args.get("domain") instanceof List<?> domain) {
      for (Object term : domain) {
        if (term instanceof List<?> t && t.size() == 3 && "id".equals(t.get(0)) && ">".equals(t.get(1))) {
          after = ((Number) t.get(2)).longValue();
        }
      }
    }
    long limit = args.get("limit") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    long last = Math.min(syntheticRows, after + limit);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * (int) Math.max(0, Math.min(last - after, 10_000)));
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartArray();
      for (long id = after + 1; id <= last; id++) {
        g.writeStartObject();
        g.writeNumberField("id", id);
        g.writeStringField("name", "Vendor " + id);
        g.writeStringField("ref", "V-" + id);
        g.writeStringField("email", "vendor" + id + "@example.com");
        g.writeBooleanField("is_company", true);
        g.writeNumberField("supplier_rank", 1);
        g.writeFieldName("country_id");
        g.writeStartArray();
        g.writeNumber(233);
        g.writeString("United States");
        g.writeEndArray();
        g.writeNumberField("credit_limit", 2500.0);
        g.writeStringField("write_date", "2025-12-27 10:00:00");
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    return bytes.toByteArray();
  }
}
