package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Model and field definitions of the emulated database, per Odoo major version (17 or 19). */
final class Schema {

    /** One field definition. */
    static final class Field {
        final String name;
        final String type;
        final String string;
        boolean required;
        boolean readonly;
        String relation;
        String inverse;
        List<List<String>> selection;
        boolean store = true;
        /** Computes the raw value of a non-stored field from the row. */
        BiFunction<Store, Map<String, Object>, Object> compute;

        Field(String name, String type, String string) {
            this.name = name;
            this.type = type;
            this.string = string;
        }

        boolean relational() {
            return relation != null;
        }

        boolean x2many() {
            return type.equals("one2many") || type.equals("many2many");
        }

        boolean numeric() {
            return type.equals("integer") || type.equals("float") || type.equals("monetary");
        }
    }

    /** One model definition. */
    static final class Model {
        final String name;
        final String description;
        final String className;
        final Map<String, Field> fields = new LinkedHashMap<>();
        String order = "id";
        String parentField;
        /** Groups listed in AccessError messages for users without rights on the model (null: everybody may). */
        String restrictedGroups;
        boolean noCreate;
        BiFunction<Store, Map<String, Object>, String> displayName = (s, r) -> {
            Object n = r.get("name");
            return n instanceof String str ? str : "";
        };

        Model(String name, String description, String className) {
            this.name = name;
            this.description = description;
            this.className = className;
        }

        Field field(String name) {
            return fields.get(name);
        }

        boolean has(String name) {
            return fields.containsKey(name);
        }

        Model f(String name, String type, String string, Object... opts) {
            Field f = new Field(name, type, string);
            for (int i = 0; i < opts.length; i++) {
                Object o = opts[i];
                if ("req".equals(o)) {
                    f.required = true;
                } else if ("ro".equals(o)) {
                    f.readonly = true;
                } else if ("nostore".equals(o)) {
                    f.store = false;
                } else if ("inv".equals(o)) {
                    f.inverse = (String) opts[++i];
                } else if ("rel".equals(o)) {
                    f.relation = (String) opts[++i];
                } else if ("sel".equals(o)) {
                    String[] pairs = (String[]) opts[++i];
                    f.selection = new ArrayList<>();
                    for (int k = 0; k < pairs.length; k += 2) {
                        f.selection.add(List.of(pairs[k], pairs[k + 1]));
                    }
                }
            }
            fields.put(name, f);
            return this;
        }

        Model m2o(String name, String rel, String string, Object... opts) {
            f(name, "many2one", string, opts);
            fields.get(name).relation = rel;
            return this;
        }

        Model o2m(String name, String rel, String inverse, String string, Object... opts) {
            f(name, "one2many", string, opts);
            Field f = fields.get(name);
            f.relation = rel;
            f.inverse = inverse;
            f.store = false;
            return this;
        }

        Model m2m(String name, String rel, String string, Object... opts) {
            f(name, "many2many", string, opts);
            fields.get(name).relation = rel;
            return this;
        }

        /** Puts the named fields first, in this order (Odoo's own field order, which fields_get follows). */
        Model reorder(String... names) {
            Map<String, Field> copy = new LinkedHashMap<>();
            for (String n : names) {
                if (fields.containsKey(n)) {
                    copy.put(n, fields.get(n));
                }
            }
            for (Map.Entry<String, Field> e : fields.entrySet()) {
                copy.putIfAbsent(e.getKey(), e.getValue());
            }
            fields.clear();
            fields.putAll(copy);
            return this;
        }

        Model compute(String field, BiFunction<Store, Map<String, Object>, Object> fn) {
            Field f = fields.get(field);
            f.compute = fn;
            f.store = false;
            f.readonly = true;
            return this;
        }
    }

    /** Optional modules the emulated database has installed. */
    static final String PURCHASE_REQUISITION = "purchase_requisition";
    static final List<String> OPTIONAL_MODULES = List.of(PURCHASE_REQUISITION);

    final int version;
    final java.util.Set<String> modules;
    final Map<String, Model> models = new LinkedHashMap<>();

    Schema(int version) {
        this(version, java.util.Set.of());
    }

    Schema(int version, java.util.Set<String> modules) {
        this.version = version;
        this.modules = java.util.Set.copyOf(modules);
        define();
        if (this.modules.contains(PURCHASE_REQUISITION)) {
            purchaseRequisition();
        }
        for (Model m : models.values()) {
            if (!m.has("create_date")) {
                magic(m);
            }
        }
    }

    Model model(String name) {
        return models.get(name);
    }

    Collection<Model> all() {
        return models.values();
    }

    private Model add(String name, String description, String className) {
        Model m = new Model(name, description, className);
        m.f("id", "integer", "ID", "ro");
        m.f("display_name", "char", "Display Name", "ro", "nostore");
        models.put(name, m);
        return m;
    }

    private static void magic(Model m) {
        m.m2o("create_uid", "res.users", "Created by", "ro");
        m.f("create_date", "datetime", "Created on", "ro");
        m.m2o("write_uid", "res.users", "Last Updated by", "ro");
        m.f("write_date", "datetime", "Last Updated on", "ro");
    }

    private static String[] sel(String... pairs) {
        return pairs;
    }

    static final String PO_GROUPS_19 = "\t- Accounting/Invoicing\n\t- Inventory/User\n\t- Purchase/Administrator\n"
            + "\t- Purchase/User\n\t- Role / Portal\n\t- Show Accounting Features - Readonly";
    /** Odoo 17 names (categories "Invoicing", "User types"); not recorded, reconstructed from the 17 group definitions. */
    static final String PO_GROUPS_17 = "\t- Inventory/User\n\t- Invoicing/Billing\n\t- Purchase/Administrator\n\t- Purchase/User\n"
            + "\t- Show Accounting Features - Readonly\n\t- User types/Portal";

    private void define() {
        boolean v19 = version >= 19;
        String poGroups = v19 ? PO_GROUPS_19 : PO_GROUPS_17;
        String uomField = v19 ? "product_uom_id" : "product_uom";
        String taxField = v19 ? "tax_ids" : "taxes_id";

        Model p = add("res.partner", "Contact", v19 ? "ResPartner" : "Partner");
        p.order = "complete_name, id desc";
        p.parentField = "parent_id";
        p.f("name", "char", "Name")
                .f("complete_name", "char", "Complete Name", "ro", "nostore")
                .f("type", "selection", "Address Type", "sel", sel("contact", "Contact", "invoice", "Invoice", "delivery", "Delivery", "other", "Other"))
                .m2o("parent_id", "res.partner", "Related Company")
                .o2m("child_ids", "res.partner", "parent_id", "Contact")
                .m2m("category_id", "res.partner.category", "Tags")
                .f("is_company", "boolean", "Is a Company")
                .f("company_type", "selection", "Company Type", "sel", sel("person", "Person", "company", "Company"))
                .f("company_name", "char", "Company Name")
                .m2o("commercial_partner_id", "res.partner", "Commercial Entity", "ro")
                .f("email", "char", "Email")
                .f("phone", "char", "Phone");
        if (!v19) {
            p.f("mobile", "char", "Mobile");
        }
        p.f("website", "char", "Website Link")
                .f("street", "char", "Street")
                .f("street2", "char", "Street2")
                .f("city", "char", "City")
                .f("zip", "char", "Zip")
                .m2o("state_id", "res.country.state", "State")
                .m2o("country_id", "res.country", "Country")
                .f("vat", "char", "Tax ID")
                .f("ref", "char", "Reference")
                .f("barcode", "char", "Barcode")
                .f("function", "char", "Job Position")
                .f("comment", "html", "Notes")
                .f("lang", "selection", "Language", "sel", sel("en_US", "English (US)"))
                .f("tz", "selection", "Timezone", "sel", sel("Europe/Brussels", "Europe/Brussels", "America/New_York",
                        "America/New_York", "America/Chicago", "America/Chicago", "America/Los_Angeles", "America/Los_Angeles", "UTC", "UTC"))
                .f("active", "boolean", "Active")
                .f("employee", "boolean", "Employee")
                .f("color", "integer", "Color Index")
                .f("partner_latitude", "float", "Geo Latitude")
                .f("partner_longitude", "float", "Geo Longitude")
                .f("credit_limit", "float", "Credit Limit")
                .f("supplier_rank", "integer", "Supplier Rank")
                .f("customer_rank", "integer", "Customer Rank")
                .m2o("user_id", "res.users", "Salesperson")
                .m2o("company_id", "res.company", "Company")
                .m2o("currency_id", "res.currency", "Currency", "ro")
                .m2o("property_payment_term_id", "account.payment.term", "Customer Payment Terms");
        magic(p);
        p.reorder("id", "display_name", "name", "complete_name", "parent_id", "child_ids", "ref", "lang", "tz", "user_id", "vat",
                "website", "comment", "category_id", "active", "employee", "function", "type", "street", "street2", "zip", "city",
                "state_id", "country_id", "partner_latitude", "partner_longitude", "email", "phone", "mobile", "is_company",
                "company_type", "company_id", "color", "commercial_partner_id", "company_name", "barcode", "create_uid",
                "create_date", "write_uid", "write_date", "credit_limit", "currency_id", "property_payment_term_id",
                "supplier_rank", "customer_rank");
        p.displayName = (s, r) -> {
            String name = r.get("name") instanceof String n ? n : "";
            Object parent = r.get("parent_id");
            boolean company = Py.truthy(r.get("is_company"));
            if (parent instanceof Integer pid && !company) {
                Map<String, Object> pr = s.row("res.partner", pid);
                if (pr != null) {
                    String pn = pr.get("name") instanceof String x ? x : "";
                    if (name.isEmpty()) {
                        Object t = r.get("type");
                        name = t instanceof String ts && !ts.equals("contact") ? s.selectionLabel("res.partner", "type", ts) + " Address" : "";
                        return name.isEmpty() ? pn : pn + ", " + name;
                    }
                    return pn + ", " + name;
                }
            }
            return name;
        };
        p.compute("complete_name", (s, r) -> s.displayName("res.partner", r));
        p.compute("company_type", (s, r) -> Py.truthy(r.get("is_company")) ? "company" : "person");
        p.compute("commercial_partner_id", (s, r) -> {
            Map<String, Object> cur = r;
            for (int depth = 0; depth < 50; depth++) {
                if (Py.truthy(cur.get("is_company")) || !(cur.get("parent_id") instanceof Integer pid)) {
                    return cur.get("id");
                }
                Map<String, Object> up = s.row("res.partner", pid);
                if (up == null) {
                    return cur.get("id");
                }
                cur = up;
            }
            return r.get("id");
        });

        add("res.partner.category", "Partner Tags", "ResPartnerCategory")
                .f("name", "char", "Tag Name", "req").f("color", "integer", "Color").m2o("parent_id", "res.partner.category", "Parent Category")
                .f("active", "boolean", "Active");

        Model u = add("res.users", "User", v19 ? "ResUsers" : "Users");
        u.f("name", "char", "Name").f("login", "char", "Login", "req").f("password", "char", "Password")
                .m2o("partner_id", "res.partner", "Related Partner", "req").f("email", "char", "Email")
                .f("active", "boolean", "Active").m2o("company_id", "res.company", "Company")
                .f("lang", "selection", "Language", "sel", sel("en_US", "English (US)"))
                .f("tz", "selection", "Timezone", "sel", sel("Europe/Brussels", "Europe/Brussels", "UTC", "UTC"))
                .f("share", "boolean", "Share User", "ro")
                .m2m(v19 ? "group_ids" : "groups_id", "res.groups", "Groups");
        if (v19) {
            // odoo/addons/base/models/res_users.py (19.0): group_ids are the groups explicitly assigned,
            // all_group_ids adds the implied ones (computed, not stored)
            u.m2m("all_group_ids", "res.groups", "Groups and implied groups", "ro").compute("all_group_ids",
                    (s, r) -> Acl.withImplied(r.get("group_ids")));
        }
        magic(u);
        u.restrictedGroups = null;
        add("res.groups", "Access Groups", "ResGroups").f("name", "char", "Name", "req");
        Model ak = add("res.users.apikeys", "Users API Keys", "ResUsersApikeys");
        ak.f("name", "char", "Description", "req", "ro").m2o("user_id", "res.users", "User", "ro").f("scope", "char", "Scope", "ro");
        ak.noCreate = true;
        add("res.company", "Companies", "ResCompany").f("name", "char", "Company Name", "req")
                .m2o("partner_id", "res.partner", "Partner", "req").m2o("currency_id", "res.currency", "Currency", "req")
                .f("active", "boolean", "Active");
        add("res.country", "Country", "ResCountry").f("name", "char", "Country Name", "req").f("code", "char", "Country Code")
                .m2o("currency_id", "res.currency", "Currency");
        add("res.country.state", "Country state", "ResCountryState").f("name", "char", "State Name", "req")
                .f("code", "char", "State Code", "req").m2o("country_id", "res.country", "Country", "req");
        Model cur = add("res.currency", "Currency", "ResCurrency");
        cur.order = "active desc, name";
        cur.f("name", "char", "Currency", "req").f("full_name", "char", "Name").f("symbol", "char", "Symbol", "req")
                .f("rounding", "float", "Rounding Factor").f("decimal_places", "integer", "Decimal Places", "ro")
                .f("active", "boolean", "Active");

        Model uom = add("uom.uom", "Product Unit of Measure", "UomUom");
        uom.f("name", "char", "Unit Name", "req").f("factor", "float", "Ratio").f("rounding", "float", "Rounding Precision")
                .f("active", "boolean", "Active");
        if (!v19) {
            uom.m2o("category_id", "uom.category", "Category", "req")
                    .f("uom_type", "selection", "Type", "sel", sel("bigger", "Bigger than the reference Unit of Measure", "reference",
                            "Reference Unit of Measure for this category", "smaller", "Smaller than the reference Unit of Measure"));
            add("uom.category", "Product UoM Categories", "UomCategory").f("name", "char", "Unit of Measure Category", "req");
        } else {
            uom.m2o("relative_uom_id", "uom.uom", "Reference Unit");
        }
        add("product.category", "Product Category", "ProductCategory").f("name", "char", "Name", "req")
                .m2o("parent_id", "product.category", "Parent Category").parentField = "parent_id";
        Model prod = add("product.product", "Product Variant", "ProductProduct");
        prod.order = "default_code, name, id";
        prod.f("name", "char", "Name", "req").f("default_code", "char", "Internal Reference")
                .f("type", "selection", "Product Type", "sel", v19 ? sel("consu", "Goods", "service", "Service", "combo", "Combo")
                        : sel("consu", "Consumable", "service", "Service", "product", "Storable Product"))
                .f("list_price", "float", "Sales Price").f("standard_price", "float", "Cost")
                .m2o("uom_id", "uom.uom", "Unit", "req");
        if (!v19) {
            prod.m2o("uom_po_id", "uom.uom", "Purchase Unit", "req");
        }
        prod.m2o("categ_id", "product.category", "Product Category").f("barcode", "char", "Barcode")
                .f("active", "boolean", "Active").f("purchase_ok", "boolean", "Purchase").f("sale_ok", "boolean", "Sales")
                .m2m("supplier_taxes_id", "account.tax", "Purchase Taxes").m2m("taxes_id", "account.tax", "Sales Taxes");
        magic(prod);
        prod.displayName = (s, r) -> {
            String n = r.get("name") instanceof String x ? x : "";
            return r.get("default_code") instanceof String c && !c.isEmpty() ? "[" + c + "] " + n : n;
        };
        add("account.tax", "Tax", "AccountTax").f("name", "char", "Tax Name", "req").f("amount", "float", "Amount", "req")
                .f("amount_type", "selection", "Tax Computation", "req", "sel", sel("group", "Group of Taxes", "fixed", "Fixed", "percent",
                        "Percentage", "division", "Percentage Tax Included"))
                .f("type_tax_use", "selection", "Tax Type", "req", "sel", sel("sale", "Sales", "purchase", "Purchases", "none", "None"))
                .f("active", "boolean", "Active");
        add("account.payment.term", "Payment Terms", "AccountPaymentTerm").f("name", "char", "Payment Terms", "req")
                .f("active", "boolean", "Active");

        Model plan = add("account.analytic.plan", "Analytic Plans", "AccountAnalyticPlan");
        plan.f("name", "char", "Name", "req").m2o("parent_id", "account.analytic.plan", "Parent").f("color", "integer", "Color")
                .f("default_applicability", "selection", "Default Applicability", "sel", sel("optional", "Optional", "mandatory", "Mandatory", "unavailable", "Unavailable"));
        plan.parentField = "parent_id";
        Model aa = add("account.analytic.account", "Analytic Account", "AccountAnalyticAccount");
        aa.order = "plan_id, name asc";
        aa.f("name", "char", "Analytic Account", "req").f("code", "char", "Reference")
                .m2o("plan_id", "account.analytic.plan", "Plan", "req").m2o("partner_id", "res.partner", "Customer")
                .f("balance", "monetary", "Balance", "ro", "nostore").f("debit", "monetary", "Debit", "ro", "nostore")
                .f("credit", "monetary", "Credit", "ro", "nostore").f("active", "boolean", "Active")
                .m2o("company_id", "res.company", "Company").m2o("currency_id", "res.currency", "Currency", "ro");
        magic(aa);
        // analytic: balance = sum of the lines' amounts, debit/credit their negative/positive parts
        aa.compute("balance", (s, r) -> s.analyticSum(r, 0));
        aa.compute("debit", (s, r) -> s.analyticSum(r, -1));
        aa.compute("credit", (s, r) -> s.analyticSum(r, 1));
        aa.displayName = (s, r) -> {
            String n = r.get("name") instanceof String x ? x : "";
            return r.get("code") instanceof String c && !c.isEmpty() ? "[" + c + "] " + n : n;
        };

        Model proj = add("project.project", "Project", "ProjectProject");
        proj.order = "sequence, name, id";
        proj.f("name", "char", "Name", "req").f("sequence", "integer", "Sequence").m2o("partner_id", "res.partner", "Customer")
                .m2o(v19 ? "account_id" : "analytic_account_id", "account.analytic.account", v19 ? "Project Account" : "Analytic Account")
                .f("date_start", "date", "Start Date").f("date", "date", "Expiration Date")
                .m2o("user_id", "res.users", "Project Manager").f("active", "boolean", "Active")
                .m2o("company_id", "res.company", "Company").f("task_count", "integer", "Task Count", "ro")
                .f("description", "html", "Description");
        // addons/project/models/project_project.py (17.0, 19.0): the task stages a project uses (project_task_type_rel)
        proj.m2m("type_ids", "project.task.type", "Tasks Stages");
        magic(proj);
        proj.reorder("id", "display_name", v19 ? "account_id" : "analytic_account_id", "name", "active", "partner_id", "company_id",
                "task_count", "user_id", "date_start", "date");

        // addons/project/models/project_task_type.py (17.0, 19.0): stages, shared by the projects in project_ids; a
        // folded stage is a closing one
        Model tt = add("project.task.type", "Task Stage", "ProjectTaskType");
        tt.order = "sequence, id";
        tt.f("name", "char", "Name", "req").f("description", "text", "Description").f("sequence", "integer", "Sequence")
                .m2m("project_ids", "project.project", "Projects").f("fold", "boolean", "Folded in Kanban")
                .f("active", "boolean", "Active").m2o("user_id", "res.users", "Stage Owner");
        magic(tt);
        // addons/project/models/project_task.py (17.0, 19.0): a task of a project, in one of its stages; state is the
        // 17.0+ selection (in progress, changes requested, approved, done, cancelled, waiting); attachment_ids are the
        // attachments whose res_model/res_id name the task
        Model task = add("project.task", "Task", "ProjectTask");
        task.order = "priority desc, sequence, date_deadline asc, id desc";
        task.f("name", "char", "Title", "req").f("description", "html", "Description").f("active", "boolean", "Active")
                .f("priority", "selection", "Priority", "sel", v19 ? sel("0", "Low priority", "1", "Medium priority", "2", "High priority",
                        "3", "Urgent") : sel("0", "Low", "1", "High"))
                .f("sequence", "integer", "Sequence").m2o("project_id", "project.project", "Project")
                .m2o("stage_id", "project.task.type", "Stage")
                .f("state", "selection", "State", "sel", sel("01_in_progress", "In Progress", "02_changes_requested", "Changes Requested",
                        "03_approved", "Approved", "1_done", "Done", "1_canceled", "Cancelled", "04_waiting_normal", "Waiting"))
                .f("date_deadline", "datetime", "Deadline").f("date_last_stage_update", "datetime", "Last Stage Update", "ro")
                .m2m("user_ids", "res.users", "Assignees").m2o("partner_id", "res.partner", "Customer")
                .m2o("company_id", "res.company", "Company").f("color", "integer", "Color Index")
                .f("attachment_ids", "one2many", "Attachments", "ro", "rel", "ir.attachment");
        magic(task);
        task.compute("attachment_ids", (s, r) -> s.idsWhere("ir.attachment", "res_id", r.get("id")).stream()
                .filter(a -> "project.task".equals(s.related("ir.attachment", a, "res_model"))).toList());

        Model po = add("purchase.order", "Purchase Order", v19 ? "PurchaseOrder" : "PurchaseOrder");
        po.order = "priority desc, id desc";
        po.restrictedGroups = poGroups;
        po.f("name", "char", "Order Reference", "req").f("priority", "selection", "Priority", "sel", sel("0", "Normal", "1", "Urgent"))
                .f("origin", "char", "Source Document").f("partner_ref", "char", "Vendor Reference")
                .m2o("partner_id", "res.partner", "Vendor", "req")
                .f("state", "selection", "Status", "ro", "sel", v19
                        ? sel("draft", "RFQ", "sent", "RFQ Sent", "to approve", "To Approve", "purchase", "Purchase Order", "cancel", "Cancelled")
                        : sel("draft", "RFQ", "sent", "RFQ Sent", "to approve", "To Approve", "purchase", "Purchase Order", "done", "Locked", "cancel", "Cancelled"))
                .o2m("order_line", "purchase.order.line", "order_id", "Order Lines")
                .f("amount_untaxed", "monetary", "Untaxed Amount", "ro").f("amount_tax", "monetary", "Taxes", "ro")
                .f("amount_total", "monetary", "Total", "ro").m2o("currency_id", "res.currency", "Currency", "req")
                .f("date_order", "datetime", "Order Deadline", "req").f("date_approve", "datetime", "Confirmation Date", "ro")
                .f("date_planned", "datetime", "Expected Arrival").m2o("user_id", "res.users", "Buyer")
                .m2o("company_id", "res.company", "Company", "req").f("notes", "html", "Terms and Conditions")
                .m2m("picking_ids", "stock.picking", "Receptions", "ro").f("incoming_picking_count", "integer", "Incoming Shipment count", "ro")
                .m2o("picking_type_id", "stock.picking.type", "Deliver To", "req")
                .m2m("invoice_ids", "account.move", "Bills", "ro").f("invoice_count", "integer", "Bill Count", "ro")
                .f("invoice_status", "selection", "Billing Status", "ro", "sel", sel("no", "Nothing to Bill", "to invoice", "Waiting Bills", "invoiced", "Fully Billed"))
                .m2o(v19 ? "project_id" : "project_id", "project.project", "Project");
        if (v19) {
            // purchase/models/purchase_order.py (19.0): a confirmed order is locked by a flag, not a state
            po.f("locked", "boolean", "Locked");
        }
        magic(po);
        po.displayName = (s, r) -> {
            String n = r.get("name") instanceof String x ? x : "";
            return r.get("partner_ref") instanceof String ref && !ref.isEmpty() ? n + " (" + ref + ")" : n;
        };
        po.compute("amount_untaxed", (s, r) -> Store.round2(s.lines(r, "purchase.order.line", "order_id").stream()
                .mapToDouble(l -> Py.toDouble(s.value("purchase.order.line", l, "price_subtotal"))).sum()));
        po.compute("amount_tax", (s, r) -> Store.round2(s.lines(r, "purchase.order.line", "order_id").stream()
                .mapToDouble(l -> Py.toDouble(s.value("purchase.order.line", l, "price_tax"))).sum()));
        po.compute("amount_total", (s, r) -> Store.round2(Py.toDouble(s.value("purchase.order", r, "amount_untaxed"))
                + Py.toDouble(s.value("purchase.order", r, "amount_tax"))));
        // purchase_stock: picking_ids = order_line.move_ids.picking_id (backorders included)
        po.compute("picking_ids", (s, r) -> s.pickingsOf(r));
        po.compute("incoming_picking_count", (s, r) -> s.pickingsOf(r).size());
        po.compute("invoice_ids", (s, r) -> s.billIds(r));
        po.compute("invoice_count", (s, r) -> s.billIds(r).size());
        po.compute("invoice_status", (s, r) -> s.invoiceStatus(r));

        Model pol = add("purchase.order.line", "Purchase Order Line", "PurchaseOrderLine");
        pol.order = "order_id, sequence, id";
        pol.restrictedGroups = poGroups;
        pol.f("name", "text", "Description", "req").f("sequence", "integer", "Sequence")
                .f("analytic_distribution", "json", "Analytic Distribution")
                .m2o("order_id", "purchase.order", "Order Reference", "req").m2o("product_id", "product.product", "Product")
                .f("product_qty", "float", "Quantity", "req").m2o(uomField, "uom.uom", v19 ? "Unit" : "Unit of Measure")
                .f("price_unit", "float", "Unit Price", "req").f("price_subtotal", "monetary", "Subtotal", "ro")
                .f("price_tax", "float", "Tax", "ro").f("price_total", "monetary", "Total", "ro")
                .m2m(taxField, "account.tax", "Taxes").f("date_planned", "datetime", "Expected Arrival")
                .f("qty_received", "float", "Received Qty").f("qty_invoiced", "float", "Billed Qty", "ro")
                .m2o("partner_id", "res.partner", "Partner", "ro").m2o("currency_id", "res.currency", "Currency", "ro")
                .f("state", "selection", "Status", "ro", "sel", po.field("state").selection.stream().flatMap(List::stream).toArray(String[]::new))
                .f("qty_to_invoice", "float", "To Invoice Quantity", "ro")
                .f("qty_received_method", "selection", "Received Qty Method", "ro", "sel", sel("manual", "Manual", "stock_moves", "Stock Moves"))
                .o2m("move_ids", "stock.move", "purchase_line_id", "Reservation", "ro")
                .o2m("invoice_lines", "account.move.line", "purchase_line_id", "Bill Lines", "ro");
        magic(pol);
        pol.compute("price_subtotal", (s, r) -> Store.round2(Py.toDouble(r.get("product_qty")) * Py.toDouble(r.get("price_unit"))));
        pol.compute("price_tax", (s, r) -> s.taxAmount(r.get(taxField), Py.toDouble(s.value("purchase.order.line", r, "price_subtotal"))));
        pol.compute("price_total", (s, r) -> Store.round2(Py.toDouble(s.value("purchase.order.line", r, "price_subtotal"))
                + Py.toDouble(s.value("purchase.order.line", r, "price_tax"))));
        pol.compute("qty_received", (s, r) -> s.qtyReceived(r));
        pol.compute("qty_invoiced", (s, r) -> s.qtyInvoiced(r));
        pol.compute("qty_to_invoice", (s, r) -> s.qtyToInvoice(r));
        // purchase _compute_qty_received_method: "manual" for a product line; purchase_stock: "stock_moves" for goods
        pol.compute("qty_received_method", (s, r) -> r.get("product_id") == null ? null : s.isGoods(r.get("product_id")) ? "stock_moves" : "manual");
        pol.compute("partner_id", (s, r) -> s.related("purchase.order", r.get("order_id"), "partner_id"));
        pol.compute("currency_id", (s, r) -> s.related("purchase.order", r.get("order_id"), "currency_id"));
        pol.compute("state", (s, r) -> s.related("purchase.order", r.get("order_id"), "state"));

        // addons/stock/models/stock_location.py, stock_picking.py (picking types), stock_move.py
        Model loc = add("stock.location", "Inventory Locations", "StockLocation");
        loc.order = "complete_name, id";
        loc.f("name", "char", "Location Name", "req").f("complete_name", "char", "Full Location Name", "ro")
                .m2o("location_id", "stock.location", "Parent Location")
                .f("usage", "selection", "Location Type", "req", "sel", sel("supplier", "Vendor Location", "view", "View", "internal",
                        "Internal Location", "customer", "Customer Location", "inventory", "Inventory Loss", "production", "Production",
                        "transit", "Transit Location"))
                .f("active", "boolean", "Active").m2o("company_id", "res.company", "Company");
        loc.displayName = (s, r) -> r.get("complete_name") instanceof String c ? c : r.get("name") instanceof String n ? n : "";
        Model pt = add("stock.picking.type", "Picking Type", "StockPickingType");
        pt.order = "sequence, id";
        pt.f("name", "char", "Operation Type", "req")
                .f("code", "selection", "Type of Operation", "req", "sel", sel("incoming", "Receipt", "outgoing", "Delivery", "internal", "Internal Transfer"))
                .f("sequence_code", "char", "Sequence Prefix", "req").f("sequence", "integer", "Sequence")
                .m2o("default_location_src_id", "stock.location", "Default Source Location")
                .m2o("default_location_dest_id", "stock.location", "Default Destination Location")
                .f("create_backorder", "selection", "Create Backorder", "req", "sel", sel("ask", "Ask", "always", "Always", "never", "Never"))
                .f("active", "boolean", "Active").m2o("company_id", "res.company", "Company");
        // "<warehouse>: <name>"; the main warehouse is named after the company
        pt.displayName = (s, r) -> {
            Map<String, Object> c = s.row("res.company", 1);
            return (c == null ? "" : c.get("name") + ": ") + r.get("name");
        };

        Model pick = add("stock.picking", "Transfer", v19 ? "StockPicking" : "Picking");
        pick.order = "priority desc, scheduled_date asc, id desc";
        pick.restrictedGroups = "\t- Inventory/User";
        pick.f("name", "char", "Reference").f("priority", "selection", "Priority", "sel", sel("0", "Normal", "1", "Urgent"))
                .f("origin", "char", "Source Document").m2o("partner_id", "res.partner", "Contact")
                .m2o("picking_type_id", "stock.picking.type", "Operation Type", "req")
                .f("picking_type_code", "selection", "Type of Operation", "ro", "sel", sel("incoming", "Receipt", "outgoing", "Delivery", "internal", "Internal Transfer"))
                .m2o("location_id", "stock.location", "Source Location").m2o("location_dest_id", "stock.location", "Destination Location")
                .f("state", "selection", "Status", "ro", "sel", sel("draft", "Draft", "waiting", "Waiting Another Operation", "confirmed", "Waiting",
                        "assigned", "Ready", "done", "Done", "cancel", "Cancelled"))
                .f("scheduled_date", "datetime", "Scheduled Date", "req").f("date_done", "datetime", "Date of Transfer", "ro")
                .o2m("move_ids", "stock.move", "picking_id", "Stock Moves")
                .m2o("backorder_id", "stock.picking", "Back Order of").o2m("backorder_ids", "stock.picking", "backorder_id", "Back Orders")
                .m2o("purchase_id", "purchase.order", "Purchase Orders", "ro")
                .m2o("company_id", "res.company", "Company", "ro");
        magic(pick);
        pick.compute("picking_type_code", (s, r) -> s.related("stock.picking.type", r.get("picking_type_id"), "code"));
        pick.compute("purchase_id", (s, r) -> s.purchaseOfPicking(r));
        Model mv = add("stock.move", "Stock Move", "StockMove");
        mv.order = "sequence, id";
        mv.restrictedGroups = "\t- Inventory/User";
        if (!v19) {
            mv.f("name", "char", "Description", "req"); // removed in 19.0
        }
        mv.f("reference", "char", "Reference", "ro").f("sequence", "integer", "Sequence").m2o("product_id", "product.product", "Product", "req")
                .f("product_uom_qty", "float", "Demand", "req").f("quantity", "float", "Quantity")
                .f("picked", "boolean", "Picked")
                .m2o("product_uom", "uom.uom", "Unit", "req").m2o("picking_id", "stock.picking", "Transfer")
                .m2o("picking_type_id", "stock.picking.type", "Operation Type")
                .m2o("location_id", "stock.location", "Source Location").m2o("location_dest_id", "stock.location",
                        v19 ? "Intermediate Location" : "Destination Location")
                .f("origin", "char", "Source Document").f("price_unit", "float", "Unit Price")
                .m2o("purchase_line_id", "purchase.order.line", "Purchase Order Line")
                .f("state", "selection", "Status", "ro", "sel", sel("draft", "New", "waiting", "Waiting Another Move", "confirmed", v19 ? "Waiting" : "Waiting Availability",
                        "partially_available", "Partially Available", "assigned", "Available", "done", "Done", "cancel", "Cancelled"))
                .f("date", "datetime", "Date Scheduled", "req").m2o("company_id", "res.company", "Company");
        magic(mv);
        mv.compute("reference", (s, r) -> r.get("picking_id") instanceof Integer pk && s.row("stock.picking", pk) != null
                ? s.row("stock.picking", pk).get("name") : v19 ? null : r.get("name"));

        // addons/stock/wizard/stock_backorder_confirmation.py
        Model bc = add("stock.backorder.confirmation", "Backorder Confirmation", "StockBackorderConfirmation");
        bc.restrictedGroups = "\t- Inventory/User";
        bc.m2m("pick_ids", "stock.picking", "Pick").f("show_transfers", "boolean", "Show Transfers")
                .o2m("backorder_confirmation_line_ids", "stock.backorder.confirmation.line", "backorder_confirmation_id", "Backorder Confirmation Lines");
        Model bcl = add("stock.backorder.confirmation.line", "Backorder Confirmation Line", "StockBackorderConfirmationLine");
        bcl.restrictedGroups = bc.restrictedGroups;
        bcl.m2o("backorder_confirmation_id", "stock.backorder.confirmation", "Immediate Transfer").m2o("picking_id", "stock.picking", "Transfer")
                .f("to_backorder", "boolean", "To Backorder");
        mv.displayName = (s, r) -> {
            Object pid = r.get("product_id");
            return pid instanceof Integer i ? s.displayName("product.product", s.row("product.product", i)) : "";
        };

        // addons/account/models/account_account.py (17.0, 19.0): the chart of accounts; a journal item names its account
        Model acc = add("account.account", "Account", "AccountAccount");
        acc.order = "code, id";
        acc.restrictedGroups = "\t- Accounting/Invoicing";
        acc.f("name", "char", "Account Name", "req").f("code", "char", "Code", "req")
                .f("account_type", "selection", "Type", "req", "sel", sel("asset_receivable", "Receivable", "asset_cash", "Bank and Cash",
                        "asset_current", "Current Assets", "liability_payable", "Payable", "liability_current", "Current Liabilities",
                        "equity", "Equity", "income", "Income", "expense", "Expenses"))
                .f("reconcile", "boolean", "Allow Reconciliation").m2o("currency_id", "res.currency", "Account Currency");
        acc.displayName = (s, r) -> r.get("code") + " " + r.get("name");
        Model am = add("account.move", "Journal Entry", "AccountMove");
        am.order = "date desc, name desc, id desc";
        am.restrictedGroups = "\t- Accounting/Invoicing\n\t- Purchase/User";
        am.f("name", "char", "Number").f("date", "date", "Date", "req")
                .f("move_type", "selection", "Type", "req", "sel", sel("entry", "Journal Entry", "out_invoice", "Customer Invoice", "out_refund",
                        "Customer Credit Note", "in_invoice", "Vendor Bill", "in_refund", "Vendor Credit Note", "out_receipt", "Sales Receipt",
                        "in_receipt", "Purchase Receipt"))
                .m2o("partner_id", "res.partner", "Partner").f("invoice_date", "date", "Invoice/Bill Date")
                .f("invoice_date_due", "date", "Due Date").f("ref", "char", "Reference").f("invoice_origin", "char", "Origin")
                .f("state", "selection", "Status", "ro", "req", "sel", sel("draft", "Draft", "posted", "Posted", "cancel", "Cancelled"))
                .f("payment_state", "selection", "Payment Status", "ro", "sel", sel("not_paid", "Not Paid", "in_payment", "In Payment", "paid", "Paid",
                        "partial", "Partially Paid", "reversed", "Reversed", "invoicing_legacy", "Invoicing App Legacy"))
                .f("amount_untaxed", "monetary", "Untaxed Amount", "ro").f("amount_tax", "monetary", "Tax", "ro")
                .f("amount_total", "monetary", "Total", "ro").f("amount_residual", "monetary", "Amount Due", "ro")
                .m2o("currency_id", "res.currency", "Currency", "req")
                .o2m("invoice_line_ids", "account.move.line", "move_id", "Invoice lines")
                .m2o("company_id", "res.company", "Company", "ro");
        magic(am);
        am.displayName = (s, r) -> {
            String n = r.get("name") instanceof String x ? x : "/";
            if ("draft".equals(r.get("state"))) {
                String kind = "in_invoice".equals(r.get("move_type")) ? "Draft Bill" : "out_invoice".equals(r.get("move_type")) ? "Draft Invoice" : "Draft Entry";
                return kind + " " + (n.equals("/") || n.isEmpty() ? "(* " + r.get("id") + ")" : n);
            }
            return n;
        };
        am.compute("amount_untaxed", (s, r) -> Store.round2(s.lines(r, "account.move.line", "move_id").stream()
                .mapToDouble(l -> Py.toDouble(s.value("account.move.line", l, "price_subtotal"))).sum()));
        am.compute("amount_tax", (s, r) -> Store.round2(s.lines(r, "account.move.line", "move_id").stream()
                .mapToDouble(l -> Py.toDouble(s.value("account.move.line", l, "price_total"))
                        - Py.toDouble(s.value("account.move.line", l, "price_subtotal"))).sum()));
        am.compute("amount_total", (s, r) -> Store.round2(Py.toDouble(s.value("account.move", r, "amount_untaxed"))
                + Py.toDouble(s.value("account.move", r, "amount_tax"))));
        am.compute("amount_residual", (s, r) -> "paid".equals(r.get("payment_state")) ? 0.0 : s.value("account.move", r, "amount_total"));
        Model aml = add("account.move.line", "Journal Item", "AccountMoveLine");
        aml.restrictedGroups = am.restrictedGroups;
        aml.m2o("move_id", "account.move", "Journal Entry", "req").f("name", "char", "Label")
                .m2o("product_id", "product.product", "Product").f("quantity", "float", "Quantity")
                .f("price_unit", "float", "Unit Price").f("price_subtotal", "monetary", "Subtotal", "ro")
                .f("price_total", "monetary", "Total", "ro").m2m("tax_ids", "account.tax", "Taxes")
                .m2o("purchase_line_id", "purchase.order.line", "Purchase Order Line")
                .m2o("product_uom_id", "uom.uom", "Unit").f("analytic_distribution", "json", "Analytic Distribution")
                .m2o("account_id", "account.account", "Account")
                .o2m("analytic_line_ids", "account.analytic.line", "move_line_id", "Analytic lines")
                .m2o("partner_id", "res.partner", "Partner", "ro").f("date", "date", "Date", "ro")
                .f("parent_state", "selection", "Status", "ro", "sel", sel("draft", "Draft", "posted", "Posted", "cancel", "Cancelled"))
                .f("balance", "monetary", "Balance", "ro");
        magic(aml);
        aml.compute("partner_id", (s, r) -> s.related("account.move", r.get("move_id"), "partner_id"));
        aml.compute("date", (s, r) -> s.related("account.move", r.get("move_id"), "date"));
        aml.compute("parent_state", (s, r) -> s.related("account.move", r.get("move_id"), "state"));
        aml.compute("balance", (s, r) -> s.balance(r));
        aml.compute("price_subtotal", (s, r) -> Store.round2(Py.toDouble(r.get("quantity")) * Py.toDouble(r.get("price_unit"))));
        aml.compute("price_total", (s, r) -> {
            double sub = Py.toDouble(s.value("account.move.line", r, "price_subtotal"));
            return Store.round2(sub + s.taxAmount(r.get("tax_ids"), sub));
        });

        Model eqc = add("maintenance.equipment.category", "Maintenance Equipment Category", "MaintenanceEquipmentCategory");
        eqc.f("name", "char", "Category Name", "req").m2o("technician_user_id", "res.users", "Responsible")
                .f("color", "integer", "Color Index").o2m("equipment_ids", "maintenance.equipment", "category_id", "Equipment")
                .f("equipment_count", "integer", "Equipment Count", "ro");
        eqc.compute("equipment_count", (s, r) -> s.idsWhere("maintenance.equipment", "category_id", r.get("id")).size());
        Model eq = add("maintenance.equipment", "Maintenance Equipment", "MaintenanceEquipment");
        eq.order = "name";
        eq.f("name", "char", "Equipment Name", "req").f("active", "boolean", "Active")
                .m2o("category_id", "maintenance.equipment.category", "Equipment Category")
                .m2o("partner_id", "res.partner", "Vendor").f("partner_ref", "char", "Vendor Reference")
                .f("model", "char", "Model").f("serial_no", "char", "Serial Number").f("location", "char", "Location")
                .f("cost", "float", "Cost").f("note", "html", "Note").f("effective_date", "date", "Effective Date", "req")
                .f("warranty_date", "date", "Warranty Expiration Date").f("assign_date", "date", "Assigned Date")
                .m2o("owner_user_id", "res.users", "Owner").m2o("technician_user_id", "res.users", "Technician")
                .o2m("maintenance_ids", "maintenance.request", "equipment_id", "Maintenance")
                .f("maintenance_count", "integer", "Maintenance Count", "ro")
                .f("maintenance_open_count", "integer", "Current Maintenance", "ro")
                .m2o("company_id", "res.company", "Company");
        magic(eq);
        eq.compute("maintenance_count", (s, r) -> s.idsWhere("maintenance.request", "equipment_id", r.get("id")).size());
        eq.compute("maintenance_open_count", (s, r) -> s.openRequests(r.get("id")));
        eq.displayName = (s, r) -> {
            String n = r.get("name") instanceof String x ? x : "";
            return r.get("serial_no") instanceof String sn && !sn.isEmpty() ? n + "/" + sn : n;
        };
        Model stage = add("maintenance.stage", "Maintenance Stage", "MaintenanceStage");
        stage.order = "sequence, id";
        stage.f("name", "char", "Name", "req").f("sequence", "integer", "Sequence").f("done", "boolean", "Request Done");
        Model aal = add("account.analytic.line", "Analytic Line", "AccountAnalyticLine");
        aal.order = "date desc, id desc";
        aal.f("name", "char", "Description", "req").f("date", "date", "Date", "req").f("amount", "monetary", "Amount", "req")
                .f("unit_amount", "float", "Quantity").m2o("account_id", "account.analytic.account", v19 ? "Project Account" : "Analytic Account");
        aal.field("account_id").required = !v19;
        if (v19) {
            // one column per analytic plan besides the project plan (account.analytic.plan _column_name: x_plan<id>_id)
            aal.m2o("x_plan2_id", "account.analytic.account", "Departments").m2o("x_plan3_id", "account.analytic.account", "Internal");
        }
        aal.m2o("product_id", "product.product", "Product").f("ref", "char", "Ref.")
                .m2o("partner_id", "res.partner", "Partner").m2o("product_uom_id", "uom.uom", "Unit")
                .m2o("move_line_id", "account.move.line", "Journal Item")
                .f("category", "selection", "Category", "sel", sel("invoice", "Customer Invoice", "vendor_bill", "Vendor Bill", "other", "Miscellaneous",
                        "manual", "Manual"))
                .m2o("user_id", "res.users", "User").m2o("company_id", "res.company", "Company");
        magic(aal);

        Model mr = add("maintenance.request", "Maintenance Request", "MaintenanceRequest");
        mr.order = "id desc";
        mr.f("name", "char", "Subjects", "req").f("description", "html", "Description")
                .f("request_date", "date", "Request Date").m2o("owner_user_id", "res.users", "Created by User")
                .m2o("category_id", "maintenance.equipment.category", "Category", "ro")
                .m2o("equipment_id", "maintenance.equipment", "Equipment").m2o("user_id", "res.users", "Technician")
                .m2o("stage_id", "maintenance.stage", "Stage")
                .f("priority", "selection", "Priority", "sel", sel("0", "Very Low", "1", "Low", "2", "Normal", "3", "High"))
                .f("close_date", "date", "Close Date").f("kanban_state", "selection", "Kanban State", "sel",
                        sel("normal", "In Progress", "blocked", "Blocked", "done", "Ready for next stage"))
                .f("maintenance_type", "selection", "Maintenance Type", "sel", sel("corrective", "Corrective", "preventive", "Preventive"))
                .f("schedule_date", "datetime", "Scheduled Date").f("duration", "float", "Duration")
                .f("active", "boolean", "Active").m2o("company_id", "res.company", "Company");
        magic(mr);
        mr.compute("category_id", (s, r) -> s.related("maintenance.equipment", r.get("equipment_id"), "category_id"));

        Model imf = add("ir.model.fields", "Fields", "IrModelFields");
        imf.order = "id";
        imf.f("name", "char", "Field Name", "req").f("model", "char", "Model Name", "req")
                .f("ttype", "selection", "Field Type", "req", "sel", sel("binary", "binary", "boolean", "boolean", "char", "char", "date", "date",
                        "datetime", "datetime", "float", "float", "html", "html", "integer", "integer", "json", "json", "many2many", "many2many",
                        "many2one", "many2one", "many2one_reference", "many2one_reference", "monetary", "monetary", "one2many", "one2many",
                        "properties", "properties", "properties_definition", "properties_definition", "reference", "reference",
                        "selection", "selection", "text", "text"))
                .f("field_description", "char", "Field Label", "req").f("relation", "char", "Related Model")
                .f("required", "boolean", "Required").f("readonly", "boolean", "Readonly").f("store", "boolean", "Stored");
        imf.displayName = (s, r) -> r.get("field_description") + " (" + r.get("model") + ")";
        Model imd = add("ir.model.data", "Model Data", "IrModelData");
        imd.order = "module, model, name";
        imd.f("name", "char", "External Identifier", "req").f("complete_name", "char", "Complete ID", "ro")
                .f("module", "char", "Module", "req").f("model", "char", "Model Name", "req")
                .f("res_id", "many2one_reference", "Record ID").f("noupdate", "boolean", "Non Updatable");
        imd.compute("complete_name", (s, r) -> r.get("module") + "." + r.get("name"));
        imd.displayName = (s, r) -> r.get("module") + "." + r.get("name");

        Model im = add("ir.model", "Models", "IrModel");
        im.order = "model";
        im.f("name", "char", "Model Description", "req").f("model", "char", "Model", "req").f("transient", "boolean", "Transient Model");

        // odoo/addons/base/models/ir_attachment.py (17.0 and 19.0): a file or a URL attached to any record
        // (res_model, res_id); type "binary" by default, "url" for a link
        Model att = add("ir.attachment", "Attachment", "IrAttachment");
        att.order = "id desc";
        att.f("name", "char", "Name", "req").f("description", "text", "Description").f("res_model", "char", "Resource Model")
                .f("res_field", "char", "Resource Field").f("res_id", "many2one_reference", "Resource ID")
                .f("type", "selection", "Type", "req", "sel", sel("url", "URL", "binary", "File"))
                .f("url", "char", "Url").f("public", "boolean", "Is public document").f("datas", "binary", "File Content (base64)")
                .f("mimetype", "char", "Mime Type").f("file_size", "integer", "File Size", "ro");
        magic(att);
        att.compute("file_size", (s, r) -> r.get("datas") instanceof String d ? d.length() * 3 / 4 : 0);

        // addons/mail/models/mail_activity_type.py, mail_activity.py
        Model at = add("mail.activity.type", "Activity Type", "MailActivityType");
        at.order = "sequence, id";
        at.f("name", "char", "Name", "req").f("summary", "char", "Default Summary").f("sequence", "integer", "Sequence")
                .f("active", "boolean", "Active").f("delay_count", "integer", "Schedule")
                .f("category", "selection", "Action", "sel", sel("default", "None", "upload_file", "Upload Document", "phonecall", "Phonecall"))
                .f("res_model", "char", "Model");
        Model ma = add("mail.activity", "Activity", "MailActivity");
        ma.order = "date_deadline ASC, id ASC";
        ma.f("res_model_id", "many2one", "Document Model", "req", "rel", "ir.model")
                .f("res_model", "char", "Related Document Model", "ro")
                .f("res_id", "many2one_reference", "Related Document ID", "req")
                .f("res_name", "char", "Document Name", "ro")
                .m2o("activity_type_id", "mail.activity.type", "Activity Type")
                .f("summary", "char", "Summary").f("note", "html", "Note")
                .f("date_deadline", "date", "Due Date", "req").f("automated", "boolean", "Automated activity", "ro")
                .m2o("user_id", "res.users", "Assigned to", "req")
                .f("state", "selection", "State", "ro", "sel", sel("overdue", "Overdue", "today", "Today", "planned", "Planned"));
        magic(ma);
        ma.displayName = (s, r) -> r.get("summary") instanceof String x && !x.isEmpty() ? x
                : String.valueOf(s.related("mail.activity.type", r.get("activity_type_id"), "name"));
        ma.compute("res_model", (s, r) -> s.related("ir.model", r.get("res_model_id"), "model"));
        ma.compute("res_name", (s, r) -> s.resName(r));
        ma.compute("state", (s, r) -> s.activityState(r));
    }

    /**
     * The purchase_requisition module (addons/purchase_requisition/models/purchase_requisition.py, purchase.py). 17.0: an
     * agreement has a type ({@code type_id}, purchase.requisition.type: exclusive, quantity_copy, line_copy; the default is
     * the first type by sequence) and states draft / ongoing / in_progress / open / done / cancel; 19.0: the type is a
     * selection ({@code requisition_type}: blanket_order, purchase_template) and the states are draft / confirmed / done /
     * cancel. Both: lines (purchase.requisition.line, analytic.mixin) with product, quantity, unit and price; orders made
     * from an agreement point back to it ({@code purchase.order.requisition_id}).
     */
    private void purchaseRequisition() {
        boolean v19 = version >= 19;
        if (!v19) {
            Model type = add("purchase.requisition.type", "Purchase Requisition Type", "PurchaseRequisitionType");
            type.order = "sequence";
            type.f("name", "char", "Agreement Type", "req").f("sequence", "integer", "Sequence")
                    .f("exclusive", "selection", "Agreement Selection Type", "req", "sel", sel("exclusive", "Select only one RFQ (exclusive)",
                            "multiple", "Select multiple RFQ (non-exclusive)"))
                    .f("quantity_copy", "selection", "Quantities", "req", "sel", sel("copy", "Use quantities of agreement", "none",
                            "Set quantities manually"))
                    .f("line_copy", "selection", "Lines", "req", "sel", sel("copy", "Use lines of agreement", "none",
                            "Do not create RfQ lines automatically"))
                    .f("active", "boolean", "Active");
        }
        Model req = add("purchase.requisition", "Purchase Requisition", "PurchaseRequisition");
        req.order = "id desc";
        req.restrictedGroups = model("purchase.order").restrictedGroups;
        req.f("name", "char", v19 ? "Agreement" : "Reference", "req", "ro");
        if (v19) {
            req.f("active", "boolean", "Active").f("reference", "char", "Reference");
        } else {
            req.f("origin", "char", "Source Document");
        }
        req.f("order_count", "integer", "Number of Orders", "ro").m2o("vendor_id", "res.partner", "Vendor");
        if (v19) {
            req.f("requisition_type", "selection", "Agreement Type", "req", "sel", sel("blanket_order", "Blanket Order",
                    "purchase_template", "Purchase Template"))
                    .f("date_start", "date", "Start Date").f("date_end", "date", "End Date");
        } else {
            req.m2o("type_id", "purchase.requisition.type", "Agreement Type", "req").f("ordering_date", "date", "Ordering Date")
                    .f("date_end", "datetime", "Agreement Deadline").f("schedule_date", "date", "Delivery Date");
        }
        req.m2o("user_id", "res.users", "Purchase Representative").f("description", "html", "Description")
                .m2o("company_id", "res.company", "Company", "req")
                .o2m("purchase_ids", "purchase.order", "requisition_id", "Purchase Orders")
                .o2m("line_ids", "purchase.requisition.line", "requisition_id", "Products to Purchase")
                .f("state", "selection", "Status", "req", "sel", v19
                        ? sel("draft", "Draft", "confirmed", "Confirmed", "done", "Closed", "cancel", "Cancelled")
                        : sel("draft", "Draft", "ongoing", "Ongoing", "in_progress", "Confirmed", "open", "Bid Selection", "done", "Closed",
                                "cancel", "Cancelled"))
                .m2o("currency_id", "res.currency", "Currency", "req");
        req.compute("order_count", (s, r) -> s.idsWhere("purchase.order", "requisition_id", r.get("id")).size());
        Model line = add("purchase.requisition.line", "Purchase Requisition Line", "PurchaseRequisitionLine");
        line.restrictedGroups = req.restrictedGroups;
        line.displayName = (s, r) -> String.valueOf(s.related("product.product", r.get("product_id"), "display_name"));
        line.m2o("product_id", "product.product", "Product", "req").m2o("product_uom_id", "uom.uom", "Product Unit of Measure")
                .f("product_qty", "float", "Quantity").f("product_description_variants", "char", v19 ? "Description" : "Custom Description")
                .f("price_unit", "float", "Unit Price").f("qty_ordered", "float", "Ordered Quantities", "ro")
                .m2o("requisition_id", "purchase.requisition", "Purchase Agreement", "req")
                .m2o("company_id", "res.company", "Company", "ro").f("analytic_distribution", "json", "Analytic Distribution");
        if (!v19) {
            line.f("schedule_date", "date", "Scheduled Date");
        }
        line.compute("company_id", (s, r) -> s.related("purchase.requisition", r.get("requisition_id"), "company_id"));
        line.compute("qty_ordered", (s, r) -> s.requisitionOrdered(r));
        model("purchase.order").m2o("requisition_id", "purchase.requisition", "Purchase Agreement");
    }

    /** All field names, used to fill {@code ir.model.fields}. */
    static List<String> genericModelNames() {
        return Arrays.asList("base", "_unknown", "ir.model.inherit", "ir.model.constraint", "ir.model.relation",
                "ir.model.access", "ir.rule", "ir.sequence", "ir.sequence.date_range", "ir.ui.menu", "ir.ui.view", "ir.actions.actions",
                "ir.actions.act_window", "ir.actions.act_url", "ir.actions.server", "ir.actions.report", "ir.actions.client",
                "ir.cron", "ir.cron.trigger", "ir.config_parameter", "ir.attachment", "ir.default", "ir.exports", "ir.filters",
                "ir.logging", "ir.mail_server", "ir.property", "ir.translation", "ir.asset", "ir.profile", "res.bank",
                "res.partner.bank", "res.lang", "res.partner.industry", "res.partner.title", "res.config.settings", "mail.message",
                "mail.followers", "mail.template", "mail.mail", "mail.alias", "mail.thread",
                "iap.account", "account.account", "account.journal", "account.payment", "account.bank.statement", "account.fiscal.position",
                "stock.warehouse", "stock.quant", "stock.lot", "stock.rule", "stock.route",
                "project.task", "project.task.type", "project.tags", "hr.employee", "hr.department", "hr.job",
                "product.template", "product.attribute", "product.pricelist", "product.supplierinfo", "resource.calendar", "resource.resource",
                "maintenance.team", "purchase.bill.line.match", "uom.category", "utm.campaign", "utm.medium", "utm.source");
    }
}
