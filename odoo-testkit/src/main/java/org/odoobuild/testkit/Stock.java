package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Receipt validation and backorders, following addons/stock/models/stock_picking.py ({@code button_validate},
 * {@code _sanity_check}, {@code _pre_action_done_hook}, {@code _check_backorder},
 * {@code _action_generate_backorder_wizard}, {@code _create_backorder}), stock_move.py ({@code _action_done}: a move
 * short of its demand is split, the rest goes to the backorder or is cancelled) and
 * addons/stock/wizard/stock_backorder_confirmation.py ({@code process}, {@code process_cancel_backorder}).
 * Locations, quants, move lines, lots and packages are not emulated.
 */
final class Stock {

    /** Synthetic id of the view {@code stock.view_backorder_confirmation} in the wizard action. */
    static final int BACKORDER_VIEW_ID = 1120;
    private static final double EPS = 1e-9;

    private Stock() {
    }

    static Object incomingType(Store s) {
        for (Map<String, Object> t : s.table("stock.picking.type").values()) {
            if ("incoming".equals(t.get("code"))) {
                return t.get("id");
            }
        }
        return null;
    }

    private static List<Map<String, Object>> moves(Store s, Map<String, Object> picking) {
        return s.lines(picking, "stock.move", "picking_id");
    }

    private static String createBackorder(Store s, Map<String, Object> picking) {
        Map<String, Object> type = picking.get("picking_type_id") instanceof Integer t ? s.row("stock.picking.type", t) : null;
        return type == null ? "ask" : String.valueOf(type.getOrDefault("create_backorder", "ask"));
    }

    @SuppressWarnings("unchecked")
    static Object validate(Orm orm, List<Map<String, Object>> rows, Map<String, Object> ctx) {
        Store s = orm.store;
        boolean v19 = s.version >= 19;
        List<Map<String, Object>> pickings = new ArrayList<>();
        for (Map<String, Object> p : rows) {
            if (!"done".equals(p.get("state")) && !"cancel".equals(p.get("state"))) {
                pickings.add(p);
            }
        }
        // draft pickings are confirmed; their moves without a quantity take their demand
        for (Map<String, Object> p : pickings) {
            if ("draft".equals(p.get("state"))) {
                for (Map<String, Object> mv : moves(s, p)) {
                    Map<String, Object> vals = new LinkedHashMap<>();
                    if ("draft".equals(mv.get("state"))) {
                        vals.put("state", "assigned");
                    }
                    if (Math.abs(Py.toDouble(mv.get("quantity"))) < EPS && Math.abs(Py.toDouble(mv.get("product_uom_qty"))) > EPS) {
                        vals.put("quantity", Py.toDouble(mv.get("product_uom_qty")));
                    }
                    s.update("stock.move", mv, vals);
                }
                s.update("stock.picking", p, Map.of("state", "assigned"));
            }
        }
        if (!Py.truthy(ctx.get("skip_sanity_check"))) {
            boolean several = rows.size() > 1;
            List<String> empty = new ArrayList<>();
            boolean noQuantities = false;
            for (Map<String, Object> p : pickings) {
                List<Map<String, Object>> ms = moves(s, p);
                if (ms.isEmpty()) {
                    empty.add(String.valueOf(p.get("name")));
                }
                noQuantities |= ms.stream().filter(mv -> !"done".equals(mv.get("state")) && !"cancel".equals(mv.get("state")))
                        .allMatch(mv -> Math.abs(Py.toDouble(mv.get("quantity"))) < EPS);
            }
            if (!several && !empty.isEmpty()) {
                throw OdooError.userError("You can’t validate an empty transfer. Please add some products to move before proceeding.");
            }
            if (!several && noQuantities) {
                throw OdooError.userError(v19
                        ? "Transfer trouble alert! Validating a zero quantity transfer? You're not moving invisible goods around are you?\n"
                                + "Set some quantities and let's get moving!"
                        : "You cannot validate a transfer if no quantities are reserved. To force the transfer, encode quantities.");
            }
            if (several && !empty.isEmpty()) {
                throw OdooError.userError("Transfers " + String.join(", ", empty) + ": Please add some items to move.");
            }
        }
        Map<String, Object> context = new LinkedHashMap<>(ctx);
        if (!Py.truthy(context.get("button_validate_picking_ids"))) {
            List<Object> ids = new ArrayList<>();
            for (Map<String, Object> p : rows) {
                ids.add(p.get("id"));
            }
            context.put("button_validate_picking_ids", ids);
        }
        // _pre_action_done_hook: moves with a quantity count as picked when none was picked by hand
        for (Map<String, Object> p : pickings) {
            List<Map<String, Object>> ms = moves(s, p);
            boolean hasQty = ms.stream().anyMatch(mv -> Math.abs(Py.toDouble(mv.get("quantity"))) > EPS);
            boolean hasPick = ms.stream().anyMatch(mv -> Py.truthy(mv.get("picked")));
            if (hasQty && !hasPick) {
                for (Map<String, Object> mv : ms) {
                    s.update("stock.move", mv, Map.of("picked", true));
                }
            }
        }
        if (!Py.truthy(ctx.get("skip_backorder"))) {
            List<Map<String, Object>> toAsk = new ArrayList<>();
            for (Map<String, Object> p : pickings) {
                if (!"ask".equals(createBackorder(s, p))) {
                    continue;
                }
                boolean short_ = moves(s, p).stream().filter(mv -> !"cancel".equals(mv.get("state"))).anyMatch(mv ->
                        Py.toDouble(mv.get("product_uom_qty")) > EPS && !Py.truthy(mv.get("picked")) || doneQty(mv) + EPS < Py.toDouble(mv.get("product_uom_qty")));
                if (short_) {
                    toAsk.add(p);
                }
            }
            if (!toAsk.isEmpty()) {
                return backorderWizardAction(context, toAsk, rows.size() > 1);
            }
        }
        Set<Object> noBackorder = new LinkedHashSet<>();
        if (ctx.get("picking_ids_not_to_backorder") instanceof List<?> l) {
            noBackorder.addAll((List<Object>) l);
        }
        for (Map<String, Object> p : pickings) {
            String policy = createBackorder(s, p);
            boolean cancelRest = "never".equals(policy) || noBackorder.contains(p.get("id")) && !"always".equals(policy);
            actionDone(orm, p, cancelRest);
        }
        return true;
    }

    /** Done quantity of a move: its quantity once picked. */
    private static double doneQty(Map<String, Object> mv) {
        return Py.truthy(mv.get("picked")) ? Py.toDouble(mv.get("quantity")) : 0.0;
    }

    private static Map<String, Object> backorderWizardAction(Map<String, Object> context, List<Map<String, Object>> pickings, boolean show) {
        Map<String, Object> ctx = new LinkedHashMap<>(context);
        ctx.put("default_show_transfers", show);
        List<Object> picks = new ArrayList<>();
        for (Map<String, Object> p : pickings) {
            picks.add(new ArrayList<>(List.of(4, p.get("id"))));
        }
        ctx.put("default_pick_ids", picks);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "Create Backorder?");
        action.put("type", "ir.actions.act_window");
        action.put("view_mode", "form");
        action.put("res_model", "stock.backorder.confirmation");
        action.put("views", new ArrayList<>(List.of(new ArrayList<>(List.of(BACKORDER_VIEW_ID, "form")))));
        action.put("view_id", BACKORDER_VIEW_ID);
        action.put("target", "new");
        action.put("context", ctx);
        return action;
    }

    /** picking._action_done: moves done with their picked quantity; the remainder to a backorder or cancelled. */
    private static void actionDone(Orm orm, Map<String, Object> picking, boolean cancelRest) {
        Store s = orm.store;
        List<Map<String, Object>> rest = new ArrayList<>();
        for (Map<String, Object> mv : moves(s, picking)) {
            if ("done".equals(mv.get("state")) || "cancel".equals(mv.get("state"))) {
                continue;
            }
            double demand = Py.toDouble(mv.get("product_uom_qty"));
            double done = doneQty(mv);
            if (done < EPS) {
                rest.add(mv);
                continue;
            }
            if (done + EPS < demand) {
                Map<String, Object> split = new LinkedHashMap<>();
                for (String k : List.of("name", "product_id", "product_uom", "date", "location_id", "location_dest_id", "picking_id",
                        "picking_type_id", "purchase_line_id", "origin", "price_unit", "company_id", "sequence")) {
                    if (mv.get(k) != null) {
                        split.put(k, mv.get(k));
                    }
                }
                split.put("product_uom_qty", Store.round2(demand - done));
                split.put("quantity", Store.round2(demand - done));
                split.put("state", "assigned");
                split.put("picked", false);
                int id = orm.createOne("stock.move", split, null, false);
                rest.add(s.row("stock.move", id));
            }
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("product_uom_qty", done > demand ? done : Math.min(done, demand));
            vals.put("quantity", done);
            vals.put("state", "done");
            vals.put("date", s.now());
            s.update("stock.move", mv, vals);
        }
        if (cancelRest) {
            for (Map<String, Object> mv : rest) {
                s.update("stock.move", mv, Map.of("state", "cancel", "quantity", 0.0, "picked", false));
            }
        } else if (!rest.isEmpty()) {
            Map<String, Object> vals = new LinkedHashMap<>();
            for (String k : List.of("partner_id", "origin", "picking_type_id", "location_id", "location_dest_id", "scheduled_date",
                    "priority", "company_id")) {
                if (picking.get(k) != null) {
                    vals.put(k, picking.get(k));
                }
            }
            vals.put("backorder_id", picking.get("id"));
            vals.put("state", "assigned");
            int bo = orm.createOne("stock.picking", vals, null, false);
            for (Map<String, Object> mv : rest) {
                Map<String, Object> mvVals = new LinkedHashMap<>();
                mvVals.put("picking_id", bo);
                mvVals.put("picked", false);
                // receipts from a vendor location are reserved in full again (action_assign)
                mvVals.put("quantity", Py.toDouble(mv.get("product_uom_qty")));
                mvVals.put("state", "assigned");
                s.update("stock.move", mv, mvVals);
            }
        }
        s.update("stock.picking", picking, Map.of("state", "done", "date_done", s.now()));
    }

    /** The wizard's buttons: validate again with skip_backorder, keeping or cancelling the rest. */
    static Object process(Orm orm, List<Map<String, Object>> wizards, Map<String, Object> ctx, boolean cancelBackorder) {
        Store s = orm.store;
        Object toValidate = ctx.get("button_validate_picking_ids");
        if (!(toValidate instanceof List<?> ids) || ids.isEmpty()) {
            return true; // without the context of the wizard action, Odoo's process() does nothing
        }
        List<Object> notToBackorder = new ArrayList<>();
        for (Map<String, Object> w : wizards) {
            if (cancelBackorder) {
                Object picks = w.get("pick_ids");
                if (picks instanceof List<?> l) {
                    notToBackorder.addAll(l);
                }
            } else {
                for (Map<String, Object> line : s.lines(w, "stock.backorder.confirmation.line", "backorder_confirmation_id")) {
                    if (!Py.truthy(line.get("to_backorder")) && line.get("picking_id") != null) {
                        notToBackorder.add(line.get("picking_id"));
                    }
                }
            }
        }
        Map<String, Object> context = new LinkedHashMap<>(ctx);
        context.put("skip_backorder", true);
        if (!notToBackorder.isEmpty()) {
            context.put("picking_ids_not_to_backorder", notToBackorder);
        }
        List<Map<String, Object>> pickings = new ArrayList<>();
        for (Object id : ids) {
            Map<String, Object> p = Py.isInt(id) ? s.row("stock.picking", Py.toInt(id)) : null;
            if (p == null) {
                throw OdooError.missing("stock.picking", List.of(Py.isInt(id) ? Py.toInt(id) : 0), s.currentUid);
            }
            pickings.add(p);
        }
        return validate(orm, pickings, context);
    }
}
