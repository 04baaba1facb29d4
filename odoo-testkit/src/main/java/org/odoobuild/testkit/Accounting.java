package org.odoobuild.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vendor bill life cycle, following addons/account/models/account_move.py ({@code _post}, {@code button_draft},
 * {@code button_cancel}) and account_move_line.py / addons/analytic ({@code _create_analytic_lines},
 * {@code _prepare_analytic_distribution_line}): posting creates one analytic line per distribution entry with
 * {@code amount = -balance * percentage / 100} (a cost is negative), resetting to draft deletes them.
 */
final class Accounting {

    private Accounting() {
    }

    private static boolean purchaseDocument(Object type) {
        return "in_invoice".equals(type) || "in_refund".equals(type) || "in_receipt".equals(type);
    }

    private static boolean saleDocument(Object type) {
        return "out_invoice".equals(type) || "out_refund".equals(type) || "out_receipt".equals(type);
    }

    static void post(Orm orm, List<Map<String, Object>> moves) {
        Store s = orm.store;
        for (Map<String, Object> mv : moves) {
            Object type = mv.get("move_type");
            if (!purchaseDocument(type) && !saleDocument(type)) {
                continue;
            }
            if (Py.toDouble(s.value("account.move", mv, "amount_total")) < -0.005) {
                throw OdooError.userError("You cannot validate an invoice with a negative total amount. You should create a credit note instead. "
                        + "Use the action menu to transform it into a credit note or refund.");
            }
            if (mv.get("partner_id") == null) {
                throw OdooError.userError(saleDocument(type)
                        ? "The field 'Customer' is required, please complete it to validate the Customer Invoice."
                        : "The field 'Vendor' is required, please complete it to validate the Vendor Bill.");
            }
            if (mv.get("invoice_date") == null) {
                if (purchaseDocument(type)) {
                    throw OdooError.userError("The Bill/Refund date is required to validate this document.");
                }
                s.update("account.move", mv, Map.of("invoice_date", s.today()));
            }
        }
        for (Map<String, Object> mv : moves) {
            if ("posted".equals(mv.get("state")) || "cancel".equals(mv.get("state"))) {
                throw OdooError.userError("The entry " + mv.get("name") + " (id " + mv.get("id") + ") must be in draft.");
            }
            if (s.idsWhere("account.move.line", "move_id", mv.get("id")).isEmpty()) {
                throw OdooError.userError("You need to add a line before posting.");
            }
        }
        for (Map<String, Object> mv : moves) {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("state", "posted");
            Object name = mv.get("name");
            if (name == null || "/".equals(name)) {
                String date = String.valueOf(mv.get("invoice_date") != null ? mv.get("invoice_date") : mv.getOrDefault("date", s.today()));
                Object type = mv.get("move_type");
                String prefix = "in_invoice".equals(type) ? "BILL" : "in_refund".equals(type) ? "RBILL" : "out_invoice".equals(type) ? "INV"
                        : "out_refund".equals(type) ? "RINV" : "MISC";
                String seq = prefix + "/" + date.substring(0, 4) + "/" + date.substring(5, 7);
                vals.put("name", String.format("%s/%04d", seq, s.nextSequence(seq)));
            }
            if (mv.get("invoice_date") != null && !mv.get("invoice_date").equals(mv.get("date"))) {
                vals.put("date", mv.get("invoice_date"));
            }
            s.update("account.move", mv, vals);
            createAnalyticLines(orm, mv);
        }
    }

    @SuppressWarnings("unchecked")
    private static void createAnalyticLines(Orm orm, Map<String, Object> move) {
        Store s = orm.store;
        Object type = move.get("move_type");
        String category = purchaseDocument(type) ? "vendor_bill" : saleDocument(type) ? "invoice" : "other";
        for (Map<String, Object> line : s.lines(move, "account.move.line", "move_id")) {
            if (!(line.get("analytic_distribution") instanceof Map<?, ?> dist)) {
                continue;
            }
            double balance = s.balance(line);
            for (Map.Entry<String, Object> e : ((Map<String, Object>) dist).entrySet()) {
                double pct = Py.toDouble(e.getValue());
                Map<String, Object> vals = new LinkedHashMap<>();
                vals.put("name", line.get("name") instanceof String n && !n.isEmpty() ? n : "/");
                vals.put("date", move.get("date"));
                // 17: one account per key; 19: "id1,id2" keys put one account of each plan in that plan's column
                for (String part : e.getKey().split(",")) {
                    int account = Integer.parseInt(part.trim());
                    Map<String, Object> acc = s.row("account.analytic.account", account);
                    if (acc == null) {
                        throw OdooError.missing("account.analytic.account", List.of(account), s.currentUid);
                    }
                    vals.put(planColumn(s, acc), account);
                }
                vals.put("partner_id", move.get("partner_id"));
                vals.put("unit_amount", Py.toDouble(line.get("quantity")) * pct / 100.0);
                vals.put("product_id", line.get("product_id"));
                vals.put("product_uom_id", line.get("product_uom_id"));
                vals.put("amount", Store.round2(-balance * pct / 100.0));
                vals.put("ref", move.get("ref"));
                vals.put("move_line_id", line.get("id"));
                vals.put("user_id", s.currentUid);
                vals.put("company_id", move.get("company_id"));
                vals.put("category", category);
                vals.values().removeIf(v -> v == null);
                orm.createOne("account.analytic.line", vals, null, false);
            }
        }
    }

    /**
     * The analytic line column of an account: that of its root plan when the plan has one (project plan: account_id);
     * on 17 the demo plans have none and use account_id.
     */
    private static String planColumn(Store s, Map<String, Object> account) {
        Object plan = account.get("plan_id");
        for (int depth = 0; depth < 20 && plan instanceof Integer p; depth++) {
            Object parent = s.row("account.analytic.plan", p) == null ? null : s.row("account.analytic.plan", p).get("parent_id");
            if (parent == null) {
                break;
            }
            plan = parent;
        }
        String column = "x_plan" + plan + "_id";
        return Integer.valueOf(1).equals(plan) || !s.schema.model("account.analytic.line").has(column) ? "account_id" : column;
    }

    static void resetToDraft(Orm orm, List<Map<String, Object>> moves) {
        Store s = orm.store;
        for (Map<String, Object> mv : moves) {
            if (!"posted".equals(mv.get("state")) && !"cancel".equals(mv.get("state"))) {
                throw OdooError.userError("Only posted/cancelled journal entries can be reset to draft.");
            }
        }
        for (Map<String, Object> mv : moves) {
            for (Integer line : s.idsWhere("account.move.line", "move_id", mv.get("id"))) {
                for (Integer al : s.idsWhere("account.analytic.line", "move_line_id", line)) {
                    s.delete("account.analytic.line", al);
                }
            }
            s.update("account.move", mv, Map.of("state", "draft"));
        }
    }

    static void cancel(Orm orm, List<Map<String, Object>> moves) {
        List<Map<String, Object>> posted = moves.stream().filter(m -> "posted".equals(m.get("state"))).toList();
        if (!posted.isEmpty()) {
            resetToDraft(orm, posted);
        }
        for (Map<String, Object> mv : moves) {
            if (!"draft".equals(mv.get("state"))) {
                throw OdooError.userError("Only draft journal entries can be cancelled.");
            }
        }
        for (Map<String, Object> mv : moves) {
            orm.store.update("account.move", mv, Map.of("state", "cancel"));
        }
    }
}
