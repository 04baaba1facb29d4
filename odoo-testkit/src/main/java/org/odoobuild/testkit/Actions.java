package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Business actions: purchase order state machine, receipts validation, vendor bill posting. */
final class Actions {

    private Actions() {
    }

    static Object run(Orm orm, Schema.Model m, String method, List<Map<String, Object>> rows) {
        Store s = orm.store;
        switch (m.name + "#" + method) {
            case "purchase.order#button_confirm":
                for (Map<String, Object> po : rows) {
                    Object st = po.get("state");
                    if (!"draft".equals(st) && !"sent".equals(st)) {
                        continue;
                    }
                    s.update("purchase.order", po, Map.of("state", "purchase", "date_approve", s.now()));
                    createReceipt(orm, po);
                }
                return true;
            case "purchase.order#button_cancel":
                for (Map<String, Object> po : rows) {
                    for (Integer bill : s.billIds(po)) {
                        Map<String, Object> b = s.row("account.move", bill);
                        if (b != null && !"cancel".equals(b.get("state")) && !"draft".equals(b.get("state"))) {
                            throw OdooError.userError("Unable to cancel this purchase order. You must first cancel the related vendor bills.");
                        }
                    }
                    for (Integer pid : s.idsWhere("stock.picking", "purchase_id", po.get("id"))) {
                        Map<String, Object> p = s.row("stock.picking", pid);
                        if (!"done".equals(p.get("state"))) {
                            s.update("stock.picking", p, Map.of("state", "cancel"));
                            for (Integer mv : s.idsWhere("stock.move", "picking_id", pid)) {
                                s.update("stock.move", s.row("stock.move", mv), Map.of("state", "cancel"));
                            }
                        }
                    }
                    s.update("purchase.order", po, Map.of("state", "cancel"));
                }
                return Py.NONE;
            case "purchase.order#button_draft":
                for (Map<String, Object> po : rows) {
                    if ("cancel".equals(po.get("state"))) {
                        s.update("purchase.order", po, Map.of("state", "draft"));
                    }
                }
                return new LinkedHashMap<>();
            case "purchase.order#action_create_invoice":
                return createBill(orm, rows);
            case "stock.picking#action_confirm":
                for (Map<String, Object> p : rows) {
                    if ("draft".equals(p.get("state"))) {
                        s.update("stock.picking", p, Map.of("state", "assigned"));
                    }
                }
                return true;
            case "stock.picking#action_cancel":
                for (Map<String, Object> p : rows) {
                    if (!"done".equals(p.get("state"))) {
                        s.update("stock.picking", p, Map.of("state", "cancel"));
                    }
                }
                return true;
            case "stock.picking#button_validate":
                for (Map<String, Object> p : rows) {
                    if ("done".equals(p.get("state")) || "cancel".equals(p.get("state"))) {
                        continue;
                    }
                    List<Integer> moves = s.idsWhere("stock.move", "picking_id", p.get("id"));
                    boolean any = false;
                    for (Integer mv : moves) {
                        any |= Py.toDouble(s.row("stock.move", mv).get("quantity")) > 0;
                    }
                    for (Integer mv : moves) {
                        Map<String, Object> row = s.row("stock.move", mv);
                        Map<String, Object> vals = new LinkedHashMap<>();
                        if (!any) {
                            vals.put("quantity", Py.toDouble(row.get("product_uom_qty")));
                        }
                        vals.put("state", "done");
                        s.update("stock.move", row, vals);
                    }
                    s.update("stock.picking", p, Map.of("state", "done", "date_done", s.now()));
                }
                return true;
            case "account.move#action_post":
                for (Map<String, Object> mv : rows) {
                    if (!"draft".equals(mv.get("state"))) {
                        continue;
                    }
                    if (s.idsWhere("account.move.line", "move_id", mv.get("id")).isEmpty() && !"entry".equals(mv.get("move_type"))) {
                        throw OdooError.userError("You need to add a line before posting.");
                    }
                    Map<String, Object> vals = new LinkedHashMap<>();
                    vals.put("state", "posted");
                    Object name = mv.get("name");
                    if (name == null || "/".equals(name)) {
                        String date = String.valueOf(mv.getOrDefault("invoice_date", s.today()));
                        String prefix = "in_invoice".equals(mv.get("move_type")) ? "BILL" : "in_refund".equals(mv.get("move_type")) ? "RBILL"
                                : "out_invoice".equals(mv.get("move_type")) ? "INV" : "MISC";
                        String seq = prefix + "/" + date.substring(0, 4) + "/" + date.substring(5, 7);
                        vals.put("name", String.format("%s/%04d", seq, s.nextSequence(seq)));
                    }
                    if (mv.get("invoice_date") == null && !"entry".equals(mv.get("move_type"))) {
                        vals.put("invoice_date", s.today());
                    }
                    s.update("account.move", mv, vals);
                }
                return false;
            case "account.move#button_draft":
                for (Map<String, Object> mv : rows) {
                    s.update("account.move", mv, Map.of("state", "draft"));
                }
                return false;
            case "account.move#button_cancel":
                for (Map<String, Object> mv : rows) {
                    s.update("account.move", mv, Map.of("state", "cancel"));
                }
                return false;
            case "maintenance.request#archive_equipment_request":
                for (Map<String, Object> r : rows) {
                    s.update("maintenance.request", r, Map.of("active", false));
                }
                return true;
            default:
                throw OdooError.attributeError("The method '" + m.name + "." + method + "' does not exist");
        }
    }

    private static void createReceipt(Orm orm, Map<String, Object> po) {
        Store s = orm.store;
        List<Map<String, Object>> lines = s.lines(po, "purchase.order.line", "order_id");
        List<Object> moves = new ArrayList<>();
        for (Map<String, Object> l : lines) {
            Object pid = l.get("product_id");
            Map<String, Object> prod = pid instanceof Integer i ? s.row("product.product", i) : null;
            if (prod == null || "service".equals(prod.get("type"))) {
                continue;
            }
            Map<String, Object> mv = new LinkedHashMap<>();
            mv.put("product_id", pid);
            mv.put("product_uom_qty", Py.toDouble(l.get("product_qty")));
            mv.put("quantity", 0.0);
            Object uom = l.get(s.version >= 19 ? "product_uom_id" : "product_uom");
            mv.put("product_uom", uom != null ? uom : prod.get("uom_id"));
            mv.put("purchase_line_id", l.get("id"));
            mv.put("state", "assigned");
            mv.put("reference", po.get("name"));
            moves.add(new ArrayList<>(List.of(0, 0, mv)));
        }
        if (moves.isEmpty()) {
            return;
        }
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("partner_id", po.get("partner_id"));
        vals.put("origin", po.get("name"));
        vals.put("picking_type_code", "incoming");
        vals.put("purchase_id", po.get("id"));
        vals.put("state", "assigned");
        vals.put("scheduled_date", po.get("date_planned") != null ? po.get("date_planned") : s.now());
        vals.put("move_ids", moves);
        orm.createOne("stock.picking", vals, null, false);
    }

    private static Object createBill(Orm orm, List<Map<String, Object>> pos) {
        Store s = orm.store;
        List<Integer> bills = new ArrayList<>();
        for (Map<String, Object> po : pos) {
            if (!"purchase".equals(po.get("state")) && !"done".equals(po.get("state"))) {
                continue;
            }
            List<Object> lines = new ArrayList<>();
            for (Map<String, Object> l : s.lines(po, "purchase.order.line", "order_id")) {
                double qty = s.billableQty(l) - s.qtyInvoiced(l);
                if (qty <= 1e-9) {
                    continue;
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("name", l.get("name"));
                v.put("product_id", l.get("product_id"));
                v.put("quantity", qty);
                v.put("price_unit", l.get("price_unit"));
                Object taxes = l.get(s.version >= 19 ? "tax_ids" : "taxes_id");
                v.put("tax_ids", taxes == null ? new ArrayList<>() : new ArrayList<>((List<?>) taxes));
                v.put("purchase_line_id", l.get("id"));
                v.put("product_uom_id", l.get(s.version >= 19 ? "product_uom_id" : "product_uom"));
                lines.add(new ArrayList<>(List.of(0, 0, v)));
            }
            if (lines.isEmpty()) {
                continue;
            }
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("move_type", "in_invoice");
            vals.put("partner_id", po.get("partner_id"));
            vals.put("invoice_origin", po.get("name"));
            vals.put("currency_id", po.get("currency_id"));
            vals.put("invoice_line_ids", lines);
            bills.add(orm.createOne("account.move", vals, null, false));
        }
        if (bills.isEmpty()) {
            throw OdooError.userError("There is no invoiceable line. If a product has a control policy based on received quantity, "
                    + "please make sure that a quantity has been received.");
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "ir.actions.act_window");
        action.put("res_model", "account.move");
        action.put("name", "Vendor Bills");
        if (bills.size() == 1) {
            action.put("res_id", bills.get(0));
            action.put("view_mode", "form");
        } else {
            action.put("domain", List.of(List.of("id", "in", bills)));
            action.put("view_mode", "list,form");
        }
        action.put("context", Map.of("default_move_type", "in_invoice"));
        return action;
    }
}
