package org.odoobuild.connectors.odoo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;

/**
 * A sink that upserts records into one Odoo model by external id with {@code load()}: one
 * request per batch, re-sending the same record updates it instead of duplicating it. Odoo
 * refuses a whole {@code load} when one row is bad; the sink then reports the refused rows as
 * failed (with Odoo's message) and loads the others again.
 * <pre>{@code
 * Sink<Vendor> sink = OdooUpsertSink.of(odoo, "res.partner",
 *     v -> new UpsertRow(v.externalId(), Map.of("name", v.name(), "supplier_rank", 1)));
 * }</pre>
 *
 * @param <T> the payload type
 */
public final class OdooUpsertSink<T> implements Sink<T> {
  private final OdooModel model;
  private final Function<T, UpsertRow> mapper;

  private OdooUpsertSink(OdooModel model, Function<T, UpsertRow> mapper) {
    this.model = model;
    this.mapper = mapper;
  }

  /** A sink into {@code model} with a mapping from payload to row. */
  public static <T> OdooUpsertSink<T> of(OdooClient odoo, String model, Function<T, UpsertRow> mapper) {
    return new OdooUpsertSink<>(odoo.model(model), Objects.requireNonNull(mapper, "mapper"));
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<T>> batch) {
    SinkResult[] results = new SinkResult[batch.size()];
    List<Integer> pending = new ArrayList<>();
    List<UpsertRow> rows = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        rows.add(mapper.apply(batch.get(i).payload()));
        pending.add(i);
      } catch (RuntimeException e) {
        rows.add(null);
        results[i] = SinkResult.failed(new IllegalArgumentException("cannot map to " + model.name() + ": "
            + e.getMessage(), e));
      }
    }
    // rows with different column sets are loaded separately: an absent column must not clear a field
    Map<Set<String>, List<Integer>> groups = new java.util.LinkedHashMap<>();
    for (int i : pending) {
      groups.computeIfAbsent(rows.get(i).columns().keySet(), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> group : groups.values()) {
      loadGroup(group, rows, results);
    }
    return List.of(results);
  }

  private void loadGroup(List<Integer> group, List<UpsertRow> rows, SinkResult[] results) {
    List<Integer> pending = group;
    while (!pending.isEmpty()) {
      List<String> columns = columns(pending, rows);
      List<List<Object>> data = new ArrayList<>(pending.size());
      for (int i : pending) {
        data.add(row(columns, rows.get(i)));
      }
      LoadResult r = model.load(columns, data);
      if (r.isSuccess() && r.ids().size() == pending.size()) {
        for (int k = 0; k < pending.size(); k++) {
          results[pending.get(k)] = SinkResult.applied(model.name() + "," + r.ids().get(k));
        }
        return;
      }
      Map<Integer, String> refused = new HashMap<>();
      for (LoadResult.Message m : r.errors()) {
        int row = m.row().orElse(-1);
        if (row >= 0 && row < pending.size()) {
          refused.merge(pending.get(row), m.field().map(f -> f + ": ").orElse("") + m.message(), (a, b) -> a + "; " + b);
        }
      }
      if (refused.isEmpty()) {
        // Odoo refused without naming a row: fail them all with its message
        String why = r.errors().isEmpty() ? "load() imported nothing" : r.errors().get(0).message();
        for (int i : pending) {
          results[i] = SinkResult.failed("refused by Odoo: " + why);
        }
        return;
      }
      List<Integer> still = new ArrayList<>();
      for (int i : pending) {
        if (refused.containsKey(i)) {
          results[i] = SinkResult.failed("refused by Odoo: " + refused.get(i));
        } else {
          still.add(i);
        }
      }
      pending = still;
    }
  }

  private static List<String> columns(List<Integer> pending, List<UpsertRow> rows) {
    Set<String> cols = new LinkedHashSet<>();
    cols.add("id");
    for (int i : pending) {
      cols.addAll(rows.get(i).columns().keySet());
    }
    return new ArrayList<>(cols);
  }

  private static List<Object> row(List<String> columns, UpsertRow r) {
    List<Object> out = new ArrayList<>(columns.size());
    out.add(r.externalId());
    for (int c = 1; c < columns.size(); c++) {
      out.add(text(r.columns().get(columns.get(c))));
    }
    return out;
  }

  /** Import-format text of a value, as {@code load()} expects it. */
  static String text(Object v) {
    if (v == null || Boolean.FALSE.equals(v)) {
      return "";
    }
    if (Boolean.TRUE.equals(v)) {
      return "1";
    }
    if (v instanceof BigDecimal b) {
      return b.toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue()).toPlainString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof java.util.Optional<?> o) {
      return o.map(OdooUpsertSink::text).orElse("");
    }
    return v.toString();
  }
}
