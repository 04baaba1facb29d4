package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurchaseFlowTest {

    @Test
    @SuppressWarnings("unchecked")
    void confirmReceiveBillPostAndCancelRules() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int po = (Integer) rpc.call("purchase.order", "create", List.of(Map.of("partner_id", 8, "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", 1, "product_qty", 10, "price_unit", 100.0))))));
            Map<String, Object> read = rpc.searchRead("purchase.order", List.of(List.of("id", "=", po)),
                    Map.of("fields", List.of("name", "state", "date_approve", "picking_ids"))).get(0);
            assertTrue(((String) read.get("name")).matches("P\\d{5}"));
            List<Map<String, Object>> raw = (List<Map<String, Object>>) rpc.call("purchase.order", "read", List.of(List.of(po),
                    List.of("partner_id")), Map.of("load", Py.NONE));
            assertEquals(8, raw.get(0).get("partner_id"));
            assertEquals("draft", read.get("state"));
            assertEquals(false, read.get("date_approve"));

            assertEquals(true, rpc.call("purchase.order", "button_confirm", List.of(List.of(po))));
            read = rpc.searchRead("purchase.order", List.of(List.of("id", "=", po)),
                    Map.of("fields", List.of("state", "date_approve", "picking_ids", "invoice_status"))).get(0);
            assertEquals("purchase", read.get("state"));
            assertTrue(((String) read.get("date_approve")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
            List<Object> pickings = (List<Object>) read.get("picking_ids");
            assertEquals(1, pickings.size());

            Rpc.Failure unlink = assertThrows(Rpc.Failure.class, () -> rpc.call("purchase.order", "unlink", List.of(List.of(po))));
            assertEquals("odoo.exceptions.UserError", unlink.name());
            assertEquals("In order to delete a purchase order, you must cancel it first.", unlink.message());

            // receive 6 of 10
            List<Map<String, Object>> moves = rpc.searchRead("stock.move", List.of(List.of("picking_id", "=", pickings.get(0))),
                    Map.of("fields", List.of("product_uom_qty", "quantity", "purchase_line_id")));
            assertEquals(10.0, moves.get(0).get("product_uom_qty"));
            rpc.call("stock.move", "write", List.of(List.of(moves.get(0).get("id")), Map.of("quantity", 6)));
            assertEquals(true, rpc.call("stock.picking", "button_validate", List.of(pickings)));
            Map<String, Object> line = rpc.searchRead("purchase.order.line", List.of(List.of("order_id", "=", po)),
                    Map.of("fields", List.of("qty_received", "qty_invoiced"))).get(0);
            assertEquals(6.0, line.get("qty_received"));
            assertEquals("done", rpc.searchRead("stock.picking", List.of(List.of("id", "in", pickings)), Map.of("fields", List.of("state")))
                    .get(0).get("state"));

            // bill what was received, post it
            Map<String, Object> action = (Map<String, Object>) rpc.call("purchase.order", "action_create_invoice", List.of(List.of(po)));
            int bill = (Integer) action.get("res_id");
            Map<String, Object> b = rpc.searchRead("account.move", List.of(List.of("id", "=", bill)), Map.of("fields",
                    List.of("move_type", "state", "payment_state", "amount_untaxed", "amount_total", "invoice_line_ids", "display_name"))).get(0);
            assertEquals("in_invoice", b.get("move_type"));
            assertEquals("draft", b.get("state"));
            assertEquals("not_paid", b.get("payment_state"));
            assertEquals(600.0, b.get("amount_untaxed"));
            assertEquals(690.0, b.get("amount_total"));
            assertEquals("Draft Bill (* " + bill + ")", b.get("display_name"));
            assertEquals(false, rpc.call("account.move", "action_post", List.of(List.of(bill))));
            b = rpc.searchRead("account.move", List.of(List.of("id", "=", bill)), Map.of("fields", List.of("state", "name"))).get(0);
            assertEquals("posted", b.get("state"));
            assertTrue(((String) b.get("name")).startsWith("BILL/"));
            assertEquals(6.0, rpc.searchRead("purchase.order.line", List.of(List.of("order_id", "=", po)),
                    Map.of("fields", List.of("qty_invoiced"))).get(0).get("qty_invoiced"));

            Rpc.Failure cancel = assertThrows(Rpc.Failure.class, () -> rpc.call("purchase.order", "button_cancel", List.of(List.of(po))));
            assertEquals("odoo.exceptions.UserError", cancel.name());
        }
    }

    @Test
    void buttonCancelReturnsNoneButCommits() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int po = odoo.seed("purchase.order", Map.of("partner_id", 9, "order_line", List.of(List.of(0, 0, Map.of("product_id", 5)))));
            rpc.call("purchase.order", "button_confirm", List.of(List.of(po)));
            // XML-RPC: fault 1 "cannot marshal None" although the cancellation is committed
            XmlRpc.Response r = rpc.xmlRpc("object", "execute_kw", List.of("construction", 2, "admin", "purchase.order", "button_cancel",
                    List.of(List.of(po))));
            assertTrue(r.fault());
            Map<?, ?> fault = (Map<?, ?>) r.value();
            assertEquals(1, fault.get("faultCode"));
            assertTrue(((String) fault.get("faultString")).endsWith("TypeError: cannot marshal None unless allow_none is enabled\n"));
            assertEquals("cancel", rpc.searchRead("purchase.order", List.of(List.of("id", "=", po)), Map.of("fields", List.of("state")))
                    .get(0).get("state"));
            // JSON-RPC: no "result" key
            Map<String, Object> env = rpc.jsonRpcRaw("object", "execute_kw", List.of("construction", 2, "admin", "purchase.order",
                    "button_cancel", List.of(List.of(po))));
            assertEquals(List.of("jsonrpc", "id"), List.copyOf(env.keySet()));
            assertEquals(true, rpc.call("purchase.order", "unlink", List.of(List.of(po))));
            assertNotEquals(0, odoo.callCount("purchase.order", "button_cancel"));
        }
    }
}
