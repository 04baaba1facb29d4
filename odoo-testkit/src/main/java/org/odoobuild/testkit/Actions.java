package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Business actions: purchase order state machine, receipts validation, vendor bill posting. */
final class Actions {

    private Actions() {
    }

    static Object run(Orm orm, Schema.Model m, String method, List<Map<String, Object>> rows, Map<String, Object> ctx) {
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
                // purchase_stock/models/purchase_order.py button_cancel runs before purchase's bill check
                for (Map<String, Object> po : rows) {
                    boolean received = s.lines(po, "purchase.order.line", "order_id").stream().anyMatch(l -> s.table("stock.move").values().stream()
                            .anyMatch(mv -> l.get("id").equals(mv.get("purchase_line_id")) && "done".equals(mv.get("state"))));
                    if (received) {
                        throw OdooError.userError(s.version >= 19
                                ? "Unable to cancel purchase order(s): " + s.displayName("purchase.order", po) + " since they have receipts that are already done."
                                : "Unable to cancel purchase order " + po.get("name") + " as some receptions have already been done.");
                    }
                }
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
                return Stock.validate(orm, rows, ctx);
            case "stock.backorder.confirmation#process":
                return Stock.process(orm, rows, ctx, false);
            case "stock.backorder.confirmation#process_cancel_backorder":
                return Stock.process(orm, rows, ctx, true);
            case "account.move#action_post":
                Accounting.post(orm, rows);
                return false;
            case "account.move#button_draft":
                Accounting.resetToDraft(orm, rows);
                return Py.NONE;
            case "account.move#button_cancel":
                Accounting.cancel(orm, rows);
                return Py.NONE;
            case "maintenance.request#archive_equipment_request":
                for (Map<String, Object> r : rows) {
                    s.update("maintenance.request", r, Map.of("active", false));
                }
                return true;
            default:
                throw OdooError.attributeError("The method '" + m.name + "." + method + "' does not exist");
        }
    }

    /**
     * purchase_stock/models/purchase_order.py _create_picking and purchase_order_line.py _prepare_stock_moves: one
     * incoming picking per confirmed order with goods, one move per goods line; the moves are confirmed and, coming
     * from a vendor location, reserved in full (quantity = demand), so the receipt is "assigned" (Ready).
     */
    private static void createReceipt(Orm orm, Map<String, Object> po) {
        Store s = orm.store;
        List<Map<String, Object>> lines = s.lines(po, "purchase.order.line", "order_id");
        if (lines.stream().noneMatch(l -> s.isGoods(l.get("product_id")))) {
            return;
        }
        int picking = newReceipt(orm, po);
        int seq = 0;
        for (Map<String, Object> l : lines) {
            if (s.isGoods(l.get("product_id"))) {
                addMove(orm, po, picking, l, Py.toDouble(l.get("product_qty")), seq += 5);
            }
        }
        s.update("stock.picking", s.row("stock.picking", picking), Map.of("state", "assigned"));
    }

    /**
     * purchase_stock/models/purchase_order_line.py (17.0, 19.0) {@code create} / {@code write} →
     * {@code _create_or_update_picking}: a goods line added to, or re-quantified on, a confirmed order changes what
     * its receipt expects. The difference joins the line's open move (stock_move.py {@code _merge_moves}), or becomes a
     * new move in the order's open receipt (a new receipt when none is open); a decrease reduces the open move, which
     * is cancelled at zero. Services, draft orders and unchanged quantities change nothing.
     */
    static void confirmedLineChanged(Orm orm, Map<String, Object> line, double previous) {
        Store s = orm.store;
        Map<String, Object> po = line.get("order_id") instanceof Integer o ? s.row("purchase.order", o) : null;
        if (po == null || !"purchase".equals(po.get("state")) || !s.isGoods(line.get("product_id"))) {
            return;
        }
        double diff = Py.toDouble(line.get("product_qty")) - previous;
        if (Math.abs(diff) < 1e-9) {
            return;
        }
        for (Integer mv : s.idsWhere("stock.move", "purchase_line_id", line.get("id"))) {
            Map<String, Object> m = s.row("stock.move", mv);
            Map<String, Object> p = m.get("picking_id") instanceof Integer pi ? s.row("stock.picking", pi) : null;
            if (open(m) && p != null && open(p)) {
                double demand = Py.toDouble(m.get("product_uom_qty")) + diff;
                if (demand <= 1e-9) {
                    s.update("stock.move", m, Map.of("product_uom_qty", 0.0, "quantity", 0.0, "state", "cancel"));
                } else {
                    s.update("stock.move", m, Map.of("product_uom_qty", demand,
                            "quantity", Math.min(demand, Math.max(0.0, Py.toDouble(m.get("quantity")) + diff))));
                }
                return;
            }
        }
        if (diff < 0) {
            return; // nothing open to reduce (returns to the vendor are not emulated)
        }
        Integer picking = null;
        for (Integer pid : s.idsWhere("stock.picking", "purchase_id", po.get("id"))) {
            if (open(s.row("stock.picking", pid))) {
                picking = pid;
                break;
            }
        }
        if (picking == null) {
            picking = newReceipt(orm, po);
        }
        addMove(orm, po, picking, line, diff, 5 * (1 + s.idsWhere("stock.move", "picking_id", picking).size()));
        s.update("stock.picking", s.row("stock.picking", picking), Map.of("state", "assigned"));
    }

    private static boolean open(Map<String, Object> r) {
        return !"done".equals(r.get("state")) && !"cancel".equals(r.get("state"));
    }

    private static int newReceipt(Orm orm, Map<String, Object> po) {
        Store s = orm.store;
        Object typeId = po.get("picking_type_id") != null ? po.get("picking_type_id") : Stock.incomingType(s);
        Map<String, Object> type = typeId instanceof Integer t ? s.row("stock.picking.type", t) : null;
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("picking_type_id", typeId);
        vals.put("partner_id", po.get("partner_id"));
        vals.put("origin", po.get("name"));
        vals.put("scheduled_date", po.get("date_planned") != null ? po.get("date_planned") : po.get("date_order"));
        if (type != null) {
            vals.put("location_id", type.get("default_location_src_id"));
            vals.put("location_dest_id", type.get("default_location_dest_id"));
        }
        vals.put("company_id", po.get("company_id"));
        vals.put("state", "draft");
        return orm.createOne("stock.picking", vals, null, false);
    }

    private static void addMove(Orm orm, Map<String, Object> po, int picking, Map<String, Object> l, double qty, int seq) {
        Store s = orm.store;
        Map<String, Object> p = s.row("stock.picking", picking);
        Object typeId = p.get("picking_type_id");
        Object pid = l.get("product_id");
        Map<String, Object> prod = s.row("product.product", (Integer) pid);
        Map<String, Object> mv = new LinkedHashMap<>();
        if (s.version < 19) {
            mv.put("name", s.displayName("product.product", prod));
        }
        mv.put("product_id", pid);
        mv.put("product_uom_qty", qty);
        Object uom = l.get(s.version >= 19 ? "product_uom_id" : "product_uom");
        mv.put("product_uom", uom != null ? uom : prod.get("uom_id"));
        mv.put("date", l.get("date_planned") != null ? l.get("date_planned") : s.now());
        mv.put("location_id", p.get("location_id"));
        mv.put("location_dest_id", p.get("location_dest_id"));
        mv.put("picking_id", picking);
        mv.put("picking_type_id", typeId);
        mv.put("purchase_line_id", l.get("id"));
        mv.put("origin", po.get("name"));
        mv.put("price_unit", Py.toDouble(l.get("price_unit")));
        mv.put("company_id", po.get("company_id"));
        mv.put("sequence", seq);
        mv.put("state", "assigned");
        mv.put("quantity", qty);
        mv.put("picked", false);
        orm.createOne("stock.move", mv, null, false);
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
                if (l.get("analytic_distribution") != null) {
                    v.put("analytic_distribution", l.get("analytic_distribution"));
                }
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
            // purchase.order._prepare_invoice: ref = vendor reference
            if (po.get("partner_ref") instanceof String r && !r.isEmpty()) {
                vals.put("ref", r);
            }
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
