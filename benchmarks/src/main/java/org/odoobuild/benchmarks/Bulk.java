package org.odoobuild.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;

/**
 * The two ways of pushing many records that the bulk benchmarks compare: one {@code load}
 * (upsert by external id) per batch, as the connectors' Odoo sink does, against one
 * {@code create} per record.
 *
 * <p>{@link EngineBenchmark} drives the same vendors through the connectors' {@code SyncEngine}
 * and a {@code RowSink}; the wire traffic is the same (one {@code load} per batch).
 */
public final class Bulk {
  /** Records per bulk run. */
  public static final int RECORDS = 10_000;
  /** Rows per {@code load} request. */
  public static final int BATCH = 1_000;

  static final List<String> VENDOR_FIELDS = List.of("id", "name", "ref", "email", "is_company", "supplier_rank");
  static final List<String> LINE_FIELDS = List.of("id", "order_id/id", "product_id/id", "name", "product_qty",
      "price_unit");

  private Bulk() {}

  /** A JSON-2 client of Odoo 19 for a loopback server. */
  static OdooClient client(String url) {
    return OdooClient.builder().url(url).database("db").apiKey("k").serverVersion(org.odoobuild.client.ServerVersion.of(19))
        .protocol(org.odoobuild.client.Protocol.JSON2).build();
  }

  static List<Object> vendorRow(int i) {
    return List.of("bench.vendor_" + i, "Vendor " + i, "V-" + i, "vendor" + i + "@example.com", true, 1);
  }

  static List<Object> lineRow(int i) {
    return List.of("bench.po_line_" + i, "bench.po_" + (i / 20), "bench.product_" + (i % 500), "Line " + i,
        1.0 + (i % 7), 12.5 + (i % 100));
  }

  static Map<String, Object> asValues(List<String> fields, List<Object> row) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (int i = 1; i < fields.size(); i++) {
      v.put(fields.get(i).replace("/id", ""), row.get(i));
    }
    return v;
  }

  /** Upserts {@code n} rows with one {@code load} per batch; returns the ids. */
  static int loadBatched(OdooClient odoo, String model, List<String> fields, int n, boolean lines) {
    OdooModel m = odoo.model(model);
    int done = 0;
    List<List<Object>> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < n; i++) {
      batch.add(lines ? lineRow(i) : vendorRow(i));
      if (batch.size() == BATCH || i == n - 1) {
        LoadResult r = m.load(fields, batch);
        if (!r.isSuccess() || r.ids().size() != batch.size()) {
          throw new IllegalStateException("load refused: " + r);
        }
        done += r.ids().size();
        batch.clear();
      }
    }
    return done;
  }

  /** Creates {@code n} records with one {@code create} request each. */
  static int createPerRecord(OdooClient odoo, String model, List<String> fields, int n, boolean lines) {
    OdooModel m = odoo.model(model);
    long last = 0;
    for (int i = 0; i < n; i++) {
      last = m.create(asValues(fields, lines ? lineRow(i) : vendorRow(i)));
    }
    return last > 0 ? n : 0;
  }
}
