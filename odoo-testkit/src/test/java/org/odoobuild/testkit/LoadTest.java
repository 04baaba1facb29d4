package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadTest {

    @Test
    @SuppressWarnings("unchecked")
    void createsThenUpdatesByExternalIdAndRejectsBadRows() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().build().start()) {
            Rpc rpc = new Rpc(odoo);
            List<String> fields = List.of("id", "name", "ref", "supplier_rank", "country_id");
            Map<String, Object> r1 = (Map<String, Object>) rpc.call("res.partner", "load", List.of(fields, List.of(
                    List.of("wire_sdk.vendor_001", "Vendor 1", "V1", "1", "United States"),
                    List.of("wire_sdk.vendor_002", "Vendor 2", "V2", "2", ""))));
            List<Object> ids = (List<Object>) r1.get("ids");
            assertEquals(List.of(), r1.get("messages"));
            assertEquals(0, r1.get("nextrow"));
            assertEquals(ids.get(0), odoo.externalId("wire_sdk.vendor_001").getAsInt());
            Map<String, Object> r2 = (Map<String, Object>) rpc.call("res.partner", "load", List.of(fields, List.of(
                    List.of("wire_sdk.vendor_001", "Vendor 1 (updated)", "V1", "5", "United States"),
                    List.of("wire_sdk.vendor_002", "Vendor 2", "V2-B", "6", ""))));
            assertEquals(ids, r2.get("ids"));
            List<Map<String, Object>> rows = rpc.searchRead("res.partner", List.of(List.of("id", "in", ids)),
                    Map.of("fields", List.of("name", "ref", "supplier_rank", "country_id"), "order", "id"));
            assertEquals("Vendor 1 (updated)", rows.get(0).get("name"));
            assertEquals(5, rows.get(0).get("supplier_rank"));
            assertEquals(List.of(233, "United States"), rows.get(0).get("country_id"));
            assertEquals("V2-B", rows.get(1).get("ref"));

            Map<String, Object> bad = (Map<String, Object>) rpc.call("res.partner", "load", List.of(List.of("id", "name", "supplier_rank"),
                    List.of(List.of("wire_sdk.vendor_003", "Vendor 3", "not-a-number"), List.of("wire_sdk.vendor_004", "Vendor 4", "4"))));
            assertEquals(false, bad.get("ids"));
            Map<String, Object> msg = ((List<Map<String, Object>>) bad.get("messages")).get(0);
            assertEquals("'not-a-number' does not seem to be an integer for field 'Supplier Rank'", msg.get("message"));
            assertEquals(List.of("rows", "type", "record", "field", "message", "field_name"), List.copyOf(msg.keySet()));
            assertTrue(odoo.externalId("wire_sdk.vendor_004").isEmpty(), "nothing imported");

            // many2one by external id
            Map<String, Object> r3 = (Map<String, Object>) rpc.call("res.partner", "load", List.of(List.of("name", "parent_id/id"),
                    List.of(List.of("Contact of 1", "wire_sdk.vendor_001"))));
            int contact = (Integer) ((List<Object>) r3.get("ids")).get(0);
            assertEquals(List.of(ids.get(0), "Vendor 1 (updated)"), rpc.searchRead("res.partner", List.of(List.of("id", "=", contact)),
                    Map.of("fields", List.of("parent_id"))).get(0).get("parent_id"));
        }
    }

    private static final List<String> PO_COLUMNS = List.of("id", "partner_id", "order_line/product_id", "order_line/name",
            "order_line/product_qty", "order_line/price_unit");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Rpc rpc, String model, List<String> fields, List<List<Object>> rows) throws Exception {
        return (Map<String, Object>) rpc.call(model, "load", List.of(fields, rows));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Rpc rpc, Object po) throws Exception {
        return rpc.searchRead("purchase.order.line", List.of(List.of("order_id", "=", po)),
                Map.of("fields", List.of("product_id", "name", "product_qty", "price_unit"), "order", "id"));
    }

    private static int poCount(Rpc rpc) throws Exception {
        return (Integer) rpc.call("purchase.order", "search_count", List.of(List.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void oneTwoManySubColumnsAndContinuationRowsMakeOrderLines(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            Map<String, Object> r = load(rpc, "purchase.order", PO_COLUMNS, List.of(
                    List.of("wire_sdk.po_001", "Wood Corner", "[CON-C30] Concrete C30/37", "Slab pour", "10", "120.5"),
                    List.of("", "", "REB-12", "Rebar", "500", "0.95"),
                    List.of("", "", "Plywood sheet 18mm", "Formwork", "40", "32.5"),
                    List.of("wire_sdk.po_002", "Deco Addict", "Safety helmet", "Helmets", "12", "12")));
            assertEquals(List.of(), r.get("messages"));
            List<Object> ids = (List<Object>) r.get("ids");
            assertEquals(2, ids.size(), "continuation rows add lines, they are not records");
            assertEquals(ids.get(0), odoo.externalId("wire_sdk.po_001").getAsInt());
            Map<String, Object> po = rpc.searchRead("purchase.order", List.of(List.of("id", "=", ids.get(0))),
                    Map.of("fields", List.of("partner_id", "order_line", "amount_untaxed"))).get(0);
            assertEquals(List.of(8, "Wood Corner"), po.get("partner_id"));
            List<Map<String, Object>> l = lines(rpc, ids.get(0));
            assertEquals(po.get("order_line"), l.stream().map(x -> x.get("id")).toList());
            assertEquals(List.of(List.of(1, "[CON-C30] Concrete C30/37"), List.of(2, "[REB-12] Rebar 12mm"), List.of(4, "[PLY-18] Plywood sheet 18mm")),
                    l.stream().map(x -> x.get("product_id")).toList());
            assertEquals(List.of("Slab pour", "Rebar", "Formwork"), l.stream().map(x -> x.get("name")).toList());
            assertEquals(List.of(10.0, 500.0, 40.0), l.stream().map(x -> x.get("product_qty")).toList());
            assertEquals(List.of(120.5, 0.95, 32.5), l.stream().map(x -> x.get("price_unit")).toList());
            assertEquals(1205.0 + 475.0 + 1300.0, po.get("amount_untaxed"));
            assertEquals(1, lines(rpc, ids.get(1)).size());

            // same external id again: the order is written with create commands, so the lines are added to the old ones
            Map<String, Object> again = load(rpc, "purchase.order", PO_COLUMNS, List.of(
                    List.of("wire_sdk.po_001", "Wood Corner", "CON-C30", "Slab pour", "12", "119")));
            assertEquals(List.of(ids.get(0)), again.get("ids"));
            List<Map<String, Object>> after = lines(rpc, ids.get(0));
            assertEquals(4, after.size());
            assertEquals(l, after.subList(0, 3), "lines without a reference are never matched to existing ones");
            assertEquals(12.0, after.get(3).get("product_qty"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void lineExternalIdsUpdateLinesInPlaceOnReload(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            odoo.registerExternalId("wire_sdk.concrete", "product.product", 1);
            odoo.registerExternalId("wire_sdk.rebar", "product.product", 2);
            odoo.registerExternalId("wire_sdk.vendor_wood", "res.partner", 8);
            List<String> fields = List.of("id", "partner_id/id", "order_line/id", "order_line/product_id/id",
                    "order_line/product_qty", "order_line/price_unit");
            // one referencing column per relation: an external id and a database id column side by side are ambiguous
            Map<String, Object> mixed = load(rpc, "purchase.order", List.of("id", "partner_id", "order_line/product_id/id",
                    "order_line/product_id/.id"), List.of(List.of("wire_sdk.po_009", "Wood Corner", "wire_sdk.concrete", "")));
            assertEquals("Ambiguous specification for field 'Order Lines/Product', only provide one of name, external id or database id",
                    ((List<Map<String, Object>>) mixed.get("messages")).get(0).get("message"));
            Map<String, Object> r = load(rpc, "purchase.order", fields, List.of(
                    List.of("wire_sdk.po_010", "wire_sdk.vendor_wood", "wire_sdk.po_010_l1", "wire_sdk.concrete", "10", "120"),
                    List.of("", "", "po_010_l2", "wire_sdk.rebar", "500", "0.95")));
            assertEquals(List.of(), r.get("messages"));
            int po = (Integer) ((List<Object>) r.get("ids")).get(0);
            List<Map<String, Object>> first = lines(rpc, po);
            assertEquals(2, first.size());
            int l1 = odoo.externalId("wire_sdk.po_010_l1").getAsInt();
            int l2 = odoo.externalId("__import__.po_010_l2").getAsInt();
            assertEquals(List.of(l1, l2), first.stream().map(x -> x.get("id")).toList(), "created lines take the external ids given");

            // reload: lines found by external id are linked and updated, a new external id adds a line
            List<String> byDbId = List.of("id", "partner_id/id", "order_line/id", "order_line/product_id/.id",
                    "order_line/product_qty", "order_line/price_unit");
            Map<String, Object> again = load(rpc, "purchase.order", byDbId, List.of(
                    List.of("wire_sdk.po_010", "wire_sdk.vendor_wood", "wire_sdk.po_010_l1", "1", "12", "118"),
                    List.of("", "", "po_010_l2", "2", "450", "0.99"),
                    List.of("", "", "wire_sdk.po_010_l3", "6", "20", "12")));
            assertEquals(List.of(), again.get("messages"));
            assertEquals(List.of(po), again.get("ids"));
            List<Map<String, Object>> after = lines(rpc, po);
            assertEquals(3, after.size());
            assertEquals(List.of(l1, l2), after.subList(0, 2).stream().map(x -> x.get("id")).toList());
            assertEquals(List.of(12.0, 450.0, 20.0), after.stream().map(x -> x.get("product_qty")).toList());
            assertEquals(List.of(118.0, 0.99, 12.0), after.stream().map(x -> x.get("price_unit")).toList());
            assertEquals(List.of(1, 2, 6), after.stream().map(x -> ((List<Object>) x.get("product_id")).get(0)).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void badCellsInLinesAreReportedPerRecordAndNothingIsImported(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int before = poCount(rpc);
            Map<String, Object> r = load(rpc, "purchase.order", PO_COLUMNS, List.of(
                    List.of("wire_sdk.po_020", "Wood Corner", "CON-C30", "ok", "10", "120"),
                    List.of("wire_sdk.po_021", "Wood Corner", "CON-C30", "ok", "10", "120"),
                    List.of("", "", "CON-C30", "bad", "ten", "120"),
                    List.of("wire_sdk.po_022", "Nobody Ltd", "No such product", "x", "1", "1")));
            assertEquals(false, r.get("ids"));
            List<Map<String, Object>> msgs = (List<Map<String, Object>>) r.get("messages");
            assertEquals(4, msgs.size(), msgs.toString());
            Map<String, Object> qty = msgs.get(0);
            assertEquals(Map.of("from", 1, "to", 2), qty.get("rows"));
            assertEquals(1, qty.get("record"));
            assertEquals("order_line", qty.get("field"));
            assertEquals("'ten' does not seem to be a number for field 'Order Lines/Quantity'", qty.get("message"));
            assertEquals("Order Lines", qty.get("field_name"));
            assertEquals(List.of("rows", "type", "record", "field", "message", "field_name"), List.copyOf(qty.keySet()));
            Map<String, Object> partner = msgs.get(1);
            assertEquals("No matching record found for name 'Nobody Ltd' in field 'Vendor'", partner.get("message"));
            assertEquals(List.of("rows", "type", "record", "field", "message", "moreinfo", "field_name"), List.copyOf(partner.keySet()));
            assertEquals("res.partner", ((Map<String, Object>) partner.get("moreinfo")).get("res_model"));
            assertEquals("No matching record found for name 'No such product' in field 'Order Lines/Product'", msgs.get(2).get("message"));
            assertEquals(2, msgs.get(2).get("record"), "record counts records, rows count rows");
            assertEquals(Map.of("from", 3, "to", 3), msgs.get(2).get("rows"));
            // the order without a vendor is still saved, and the database refuses it
            Map<String, Object> notNull = msgs.get(3);
            assertEquals(List.of("rows", "record", "type", "message", "field"), List.copyOf(notNull.keySet()));
            assertEquals(2, notNull.get("record"));
            assertEquals("partner_id", notNull.get("field"));
            assertEquals(version >= 19 ? "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                    + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                    + "Model: Purchase Order (purchase.order)\nField: Vendor (partner_id)"
                    : "Missing required value for the field 'Vendor' (partner_id)", notNull.get("message"));
            assertEquals(before, poCount(rpc), "nothing imported");
            assertTrue(odoo.externalId("wire_sdk.po_020").isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    void unknownSubFieldIsRefusedLikeOdoo(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int before = poCount(rpc);
            List<String> fields = new ArrayList<>(PO_COLUMNS);
            fields.set(2, "order_line/product_idx");
            Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> load(rpc, "purchase.order", fields, List.of(
                    List.of("wire_sdk.po_030", "Wood Corner", "CON-C30", "x", "1", "1"))));
            assertEquals("builtins.ValueError", f.name());
            assertEquals("Invalid field name 'product_idx'", f.message());
            Rpc.Failure top = assertThrows(Rpc.Failure.class, () -> load(rpc, "purchase.order", List.of("id", "vendor"),
                    List.of(List.of("wire_sdk.po_031", "Wood Corner"))));
            assertEquals("Invalid field name 'vendor'", top.message());
            assertEquals(before, poCount(rpc));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void relationalColumnsByNameExternalIdAndDatabaseId(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            Map<String, Object> r = load(rpc, "res.partner", List.of("id", "name", "parent_id/.id", "country_id", "category_id"), List.of(
                    List.of("wire_sdk.c1", "Contact One", "8", "United States", ""),
                    List.of("wire_sdk.c2", "Contact Two", "99999", "", "")));
            assertEquals(false, r.get("ids"));
            Map<String, Object> m = ((List<Map<String, Object>>) r.get("messages")).get(0);
            assertEquals("No matching record found for database id '99999' in field 'Related Company'", m.get("message"));
            assertEquals("ir.model.data", ((Map<String, Object>) m.get("moreinfo")).get("res_model"));

            Map<String, Object> ok = load(rpc, "res.partner", List.of("id", "name", "parent_id.id", "country_id"), List.of(
                    List.of("wire_sdk.c1", "Contact One", "8", "United States")));
            assertEquals(List.of(), ok.get("messages"));
            int c1 = (Integer) ((List<Object>) ok.get("ids")).get(0);
            Map<String, Object> row = rpc.searchRead("res.partner", List.of(List.of("id", "=", c1)), Map.of("fields",
                    List.of("parent_id", "country_id"))).get(0);
            assertEquals(8, ((List<Object>) row.get("parent_id")).get(0));
            assertEquals(233, ((List<Object>) row.get("country_id")).get(0));

            // ".id" column: update by database id
            Map<String, Object> byDb = load(rpc, "res.partner", List.of(".id", "ref"), List.of(List.of(String.valueOf(c1), "C-1")));
            assertEquals(List.of(c1), byDb.get("ids"));
            Map<String, Object> unknown = load(rpc, "res.partner", List.of(".id", "ref"), List.of(List.of("99999", "x")));
            assertEquals("Unknown database identifier '99999'", ((List<Map<String, Object>>) unknown.get("messages")).get(0).get("message"));
        }
    }
}
