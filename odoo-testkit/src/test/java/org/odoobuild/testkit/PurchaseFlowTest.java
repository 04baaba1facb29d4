package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PurchaseFlowTest {

    private static Map<String, Object> one(Rpc rpc, String model, Object id, String... fields) throws Exception {
        return rpc.searchRead(model, List.of(List.of("id", "=", id)), Map.of("fields", List.of(fields))).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> moves(Rpc rpc, Object picking, String... fields) throws Exception {
        return rpc.searchRead("stock.move", List.of(List.of("picking_id", "=", picking)), Map.of("fields", List.of(fields), "order", "id"));
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void confirmReceiveWithBackorderBillPostAnalyticAndReset(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            Map<String, Object> distribution = new LinkedHashMap<>();
            distribution.put("24", 60.0);
            distribution.put("2", 40.0);
            int po = (Integer) rpc.call("purchase.order", "create", List.of(Map.of("partner_id", 8, "partner_ref", "WC-778", "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", 1, "product_qty", 10, "price_unit", 100.0, "analytic_distribution", distribution)),
                    List.of(0, 0, Map.of("product_id", 3, "product_qty", 2, "price_unit", 85.0, "name", "Excavator"))))));
            Map<String, Object> read = one(rpc, "purchase.order", po, "name", "state", "date_approve", "picking_ids", "incoming_picking_count",
                    "invoice_status", "picking_type_id");
            String name = (String) read.get("name");
            assertTrue(name.matches("P\\d{5}"));
            assertEquals(0, read.get("incoming_picking_count"));
            assertEquals("no", read.get("invoice_status"));
            assertEquals(1, ((List<Object>) read.get("picking_type_id")).get(0));

            assertEquals(true, rpc.call("purchase.order", "button_confirm", List.of(List.of(po))));
            read = one(rpc, "purchase.order", po, "state", "picking_ids", "incoming_picking_count", "invoice_status");
            assertEquals("purchase", read.get("state"));
            List<Object> pickings = (List<Object>) read.get("picking_ids");
            assertEquals(1, pickings.size(), "one receipt; the service line has no move");
            assertEquals(1, read.get("incoming_picking_count"));
            assertEquals("to invoice", read.get("invoice_status"), "the service is billed on ordered quantities");
            Object receipt = pickings.get(0);
            Map<String, Object> pick = one(rpc, "stock.picking", receipt, "name", "origin", "state", "picking_type_id", "picking_type_code",
                    "location_id", "location_dest_id", "partner_id", "purchase_id");
            assertTrue(((String) pick.get("name")).matches("WH/IN/\\d{5}"));
            assertEquals(name, pick.get("origin"));
            assertEquals("assigned", pick.get("state"));
            assertEquals("incoming", pick.get("picking_type_code"));
            assertEquals(List.of(4, "Partners/Vendors"), pick.get("location_id"));
            assertEquals(List.of(8, "WH/Stock"), pick.get("location_dest_id"));
            assertEquals(po, ((List<Object>) pick.get("purchase_id")).get(0));
            List<Map<String, Object>> mv = moves(rpc, receipt, "product_id", "product_uom_qty", "quantity", "product_uom", "purchase_line_id",
                    "state", "picked", "reference");
            assertEquals(1, mv.size());
            assertEquals(10.0, mv.get(0).get("product_uom_qty"));
            assertEquals(10.0, mv.get(0).get("quantity"), "a receipt from a vendor location is reserved in full");
            assertEquals(false, mv.get(0).get("picked"));
            assertEquals("assigned", mv.get(0).get("state"));
            assertEquals(pick.get("name"), mv.get(0).get("reference"));
            assertEquals(List.of(1, "Units"), mv.get(0).get("product_uom"));
            if (version >= 19) {
                Rpc.Failure noName = assertThrows(Rpc.Failure.class, () -> moves(rpc, receipt, "name"));
                assertEquals("builtins.ValueError", noName.name(), "stock.move has no name field in 19");
            } else {
                assertEquals("[CON-C30] Concrete C30/37", moves(rpc, receipt, "name").get(0).get("name"));
            }
            Object line = mv.get(0).get("purchase_line_id");
            int lineId = (Integer) ((List<Object>) line).get(0);

            // receive 6 of 10: Odoo answers with the backorder wizard; its "process" (with the action's context) makes the backorder
            rpc.call("stock.move", "write", List.of(List.of(mv.get(0).get("id")), Map.of("quantity", 6)));
            Map<String, Object> action = (Map<String, Object>) rpc.call("stock.picking", "button_validate", List.of(List.of(receipt)));
            assertEquals("stock.backorder.confirmation", action.get("res_model"));
            assertEquals(List.of("name", "type", "view_mode", "res_model", "views", "view_id", "target", "context"), List.copyOf(action.keySet()));
            Map<String, Object> actx = (Map<String, Object>) action.get("context");
            assertEquals(List.of(receipt), actx.get("button_validate_picking_ids"));
            assertEquals(List.of(List.of(4, receipt)), actx.get("default_pick_ids"));
            assertEquals("assigned", one(rpc, "stock.picking", receipt, "state").get("state"), "nothing done before the wizard answers");
            int wizard = (Integer) rpc.call("stock.backorder.confirmation", "create", List.of(Map.of()), Map.of("context", actx));
            assertEquals(true, rpc.call("stock.backorder.confirmation", "process", List.of(List.of(wizard)), Map.of("context", actx)));
            assertEquals("done", one(rpc, "stock.picking", receipt, "state").get("state"));
            assertEquals(6.0, one(rpc, "purchase.order.line", lineId, "qty_received").get("qty_received"));
            read = one(rpc, "purchase.order", po, "picking_ids", "incoming_picking_count");
            assertEquals(2, read.get("incoming_picking_count"));
            Object backorder = ((List<Object>) read.get("picking_ids")).get(1);
            Map<String, Object> bo = one(rpc, "stock.picking", backorder, "backorder_id", "state", "origin");
            assertEquals(receipt, ((List<Object>) bo.get("backorder_id")).get(0));
            assertEquals("assigned", bo.get("state"));
            assertEquals(name, bo.get("origin"));
            List<Map<String, Object>> boMoves = moves(rpc, backorder, "product_uom_qty", "quantity", "state", "purchase_line_id");
            assertEquals(4.0, boMoves.get(0).get("product_uom_qty"));
            assertEquals(4.0, boMoves.get(0).get("quantity"));
            assertEquals(6.0, moves(rpc, receipt, "product_uom_qty").get(0).get("product_uom_qty"), "the done move keeps what was done");

            // receive 3 of the 4 left, no further backorder: skip_backorder + picking_ids_not_to_backorder (what the wizard's
            // "No Backorder" button passes)
            rpc.call("stock.move", "write", List.of(List.of(boMoves.get(0).get("id")), Map.of("quantity", 3)));
            assertEquals(true, rpc.call("stock.picking", "button_validate", List.of(List.of(backorder)),
                    Map.of("context", Map.of("skip_backorder", true, "picking_ids_not_to_backorder", List.of(backorder)))));
            assertEquals(List.of("done", "cancel"), moves(rpc, backorder, "state").stream().map(x -> x.get("state")).toList());
            assertEquals(2, one(rpc, "purchase.order", po, "incoming_picking_count").get("incoming_picking_count"));
            assertEquals(9.0, one(rpc, "purchase.order.line", lineId, "qty_received").get("qty_received"));

            // bill what was received (and the service), with the lines' analytic distribution
            Map<String, Object> bill = (Map<String, Object>) rpc.call("purchase.order", "action_create_invoice", List.of(List.of(po)));
            int billId = (Integer) bill.get("res_id");
            Map<String, Object> b = one(rpc, "account.move", billId, "move_type", "state", "ref", "partner_id", "amount_untaxed", "invoice_line_ids");
            assertEquals("in_invoice", b.get("move_type"));
            assertEquals("WC-778", b.get("ref"));
            assertEquals(900.0 + 170.0, b.get("amount_untaxed"));
            List<Map<String, Object>> billLines = rpc.searchRead("account.move.line", List.of(List.of("move_id", "=", billId)),
                    Map.of("fields", List.of("product_id", "quantity", "price_unit", "purchase_line_id", "analytic_distribution", "product_uom_id"),
                            "order", "id"));
            assertEquals(9.0, billLines.get(0).get("quantity"));
            assertEquals(Map.of("24", 60.0, "2", 40.0), billLines.get(0).get("analytic_distribution"));
            assertEquals(lineId, ((List<Object>) billLines.get(0).get("purchase_line_id")).get(0));
            assertEquals(9.0, one(rpc, "purchase.order.line", lineId, "qty_invoiced").get("qty_invoiced"), "a draft bill counts");
            assertEquals("invoiced", one(rpc, "purchase.order", po, "invoice_status").get("invoice_status"));

            Rpc.Failure noDate = assertThrows(Rpc.Failure.class, () -> rpc.call("account.move", "action_post", List.of(List.of(billId))));
            assertEquals("The Bill/Refund date is required to validate this document.", noDate.message());
            rpc.call("account.move", "write", List.of(List.of(billId), Map.of("invoice_date", "2026-03-15")));
            assertEquals(false, rpc.call("account.move", "action_post", List.of(List.of(billId))));
            b = one(rpc, "account.move", billId, "state", "name");
            assertEquals("posted", b.get("state"));
            assertEquals("BILL/2026/03/0001", b.get("name"));
            Rpc.Failure twice = assertThrows(Rpc.Failure.class, () -> rpc.call("account.move", "action_post", List.of(List.of(billId))));
            assertEquals("The entry BILL/2026/03/0001 (id " + billId + ") must be in draft.", twice.message());

            // analytic lines: a cost is negative; an account of another plan goes in that plan's column
            List<String> cols = List.of("account_id", "x_plan3_id", "amount", "unit_amount", "move_line_id", "category", "date");
            List<Map<String, Object>> al = rpc.searchRead("account.analytic.line", List.of(), Map.of("fields", cols, "order", "id"));
            assertEquals(2, al.size());
            assertEquals(-540.0, al.get(0).get("amount"));
            assertEquals(-360.0, al.get(1).get("amount"));
            assertEquals(5.4, al.get(0).get("unit_amount"));
            assertEquals(billLines.get(0).get("id"), ((List<Object>) al.get(0).get("move_line_id")).get(0));
            assertEquals("vendor_bill", al.get(0).get("category"));
            assertEquals("2026-03-15", al.get(0).get("date"));
            assertEquals(24, ((List<Object>) al.get(0).get("account_id")).get(0));
            assertEquals(false, al.get(1).get("account_id"));
            assertEquals(2, ((List<Object>) al.get(1).get("x_plan3_id")).get(0));
            assertEquals(-540.0, one(rpc, "account.analytic.account", 24, "balance").get("balance"));

            // reset to draft removes them; cancelling un-bills the order
            assertEquals(Py.NONE, rpc.call("account.move", "button_draft", List.of(List.of(billId))));
            assertEquals(0, rpc.call("account.analytic.line", "search_count", List.of(List.of())));
            assertEquals("draft", one(rpc, "account.move", billId, "state").get("state"));
            Rpc.Failure notPosted = assertThrows(Rpc.Failure.class, () -> rpc.call("account.move", "button_draft", List.of(List.of(billId))));
            assertEquals("Only posted/cancelled journal entries can be reset to draft.", notPosted.message());
            assertEquals(Py.NONE, rpc.call("account.move", "button_cancel", List.of(List.of(billId))));
            assertEquals(0.0, one(rpc, "purchase.order.line", lineId, "qty_invoiced").get("qty_invoiced"));
            assertEquals("to invoice", one(rpc, "purchase.order", po, "invoice_status").get("invoice_status"));

            Rpc.Failure cancel = assertThrows(Rpc.Failure.class, () -> rpc.call("purchase.order", "button_cancel", List.of(List.of(po))));
            assertEquals("odoo.exceptions.UserError", cancel.name());
            assertEquals(version >= 19 ? "Unable to cancel purchase order(s): " + name + " (WC-778) since they have receipts that are already done."
                    : "Unable to cancel purchase order " + name + " as some receptions have already been done.", cancel.message());
            Rpc.Failure unlink = assertThrows(Rpc.Failure.class, () -> rpc.call("purchase.order", "unlink", List.of(List.of(po))));
            assertEquals("In order to delete a purchase order, you must cancel it first.", unlink.message());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void backorderWizardCancelAndValidateWithoutQuantities(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int po = (Integer) rpc.call("purchase.order", "create", List.of(Map.of("partner_id", 9, "order_line", List.of(
                    List.of(0, 0, Map.of("product_id", 4, "product_qty", 20, "price_unit", 32.5)),
                    List.of(0, 0, Map.of("product_id", 6, "product_qty", 5, "price_unit", 12.0))))));
            rpc.call("purchase.order", "button_confirm", List.of(List.of(po)));
            Object receipt = ((List<Object>) one(rpc, "purchase.order", po, "picking_ids").get("picking_ids")).get(0);
            List<Map<String, Object>> mv = moves(rpc, receipt, "quantity");
            rpc.call("stock.move", "write", List.of(List.of(mv.get(0).get("id"), mv.get(1).get("id")), Map.of("quantity", 0)));
            Rpc.Failure none = assertThrows(Rpc.Failure.class, () -> rpc.call("stock.picking", "button_validate", List.of(List.of(receipt))));
            assertEquals(version >= 19 ? "Transfer trouble alert! Validating a zero quantity transfer? You're not moving invisible goods around are you?\n"
                    + "Set some quantities and let's get moving!" : "You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.",
                    none.message());

            rpc.call("stock.move", "write", List.of(List.of(mv.get(0).get("id")), Map.of("quantity", 20)));
            Map<String, Object> action = (Map<String, Object>) rpc.call("stock.picking", "button_validate", List.of(List.of(receipt)));
            Map<String, Object> actx = (Map<String, Object>) action.get("context");
            int wizard = (Integer) rpc.call("stock.backorder.confirmation", "create", List.of(Map.of()), Map.of("context", actx));
            // without the action's context the button does nothing, as in Odoo
            assertEquals(true, rpc.call("stock.backorder.confirmation", "process_cancel_backorder", List.of(List.of(wizard))));
            assertEquals("assigned", one(rpc, "stock.picking", receipt, "state").get("state"));
            assertEquals(true, rpc.call("stock.backorder.confirmation", "process_cancel_backorder", List.of(List.of(wizard)), Map.of("context", actx)));
            assertEquals("done", one(rpc, "stock.picking", receipt, "state").get("state"));
            assertEquals(List.of("done", "cancel"), moves(rpc, receipt, "state").stream().map(x -> x.get("state")).toList());
            assertEquals(1, one(rpc, "purchase.order", po, "incoming_picking_count").get("incoming_picking_count"), "no backorder");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void activitiesOnDocuments(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int po = odoo.seed("purchase.order", Map.of("partner_id", 9));
            Object modelId = rpc.searchRead("ir.model", List.of(List.of("model", "=", "purchase.order")), Map.of("fields", List.of("id"))).get(0).get("id");
            assertEquals(modelId, odoo.externalId("purchase.model_purchase_order").getAsInt());
            int act = (Integer) rpc.call("mail.activity", "create", List.of(Map.of("res_model_id", modelId, "res_id", po,
                    "summary", "Chase the vendor", "note", "<p>Ask for the delivery date</p>", "user_id", 2, "date_deadline", "2020-01-01")));
            Map<String, Object> a = one(rpc, "mail.activity", act, "res_model", "res_id", "res_name", "summary", "note", "user_id",
                    "activity_type_id", "state", "date_deadline");
            assertEquals("purchase.order", a.get("res_model"));
            assertEquals(po, a.get("res_id"));
            assertEquals(one(rpc, "purchase.order", po, "name").get("name"), a.get("res_name"));
            assertEquals(List.of(4, "To-Do"), a.get("activity_type_id"));
            assertEquals("overdue", a.get("state"));
            assertEquals(1, rpc.call("mail.activity", "search_count", List.of(List.of(List.of("res_model", "=", "purchase.order"),
                    List.of("res_id", "=", po)))));

            Rpc.Failure noModel = assertThrows(Rpc.Failure.class, () -> rpc.call("mail.activity", "create", List.of(Map.of(
                    "res_model", "purchase.order", "res_id", po, "summary", "x"))));
            assertEquals("odoo.exceptions.ValidationError", noModel.name());
            assertTrue(noModel.message().endsWith("Field: Document Model (res_model_id)"), noModel.message());
            Rpc.Failure missing = assertThrows(Rpc.Failure.class, () -> rpc.call("mail.activity", "create", List.of(Map.of(
                    "res_model_id", modelId, "res_id", 999999, "summary", "x"))));
            assertEquals("odoo.exceptions.MissingError", missing.name());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 19})
    @SuppressWarnings("unchecked")
    void aNewRootPlanGetsItsOwnAnalyticLineColumn(int version) throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().version(version).demoData(true).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int plan = (Integer) rpc.call("account.analytic.plan", "create", List.of(Map.of("name", "Cost Codes")));
            int child = (Integer) rpc.call("account.analytic.plan", "create", List.of(Map.of("name", "Concrete", "parent_id", plan)));
            String column = "x_plan" + plan + "_id";
            Map<String, Object> fields = (Map<String, Object>) rpc.call("account.analytic.line", "fields_get", List.of(),
                    Map.of("attributes", List.of("type", "relation")));
            assertEquals(Map.of("type", "many2one", "relation", "account.analytic.account"), fields.get(column));
            assertTrue(!fields.containsKey("x_plan" + child + "_id"), "a child plan shares its root's column");
            int cc = (Integer) rpc.call("account.analytic.account", "create", List.of(Map.of("name", "Cast-in-place", "code", "03 30 00",
                    "plan_id", child)));
            int bill = (Integer) rpc.call("account.move", "create", List.of(Map.of("move_type", "in_invoice", "partner_id", 8,
                    "invoice_date", "2026-03-15", "invoice_line_ids", List.of(List.of(0, 0, Map.of("name", "Concrete", "quantity", 2,
                            "price_unit", 100.0, "analytic_distribution", Map.of("24," + cc, 100)))))));
            rpc.call("account.move", "action_post", List.of(List.of(bill)));
            Map<String, Object> line = rpc.searchRead("account.analytic.line", List.of(), Map.of("fields", List.of("account_id", column,
                    "amount"))).get(0);
            assertEquals(24, ((List<Object>) line.get("account_id")).get(0), "the project plan keeps account_id");
            assertEquals(cc, ((List<Object>) line.get(column)).get(0));
            assertEquals(-200.0, line.get("amount"));
            assertEquals(-200.0, one(rpc, "account.analytic.account", cc, "balance").get("balance"));
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
