package org.odoobuild.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.testkit.OdooEmulator;

/**
 * Bulk work against the embedded Odoo emulator of odoo-testkit (an in-memory ORM behind the real
 * JSON-2 wire format): 10,000 vendors and 10,000 purchase-order lines spread over 500 orders and
 * 500 products, which are seeded with external ids so that {@code load} can refer to them.
 */
public final class EmulatorBulk implements AutoCloseable {
  static {
    // see LoopbackServer: without TCP_NODELAY on the JDK server, each answer waits ~40 ms
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  static final int ORDERS = 500;
  static final int PRODUCTS = 500;

  final OdooEmulator odoo;
  final OdooClient client;
  private final int[] orderIds = new int[ORDERS];
  private final int[] productIds = new int[PRODUCTS];

  /** Starts an emulator (Odoo 19, no demo data), seeds orders and products, connects a JSON-2 client. */
  public EmulatorBulk() {
    odoo = OdooEmulator.builder().version(19).database("bench").apiKey("bench-key").build().start();
    int vendor = odoo.seed("res.partner", Map.of("name", "Bench Supplier", "is_company", true, "supplier_rank", 1));
    for (int i = 0; i < PRODUCTS; i++) {
      productIds[i] = odoo.seed("product.product", Map.of("name", "Product " + i, "default_code", "P-" + i));
      odoo.registerExternalId("bench.product_" + i, "product.product", productIds[i]);
    }
    for (int i = 0; i < ORDERS; i++) {
      orderIds[i] = odoo.seed("purchase.order", Map.of("partner_id", vendor));
      odoo.registerExternalId("bench.po_" + i, "purchase.order", orderIds[i]);
    }
    client = OdooClient.builder().url(odoo.url().toString()).database("bench").apiKey("bench-key")
        .serverVersion(ServerVersion.of(19)).protocol(Protocol.JSON2).build();
  }

  /** Vendors: one {@code load} per 1,000 rows (upsert by external id). */
  int vendorsLoadBatched(int n) {
    return Bulk.loadBatched(client, "res.partner", Bulk.VENDOR_FIELDS, n, false);
  }

  /** Vendors: one {@code create} per record. */
  int vendorsCreatePerRecord(int n) {
    return Bulk.createPerRecord(client, "res.partner", Bulk.VENDOR_FIELDS, n, false);
  }

  /** PO lines: one {@code load} per 1,000 rows, orders and products by external id. */
  int linesLoadBatched(int n) {
    return Bulk.loadBatched(client, "purchase.order.line", Bulk.LINE_FIELDS, n, true);
  }

  /** PO lines: one {@code create} per record, orders and products by database id. */
  int linesCreatePerRecord(int n) {
    OdooModel m = client.model("purchase.order.line");
    for (int i = 0; i < n; i++) {
      m.create(lineValues(i));
    }
    return n;
  }

  Map<String, Object> lineValues(int i) {
    List<Object> row = Bulk.lineRow(i);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("order_id", orderIds[i / 20 % ORDERS]);
    v.put("product_id", productIds[i % PRODUCTS]);
    v.put("name", row.get(3));
    v.put("product_qty", row.get(4));
    v.put("price_unit", row.get(5));
    return v;
  }

  /** Checks that a {@code load} went through (used once, outside timing). */
  static void requireOk(LoadResult r) {
    if (!r.isSuccess()) {
      throw new IllegalStateException("load refused: " + r.messages());
    }
  }

  List<Map<String, Object>> records(String model) {
    return new ArrayList<>(odoo.records(model));
  }

  @Override
  public void close() {
    client.close();
    odoo.close();
  }
}
