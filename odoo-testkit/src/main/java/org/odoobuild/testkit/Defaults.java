package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Default values applied on create, per model, as the real modules compute them. */
final class Defaults {

    private Defaults() {
    }

    static void apply(Orm orm, Schema.Model m, Map<String, Object> v) {
        Store s = orm.store;
        boolean v19 = s.version >= 19;
        switch (m.name) {
            case "res.partner":
                v.putIfAbsent("type", "contact");
                v.putIfAbsent("lang", "en_US");
                if (v.containsKey("company_type") && !v.containsKey("is_company")) {
                    v.put("is_company", "company".equals(v.get("company_type")));
                }
                v.remove("company_type");
                break;
            case "res.users": {
                v.putIfAbsent("lang", "en_US");
                v.putIfAbsent("tz", "Europe/Brussels");
                v.putIfAbsent("company_id", 1);
                if (!v.containsKey("partner_id") || !Py.truthy(v.get("partner_id"))) {
                    Map<String, Object> pv = new LinkedHashMap<>();
                    pv.put("name", v.getOrDefault("name", v.getOrDefault("login", "User")));
                    if (v.get("email") != null) {
                        pv.put("email", v.get("email"));
                    }
                    v.put("partner_id", orm.createOne("res.partner", pv, null, false));
                }
                if (!v.containsKey("name")) {
                    Map<String, Object> p = s.row("res.partner", Py.toInt(v.get("partner_id")));
                    v.put("name", p == null ? v.get("login") : p.get("name"));
                }
                break;
            }
            case "purchase.order":
                if (!Py.truthy(v.get("name")) || "New".equals(v.get("name"))) {
                    v.put("name", String.format("P%05d", s.nextSequence("purchase.order")));
                }
                v.putIfAbsent("state", "draft");
                v.putIfAbsent("priority", "0");
                v.putIfAbsent("date_order", s.now());
                v.putIfAbsent("currency_id", 1);
                v.putIfAbsent("company_id", 1);
                v.putIfAbsent("user_id", s.currentUid);
                if (!v.containsKey("picking_type_id")) {
                    v.put("picking_type_id", Stock.incomingType(s));
                }
                break;
            case "purchase.requisition":
                // 19.0 create() names the agreement from its type's sequence; 17.0 keeps "New" until confirmed
                if (v19) {
                    v.putIfAbsent("requisition_type", "blanket_order");
                    String prefix = "blanket_order".equals(v.get("requisition_type")) ? "BO" : "PT";
                    v.put("name", String.format("%s%05d", prefix, s.nextSequence("purchase.requisition." + prefix)));
                    v.putIfAbsent("active", true);
                } else {
                    v.putIfAbsent("name", "New");
                    if (!v.containsKey("type_id")) {
                        s.table("purchase.requisition.type").values().stream().filter(t -> Py.truthy(t.get("active")))
                                .min(java.util.Comparator.comparingInt((Map<String, Object> t) -> Py.toInt(t.getOrDefault("sequence", 0))))
                                .ifPresent(t -> v.put("type_id", t.get("id")));
                    }
                }
                v.putIfAbsent("state", "draft");
                v.putIfAbsent("company_id", 1);
                v.putIfAbsent("currency_id", 1);
                v.putIfAbsent("user_id", s.currentUid);
                break;
            case "purchase.requisition.line": {
                Map<String, Object> prod = Py.isInt(v.get("product_id")) ? s.row("product.product", Py.toInt(v.get("product_id"))) : null;
                if (prod != null) {
                    v.putIfAbsent("product_uom_id", prod.get("uom_id"));
                }
                v.putIfAbsent("price_unit", 0.0);
                break;
            }
            case "purchase.order.line": {
                Object pid = v.get("product_id");
                Map<String, Object> prod = Py.isInt(pid) ? s.row("product.product", Py.toInt(pid)) : null;
                String uomField = v19 ? "product_uom_id" : "product_uom";
                String taxField = v19 ? "tax_ids" : "taxes_id";
                if (prod != null) {
                    v.putIfAbsent(uomField, prod.get("uom_id"));
                    if (!v.containsKey(taxField)) {
                        Object taxes = prod.get("supplier_taxes_id");
                        v.put(taxField, taxes instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>());
                    }
                    v.putIfAbsent("price_unit", prod.get("standard_price") == null ? 0.0 : prod.get("standard_price"));
                    v.putIfAbsent("name", s.displayName("product.product", prod));
                }
                v.putIfAbsent("product_qty", 1.0);
                v.putIfAbsent("price_unit", 0.0);
                v.putIfAbsent("sequence", 10);
                Object order = v.get("order_id");
                Map<String, Object> po = Py.isInt(order) ? s.row("purchase.order", Py.toInt(order)) : null;
                v.putIfAbsent("date_planned", po != null && po.get("date_planned") != null ? po.get("date_planned") : s.now());
                break;
            }
            case "stock.picking": {
                // picking_type_code is related to the operation type; the type gives the name prefix and locations
                Object code = v.remove("picking_type_code");
                if (!v.containsKey("picking_type_id") && code != null) {
                    for (Map<String, Object> t : s.table("stock.picking.type").values()) {
                        if (code.equals(t.get("code"))) {
                            v.put("picking_type_id", t.get("id"));
                            break;
                        }
                    }
                }
                Map<String, Object> type = Py.isInt(v.get("picking_type_id")) ? s.row("stock.picking.type", Py.toInt(v.get("picking_type_id"))) : null;
                if (!Py.truthy(v.get("name")) || "/".equals(v.get("name"))) {
                    String prefix = "WH/" + (type == null ? "IN" : type.get("sequence_code")) + "/";
                    v.put("name", String.format("%s%05d", prefix, s.nextSequence(prefix)));
                }
                if (type != null) {
                    v.putIfAbsent("location_id", type.get("default_location_src_id"));
                    v.putIfAbsent("location_dest_id", type.get("default_location_dest_id"));
                }
                v.putIfAbsent("state", "draft");
                v.putIfAbsent("priority", "0");
                v.putIfAbsent("scheduled_date", s.now());
                v.putIfAbsent("company_id", 1);
                break;
            }
            case "stock.move": {
                v.putIfAbsent("state", "draft");
                v.putIfAbsent("date", s.now());
                v.putIfAbsent("quantity", 0.0);
                v.putIfAbsent("picked", false);
                v.putIfAbsent("sequence", 10);
                v.putIfAbsent("company_id", 1);
                Object pid = v.get("product_id");
                Map<String, Object> prod = Py.isInt(pid) ? s.row("product.product", Py.toInt(pid)) : null;
                if (prod != null) {
                    v.putIfAbsent("product_uom", prod.get("uom_id"));
                }
                // a move in a transfer takes its locations and operation type (17: stock.picking.create, 19: computed)
                Map<String, Object> picking = Py.isInt(v.get("picking_id")) ? s.row("stock.picking", Py.toInt(v.get("picking_id"))) : null;
                if (picking != null) {
                    for (String k : List.of("location_id", "location_dest_id", "picking_type_id")) {
                        if (picking.get(k) != null) {
                            v.putIfAbsent(k, picking.get(k));
                        }
                    }
                }
                break;
            }
            case "stock.backorder.confirmation":
                // default_get: one line per transfer, to be backordered
                if (v.get("pick_ids") instanceof List<?> cmds && !v.containsKey("backorder_confirmation_line_ids")) {
                    List<Object> lines = new ArrayList<>();
                    for (Object id : x2manyIds(cmds)) {
                        lines.add(new ArrayList<>(List.of(0, 0, new LinkedHashMap<>(Map.of("picking_id", id, "to_backorder", true)))));
                    }
                    v.put("backorder_confirmation_line_ids", lines);
                }
                break;
            case "mail.activity": {
                v.putIfAbsent("user_id", s.currentUid);
                v.putIfAbsent("date_deadline", activityToday(s));
                v.putIfAbsent("automated", false);
                if (!v.containsKey("activity_type_id")) {
                    Integer todo = orm.resolveXmlId("mail.mail_activity_data_todo", "mail.activity.type");
                    if (todo != null) {
                        v.put("activity_type_id", todo);
                    }
                }
                Object type = v.get("activity_type_id");
                if (!v.containsKey("summary") && Py.isInt(type)) {
                    Object summary = s.related("mail.activity.type", Py.toInt(type), "summary");
                    if (summary != null) {
                        v.put("summary", summary);
                    }
                }
                // res_name is the document's display name: a missing document raises MissingError
                Object model = s.related("ir.model", Py.isInt(v.get("res_model_id")) ? Py.toInt(v.get("res_model_id")) : null, "model");
                if (model instanceof String mn && s.schema.model(mn) != null && Py.isInt(v.get("res_id"))
                        && s.row(mn, Py.toInt(v.get("res_id"))) == null) {
                    throw OdooError.missing(mn, List.of(Py.toInt(v.get("res_id"))), s.currentUid);
                }
                break;
            }
            case "account.move":
                v.putIfAbsent("move_type", "entry");
                v.putIfAbsent("state", "draft");
                v.putIfAbsent("name", "/");
                v.putIfAbsent("payment_state", "not_paid");
                v.putIfAbsent("date", v.get("invoice_date") != null && v.get("invoice_date") != Py.NONE ? v.get("invoice_date") : s.today());
                v.putIfAbsent("currency_id", 1);
                v.putIfAbsent("company_id", 1);
                break;
            case "account.move.line": {
                v.putIfAbsent("quantity", 1.0);
                Object pid = v.get("product_id");
                Map<String, Object> prod = Py.isInt(pid) ? s.row("product.product", Py.toInt(pid)) : null;
                if (prod != null) {
                    v.putIfAbsent("name", s.displayName("product.product", prod));
                    v.putIfAbsent("price_unit", prod.get("standard_price") == null ? 0.0 : prod.get("standard_price"));
                    v.putIfAbsent("product_uom_id", prod.get("uom_id"));
                    if (!v.containsKey("tax_ids")) {
                        Object taxes = prod.get("supplier_taxes_id");
                        v.put("tax_ids", taxes instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>());
                    }
                }
                break;
            }
            case "ir.attachment":
                v.putIfAbsent("type", "binary");
                break;
            case "maintenance.equipment":
                v.putIfAbsent("effective_date", s.today());
                break;
            case "maintenance.request": {
                v.putIfAbsent("request_date", s.today());
                v.putIfAbsent("maintenance_type", "corrective");
                v.putIfAbsent("priority", "0");
                v.putIfAbsent("kanban_state", "normal");
                if (!v.containsKey("stage_id")) {
                    var stages = s.table("maintenance.stage");
                    if (!stages.isEmpty()) {
                        v.put("stage_id", stages.firstKey());
                    }
                }
                break;
            }
            case "project.project":
                v.putIfAbsent("sequence", 10);
                break;
            case "project.task.type":
                v.putIfAbsent("sequence", 1);
                v.putIfAbsent("fold", false);
                v.putIfAbsent("active", true);
                break;
            case "project.task": {
                // addons/project/models/project_task.py create (17.0, 19.0): a task of a project without a stage gets the
                // project's first open (unfolded) stage; setting a stage stamps date_last_stage_update
                v.putIfAbsent("active", true);
                v.putIfAbsent("priority", "0");
                v.putIfAbsent("sequence", 10);
                v.putIfAbsent("state", "01_in_progress");
                v.putIfAbsent("company_id", 1);
                if (!v.containsKey("stage_id") && Py.isInt(v.get("project_id"))) {
                    Integer stage = firstStage(s, Py.toInt(v.get("project_id")));
                    if (stage != null) {
                        v.put("stage_id", stage);
                    }
                }
                if (Py.truthy(v.get("stage_id"))) {
                    v.put("date_last_stage_update", s.now());
                }
                break;
            }
            case "product.product":
                v.putIfAbsent("type", "consu");
                v.putIfAbsent("purchase_ok", true);
                v.putIfAbsent("sale_ok", true);
                v.putIfAbsent("uom_id", 1);
                if (!v19) {
                    v.putIfAbsent("uom_po_id", v.get("uom_id"));
                }
                break;
            case "account.analytic.account":
                if (!v.containsKey("plan_id")) {
                    var plans = s.table("account.analytic.plan");
                    if (!plans.isEmpty()) {
                        v.put("plan_id", plans.firstKey());
                    }
                }
                break;
            case "account.tax":
                v.putIfAbsent("amount_type", "percent");
                v.putIfAbsent("type_tax_use", "purchase");
                break;
            case "res.currency":
                v.putIfAbsent("rounding", 0.01);
                v.putIfAbsent("decimal_places", 2);
                break;
            case "uom.uom":
                v.putIfAbsent("factor", 1.0);
                v.putIfAbsent("rounding", 0.01);
                break;
            case "ir.model.data":
                v.putIfAbsent("noupdate", false);
                break;
            default:
                break;
        }
    }

    /** The project's first stage by sequence that is not folded ({@code _get_default_stage_id}). */
    private static Integer firstStage(Store s, int project) {
        Object types = s.related("project.project", project, "type_ids");
        Integer best = null;
        if (types instanceof List<?> ids) {
            for (Object o : ids) {
                Map<String, Object> t = Py.isInt(o) ? s.row("project.task.type", Py.toInt(o)) : null;
                if (t == null || Py.truthy(t.get("fold"))) {
                    continue;
                }
                Map<String, Object> b = best == null ? null : s.row("project.task.type", best);
                if (b == null || Py.toInt(t.get("sequence")) < Py.toInt(b.get("sequence"))
                        || Py.toInt(t.get("sequence")) == Py.toInt(b.get("sequence")) && Py.toInt(t.get("id")) < best) {
                    best = Py.toInt(t.get("id"));
                }
            }
        }
        return best;
    }

    /** What a write does beyond storing the values: a task's stage change stamps {@code date_last_stage_update}. */
    static void afterWrite(Store s, Schema.Model m, Map<String, Object> row, Map<String, Object> vals) {
        if (m.name.equals("project.task") && vals.containsKey("stage_id")) {
            row.put("date_last_stage_update", s.now());
        }
    }

    private static List<Object> x2manyIds(List<?> cmds) {
        List<Object> ids = new ArrayList<>();
        for (Object c : cmds) {
            if (Py.isInt(c)) {
                ids.add(c);
            } else if (c instanceof List<?> cmd && !cmd.isEmpty() && Py.isInt(cmd.get(0))) {
                int op = Py.toInt(cmd.get(0));
                if (op == 4 && cmd.size() > 1) {
                    ids.add(cmd.get(1));
                } else if (op == 6 && cmd.size() > 2 && cmd.get(2) instanceof List<?> l) {
                    ids.addAll(l);
                }
            }
        }
        return ids;
    }

    /** fields.Date.context_today: today in the user's time zone. */
    private static String activityToday(Store s) {
        Object tz = s.related("res.users", s.currentUid, "tz");
        try {
            return java.time.LocalDate.now(s.clock.withZone(tz instanceof String z ? java.time.ZoneId.of(z) : java.time.ZoneOffset.UTC)).toString();
        } catch (RuntimeException e) {
            return s.today();
        }
    }

    static void afterCreate(Orm orm, Schema.Model m, Map<String, Object> row, Map<String, Object> vals) {
        if (m.name.equals("res.partner")) {
            syncFromParent(orm.store, row, vals);
        }
        if (m.name.equals("account.analytic.plan") && row.get("parent_id") == null) {
            addPlanColumn(orm.store, row);
        }
        if (m.name.equals("purchase.order.line")) {
            Actions.confirmedLineChanged(orm, row, 0.0);
        }
        if (m.name.equals("res.users") && orm.version < 19 && row.get("groups_id") instanceof List<?> groups
                && groups.stream().allMatch(Py::isInt)) {
            // 17: groups_id is completed with the implied groups on create (odoo/addons/base/models/res_users.py 17.0,
            // UsersImplied.create); 19 keeps group_ids as assigned and computes all_group_ids instead
            row.put("groups_id", Acl.withImplied(groups));
        }
    }

    /**
     * A root plan other than the project plan gets its own column on analytic lines, {@code x_plan<id>_id}
     * (addons/analytic/models/analytic_plan.py {@code _inverse_name} / {@code _column_name}, 17.0 and 19.0), so an
     * analytic line can carry one account per plan.
     */
    private static void addPlanColumn(Store s, Map<String, Object> plan) {
        Schema.Model lines = s.schema.model("account.analytic.line");
        String column = "x_plan" + plan.get("id") + "_id";
        if (!Integer.valueOf(1).equals(plan.get("id")) && !lines.has(column)) {
            lines.m2o(column, "account.analytic.account", String.valueOf(plan.get("name")));
        }
    }

    private static final List<String> COMMERCIAL = List.of("vat", "credit_limit");
    private static final List<String> ADDRESS = List.of("street", "street2", "zip", "city", "state_id", "country_id",
            "partner_latitude", "partner_longitude");

    /**
     * Contacts take the commercial fields of their company, and contacts of type "contact" its address, unless the
     * values were given explicitly (what res.partner's onchange/sync logic does on create).
     */
    static void syncFromParent(Store s, Map<String, Object> row, Map<String, Object> given) {
        if (!(row.get("parent_id") instanceof Integer pid) || Py.truthy(row.get("is_company"))) {
            return;
        }
        Map<String, Object> parent = s.row("res.partner", pid);
        if (parent == null) {
            return;
        }
        for (String f : COMMERCIAL) {
            if (!given.containsKey(f) && parent.get(f) != null) {
                row.put(f, parent.get(f));
            }
        }
        if ("contact".equals(row.get("type"))) {
            boolean anyAddress = ADDRESS.stream().anyMatch(given::containsKey);
            if (!anyAddress) {
                for (String f : ADDRESS) {
                    if (parent.get(f) != null) {
                        row.put(f, parent.get(f));
                    }
                }
            }
        }
    }
}
