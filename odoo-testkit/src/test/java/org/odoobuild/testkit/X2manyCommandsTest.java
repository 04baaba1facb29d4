package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class X2manyCommandsTest {

    @SuppressWarnings("unchecked")
    private static List<Object> field(Rpc rpc, String model, int id, String field) throws Exception {
        List<Map<String, Object>> r = (List<Map<String, Object>>) rpc.call(model, "read", List.of(List.of(id), List.of(field)));
        return (List<Object>) r.get(0).get(field);
    }

    @Test
    void one2manyCommands() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int po = (Integer) rpc.call("purchase.order", "create", List.of(Map.of("partner_id", 9, "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", 5, "product_qty", 2, "price_unit", 10.0)),
                    List.of(0, 0, Map.of("product_id", 1, "product_qty", 1, "price_unit", 100.0))))));
            List<Object> lines = field(rpc, "purchase.order", po, "order_line");
            assertEquals(2, lines.size());
            int l1 = (Integer) lines.get(0);
            int l2 = (Integer) lines.get(1);
            // [1, id, vals] updates, [0, 0, vals] adds, [2, id] deletes
            rpc.call("purchase.order", "write", List.of(List.of(po), Map.of("order_line", List.of(
                    List.of(1, l1, Map.of("product_qty", 4)), List.of(2, l2), List.of(0, 0, Map.of("product_id", 6, "price_unit", 5.0))))));
            lines = field(rpc, "purchase.order", po, "order_line");
            assertEquals(2, lines.size());
            assertTrue(lines.contains(l1) && !lines.contains(l2));
            assertEquals(0, ((List<?>) rpc.call("purchase.order.line", "search", List.of(List.of(List.of("id", "=", l2))))).size());
            Map<String, Object> total = ((List<Map<String, Object>>) rpc.call("purchase.order", "read",
                    List.of(List.of(po), List.of("amount_untaxed", "amount_total")))).get(0);
            assertEquals(45.0, total.get("amount_untaxed"));
            assertEquals(51.75, total.get("amount_total"));
            // [5] clears (lines of an order are deleted: order_id is required)
            rpc.call("purchase.order", "write", List.of(List.of(po), Map.of("order_line", List.of(List.of(5)))));
            assertEquals(List.of(), field(rpc, "purchase.order", po, "order_line"));
        }
    }

    @Test
    void many2manyCommands() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().build().start()) {
            Rpc rpc = new Rpc(odoo);
            int t1 = odoo.seed("res.partner.category", Map.of("name", "Concrete"));
            int t2 = odoo.seed("res.partner.category", Map.of("name", "Steel"));
            int t3 = odoo.seed("res.partner.category", Map.of("name", "Timber"));
            int p = (Integer) rpc.call("res.partner", "create", List.of(Map.of("name", "V", "category_id", List.of(List.of(6, 0, List.of(t1, t2))))));
            assertEquals(List.of(t1, t2), field(rpc, "res.partner", p, "category_id"));
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("category_id", List.of(List.of(3, t1), List.of(4, t3)))));
            assertEquals(List.of(t2, t3), field(rpc, "res.partner", p, "category_id"));
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("category_id", List.of(List.of(0, 0, Map.of("name", "Glass"))))));
            assertEquals(3, field(rpc, "res.partner", p, "category_id").size());
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("category_id", List.of(List.of(1, t2, Map.of("name", "Steel & Rebar"))))));
            assertEquals("Steel & Rebar", rpc.searchRead("res.partner.category", List.of(List.of("id", "=", t2)), Map.of("fields", List.of("name")))
                    .get(0).get("name"));
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("category_id", List.of(List.of(2, t3)))));
            assertEquals(0, rpc.call("res.partner.category", "search_count", List.of(List.of(List.of("id", "=", t3)))));
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("category_id", List.of(List.of(5)))));
            assertEquals(List.of(), field(rpc, "res.partner", p, "category_id"));
            // a plain list of ids replaces the set
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("category_id", List.of(t1))));
            assertEquals(List.of(t1), field(rpc, "res.partner", p, "category_id"));
            // one2many child_ids with [4, id] links an existing contact
            int c = odoo.seed("res.partner", Map.of("name", "Contact"));
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("child_ids", List.of(List.of(4, c)))));
            assertEquals(List.of(c), field(rpc, "res.partner", p, "child_ids"));
            rpc.call("res.partner", "write", List.of(List.of(p), Map.of("child_ids", List.of(List.of(3, c)))));
            assertEquals(List.of(), field(rpc, "res.partner", p, "child_ids"));
        }
    }
}
