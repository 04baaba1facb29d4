package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Model access rights (ir.model.access) for the models an integration uses, and the groups that grant them.
 * Semantics of {@code ir.model.access.check} (odoo/addons/base/models/ir_model.py, 17.0 and 19.0): an operation is
 * allowed when an active row for the model grants it to no group (global) or to one of the user's groups. The rows
 * are those of the modules' {@code security/ir.model.access.csv} (base, purchase, stock, account, analytic,
 * maintenance, project), limited to the models this emulator has. Models without rows here keep the emulator's
 * older rule (everybody, or admins only for models with {@code restrictedGroups}).
 */
final class Acl {

    /** One ir.model.access row; {@code group} null means global. */
    record Row(String model, String group, boolean read, boolean write, boolean create, boolean unlink) {
        boolean grants(String op) {
            return switch (op) {
                case "read" -> read;
                case "write" -> write;
                case "create" -> create;
                case "unlink" -> unlink;
                default -> false;
            };
        }
    }

    /** Group xml id → res.groups id (1-3 are seeded by {@link Data#base}). */
    static final Map<String, Integer> GROUP_IDS = new LinkedHashMap<>();
    /** Group xml id → implied group xml ids (res.groups implied_ids). */
    private static final Map<String, List<String>> IMPLIED = new LinkedHashMap<>();
    private static final List<Row> ROWS = new ArrayList<>();
    /** Groups of a new internal user: Internal User and Contact Creation. */
    static final List<String> DEFAULT_GROUPS = List.of("base.group_user", "base.group_partner_manager");

    static {
        GROUP_IDS.put("base.group_user", 1);
        GROUP_IDS.put("base.group_erp_manager", 2);
        GROUP_IDS.put("base.group_system", 3);
        GROUP_IDS.put("base.group_partner_manager", 4);
        GROUP_IDS.put("purchase.group_purchase_user", 5);
        GROUP_IDS.put("purchase.group_purchase_manager", 6);
        GROUP_IDS.put("stock.group_stock_user", 7);
        GROUP_IDS.put("stock.group_stock_manager", 8);
        GROUP_IDS.put("account.group_account_invoice", 9);
        GROUP_IDS.put("analytic.group_analytic_accounting", 10);
        GROUP_IDS.put("maintenance.group_equipment_manager", 11);
        GROUP_IDS.put("project.group_project_user", 12);
        GROUP_IDS.put("project.group_project_manager", 13);
        IMPLIED.put("base.group_system", List.of("base.group_erp_manager"));
        IMPLIED.put("purchase.group_purchase_manager", List.of("purchase.group_purchase_user"));
        IMPLIED.put("stock.group_stock_manager", List.of("stock.group_stock_user"));
        IMPLIED.put("project.group_project_manager", List.of("project.group_project_user"));

        // odoo/addons/base/security/ir.model.access.csv
        row("res.partner", "base.group_user", "1000");
        row("res.partner", "base.group_partner_manager", "1111");
        row("res.users", null, "1000");
        row("res.users", "base.group_erp_manager", "1111");
        row("res.groups", "base.group_user", "1000");
        row("res.groups", "base.group_erp_manager", "1111");
        // addons/purchase/security/ir.model.access.csv
        for (String m : List.of("purchase.order", "purchase.order.line")) {
            row(m, "purchase.group_purchase_user", "1111");
            row(m, "account.group_account_invoice", "1100");
        }
        row("account.move", "purchase.group_purchase_user", "1111");
        row("account.move.line", "purchase.group_purchase_user", "1110");
        row("account.move.line", "purchase.group_purchase_manager", "1111");
        row("account.analytic.line", "purchase.group_purchase_user", "1000");
        row("res.partner", "purchase.group_purchase_manager", "1110");
        row("product.product", "purchase.group_purchase_manager", "1111");
        // addons/stock/security/ir.model.access.csv
        row("stock.picking", "stock.group_stock_user", "1111");
        row("stock.move", "stock.group_stock_user", "1110");
        row("stock.move", "stock.group_stock_manager", "1111");
        row("stock.location", "base.group_user", "1000");
        row("stock.picking.type", "base.group_user", "1000");
        row("product.product", "stock.group_stock_user", "1000");
        // addons/account/security/ir.model.access.csv
        row("account.move", "account.group_account_invoice", "1111");
        row("account.move.line", "account.group_account_invoice", "1111");
        // addons/analytic/security/ir.model.access.csv
        row("account.analytic.account", "base.group_user", "1000");
        row("account.analytic.account", "analytic.group_analytic_accounting", "1111");
        row("account.analytic.line", "analytic.group_analytic_accounting", "1111");
        // addons/maintenance/security/ir.model.access.csv
        row("maintenance.equipment", "base.group_user", "1000");
        row("maintenance.equipment", "maintenance.group_equipment_manager", "1111");
        row("maintenance.request", "base.group_user", "1111");
        // addons/project/security/ir.model.access.csv
        row("project.project", "project.group_project_user", "1000");
        row("project.project", "project.group_project_manager", "1111");
        row("project.task.type", "project.group_project_user", "1000");
        row("project.task.type", "project.group_project_manager", "1111");
        row("project.task", "project.group_project_user", "1111");
    }

    private Acl() {
    }

    private static void row(String model, String group, String rwcu) {
        ROWS.add(new Row(model, group, rwcu.charAt(0) == '1', rwcu.charAt(1) == '1', rwcu.charAt(2) == '1',
                rwcu.charAt(3) == '1'));
    }

    /** Display names of the groups (res.groups full names as Odoo shows them). */
    static String groupName(String xmlId, boolean v19) {
        return switch (xmlId) {
            case "base.group_user" -> v19 ? "Role / User" : "Internal User";
            case "base.group_erp_manager" -> "Access Rights";
            case "base.group_system" -> "Settings";
            case "base.group_partner_manager" -> "Contact Creation";
            case "purchase.group_purchase_user" -> "Purchase / User";
            case "purchase.group_purchase_manager" -> "Purchase / Administrator";
            case "stock.group_stock_user" -> "Inventory / User";
            case "stock.group_stock_manager" -> "Inventory / Administrator";
            case "account.group_account_invoice" -> "Invoicing / Billing";
            case "analytic.group_analytic_accounting" -> "Analytic Accounting";
            case "maintenance.group_equipment_manager" -> "Maintenance / Equipment Manager";
            case "project.group_project_user" -> "Project / User";
            case "project.group_project_manager" -> "Project / Administrator";
            default -> xmlId;
        };
    }

    /**
     * Seeds the res.groups records, each with its external id in ir.model.data (groups are XML data records of their
     * module, e.g. odoo/addons/base/security/base_groups.xml, so {@code base.group_user} resolves to its id).
     */
    static void seedGroups(Orm orm) {
        boolean v19 = orm.version >= 19;
        for (Map.Entry<String, Integer> g : GROUP_IDS.entrySet()) {
            if (orm.store.row("res.groups", g.getValue()) == null) {
                Map<String, Object> vals = new LinkedHashMap<>();
                vals.put("name", groupName(g.getKey(), v19));
                orm.createOne("res.groups", vals, g.getValue(), false);
                if (orm.resolveXmlId(g.getKey(), "res.groups") == null) {
                    orm.registerXmlId(g.getKey(), "res.groups", g.getValue());
                }
            }
        }
    }

    /**
     * Group ids with the groups they imply, transitively: Odoo 19's {@code res.users.all_group_ids}, computed from
     * {@code group_ids.all_implied_ids} (odoo/addons/base/models/res_users.py, 19.0 {@code _compute_all_group_ids}).
     */
    static List<Integer> withImplied(Object groupIds) {
        Set<Integer> out = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>();
        if (groupIds instanceof List<?> l) {
            for (Object o : l) {
                if (Py.isInt(o)) {
                    out.add(Py.toInt(o));
                    GROUP_IDS.forEach((xmlId, id) -> {
                        if (id == Py.toInt(o)) {
                            pending.add(xmlId);
                        }
                    });
                }
            }
        }
        while (!pending.isEmpty()) {
            for (String implied : IMPLIED.getOrDefault(pending.remove(0), List.of())) {
                if (out.add(GROUP_IDS.get(implied))) {
                    pending.add(implied);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** All group ids (an administrator's groups). */
    static List<Integer> allGroupIds() {
        return new ArrayList<>(GROUP_IDS.values());
    }

    /**
     * Whether the user may perform {@code op} on {@code model} by the rows, or empty when no row mentions the model.
     * Administrators hold every group.
     */
    static Optional<Boolean> check(Orm orm, int uid, String model, String op) {
        List<Row> rows = ROWS.stream().filter(r -> r.model.equals(model)).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Set<String> groups = groupsOf(orm, uid);
        return Optional.of(rows.stream().anyMatch(r -> r.grants(op) && (r.group == null || groups.contains(r.group))));
    }

    /** Display names of the groups with {@code op} on {@code model} (for AccessError messages). */
    static List<String> groupsWith(String model, String op, boolean v19) {
        List<String> out = new ArrayList<>();
        for (Row r : ROWS) {
            if (r.model.equals(model) && r.group != null && r.grants(op)) {
                out.add(groupName(r.group, v19));
            }
        }
        return out;
    }

    private static Set<String> groupsOf(Orm orm, int uid) {
        Set<String> out = new LinkedHashSet<>();
        if (orm.isAdmin(uid)) {
            out.addAll(GROUP_IDS.keySet());
            return out;
        }
        Map<String, Object> u = orm.store.row("res.users", uid);
        Object ids = u == null ? null : u.get(orm.version >= 19 ? "group_ids" : "groups_id");
        if (ids instanceof List<?> l) {
            for (Object o : l) {
                GROUP_IDS.forEach((xmlId, id) -> {
                    if (Py.isInt(o) && Py.toInt(o) == id) {
                        out.add(xmlId);
                    }
                });
            }
        }
        if (out.isEmpty()) {
            // a user created without groups gets the default internal user's groups (res.users _default_groups)
            out.addAll(DEFAULT_GROUPS);
        }
        for (String g : List.copyOf(out)) {
            out.addAll(IMPLIED.getOrDefault(g, List.of()));
        }
        return out;
    }
}
