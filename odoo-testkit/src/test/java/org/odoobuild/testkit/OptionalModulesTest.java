package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** purchase_requisition only where installed; a written qty_received kept only on manual (service) lines; journal-item accounts. */
class OptionalModulesTest {

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    void purchaseAgreementsExistOnlyWhereTheModuleIsInstalled(int version) throws Exception {
        try (OdooEmulator plain = OdooEmulator.builder().version(version).build().start()) {
            Rpc rpc = new Rpc(plain);
            assertEquals(List.of(), rpc.searchRead("ir.model", List.of(List.of("model", "=", "purchase.requisition")), Map.of("fields", List.of("model"))));
            assertTrue(plain.records("purchase.requisition").isEmpty());
        }
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).module("purchase_requisition").build().start()) {
            Rpc rpc = new Rpc(odoo);
            assertEquals(1, rpc.searchRead("ir.model", List.of(List.of("model", "=", "purchase.requisition")), Map.of("fields", List.of("model"))).size());
            int product = odoo.seed("product.product", Map.of("name", "Rebar", "default_code", "RB5", "uom_id", 12));
            int req = (Integer) rpc.call("purchase.requisition", "create", List.of(Map.of("line_ids",
                    List.of(List.of(0, 0, Map.of("product_id", product, "product_qty", 300))))));
            Map<String, Object> r = odoo.records("purchase.requisition").get(0);
            assertEquals(req, r.get("id"));
            assertEquals("draft", r.get("state"));
            if (version >= 19) {
                assertEquals("blanket_order", r.get("requisition_type"));
                assertTrue(((String) r.get("name")).matches("BO\\d{5}"), String.valueOf(r.get("name")));
            } else {
                assertEquals(List.of(1, "Blanket Order"), r.get("type_id"), "the first type by sequence");
                assertEquals("New", r.get("name"));
            }
            assertEquals(List.of(12, "kg"), odoo.records("purchase.requisition.line").get(0).get("product_uom_id"), "the product's unit");
        }
        assertThrows(IllegalArgumentException.class, () -> OdooEmulator.builder().module("documents"));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void aWrittenReceivedQuantityIsKeptOnlyOnServiceLines(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int partner = odoo.seed("res.partner", Map.of("name", "Sub", "is_company", true));
            int service = odoo.seed("product.product", Map.of("name", "Formwork labour", "type", "service", "uom_id", 1));
            int goods = odoo.seed("product.product", Map.of("name", "Rebar", "type", "consu", "uom_id", 12));
            int po = (Integer) rpc.call("purchase.order", "create", List.of(Map.of("partner_id", partner, "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", service, "product_qty", 1, "price_unit", 1000.0)),
                    List.of(0, 0, Map.of("product_id", goods, "product_qty", 10, "price_unit", 2.0))))));
            rpc.call("purchase.order", "button_confirm", List.of(List.of(po)));
            List<Map<String, Object>> lines = rpc.searchRead("purchase.order.line", List.of(List.of("order_id", "=", po)),
                    Map.of("fields", List.of("qty_received_method"), "order", "id"));
            assertEquals("manual", lines.get(0).get("qty_received_method"));
            assertEquals("stock_moves", lines.get(1).get("qty_received_method"));
            for (Map<String, Object> l : lines) {
                rpc.call("purchase.order.line", "write", List.of(List.of(l.get("id")), Map.of("qty_received", 0.4)));
            }
            lines = rpc.searchRead("purchase.order.line", List.of(List.of("order_id", "=", po)), Map.of("fields", List.of("qty_received"), "order", "id"));
            assertEquals(0.4, ((Number) lines.get(0).get("qty_received")).doubleValue(), 1e-9);
            assertEquals(0.0, ((Number) lines.get(1).get("qty_received")).doubleValue(), 1e-9, "goods are received through receipts");

            int account = (Integer) rpc.call("account.account", "create", List.of(Map.of("name", "Retention payable", "code", "2180",
                    "account_type", "liability_current")));
            int bill = (Integer) rpc.call("account.move", "create", List.of(Map.of("move_type", "in_invoice", "partner_id", partner,
                    "invoice_date", "2026-05-03", "invoice_line_ids", List.of(
                            List.of(0, 0, Map.of("name", "Formwork", "quantity", 1, "price_unit", 1000.0)),
                            List.of(0, 0, Map.of("name", "Retention", "quantity", 1, "price_unit", -100.0, "account_id", account))))));
            rpc.call("account.move", "action_post", List.of(List.of(bill)));
            Map<String, Object> move = rpc.searchRead("account.move", List.of(List.of("id", "=", bill)), Map.of("fields", List.of("state",
                    "amount_total"))).get(0);
            assertEquals("posted", move.get("state"));
            assertEquals(900.0, ((Number) move.get("amount_total")).doubleValue(), 1e-9);
            List<Object> acc = (List<Object>) rpc.searchRead("account.move.line", List.of(List.of("move_id", "=", bill), List.of("account_id", "!=", false)),
                    Map.of("fields", List.of("account_id"))).get(0).get("account_id");
            assertEquals(List.of(account, "2180 Retention payable"), acc);
        }
    }
}
