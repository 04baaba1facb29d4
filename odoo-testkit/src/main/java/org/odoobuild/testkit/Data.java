package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Base records every database has, and an optional demo data set resembling Odoo's demo database. */
final class Data {

    private Data() {
    }

    private static Map<String, Object> vals(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void put(Orm orm, String model, int id, Object... kv) {
        orm.createOne(model, vals(kv), id, false);
    }

    /** Records that exist in every database: company, admin, currencies, countries, units, taxes. */
    static void base(Orm orm, String adminLogin, String adminPassword, boolean demo) {
        boolean v19 = orm.version >= 19;
        put(orm, "res.currency", 1, "name", "USD", "full_name", "United States dollar", "symbol", "$");
        put(orm, "res.currency", 2, "name", "EUR", "full_name", "Euro", "symbol", "€");
        put(orm, "res.currency", 3, "name", "CAD", "full_name", "Canadian dollar", "symbol", "$", "active", false);
        put(orm, "res.country", 21, "name", "Belgium", "code", "BE", "currency_id", 2);
        put(orm, "res.country", 39, "name", "Canada", "code", "CA", "currency_id", 3);
        put(orm, "res.country", 75, "name", "France", "code", "FR", "currency_id", 2);
        put(orm, "res.country", 233, "name", "United States", "code", "US", "currency_id", 1);
        put(orm, "res.country.state", 13, "name", "California", "code", "CA", "country_id", 233);
        put(orm, "res.country.state", 44, "name", "New York", "code", "NY", "country_id", 233);
        put(orm, "res.partner", 1, "name", demo ? "My Company (San Francisco)" : "YourCompany", "is_company", true,
                "country_id", 233, "email", "info@yourcompany.com", "phone", "+1 555-555-5556", "city", "San Francisco");
        put(orm, "res.company", 1, "name", demo ? "My Company (San Francisco)" : "YourCompany", "partner_id", 1, "currency_id", 1);
        put(orm, "res.partner", 2, "name", "OdooBot", "active", false, "email", "odoobot@example.com");
        put(orm, "res.partner", 3, "name", demo ? "Mitchell Admin" : "Administrator", "email", "admin@yourcompany.example.com",
                "company_id", 1);
        Acl.seedGroups(orm);
        put(orm, "res.users", 1, "name", "OdooBot", "login", "__system__", "partner_id", 2, "active", false, "company_id", 1);
        put(orm, "res.users", 2, "name", demo ? "Mitchell Admin" : "Administrator", "login", adminLogin, "password", adminPassword,
                "partner_id", 3, "company_id", 1, "lang", "en_US", "tz", "Europe/Brussels", v19 ? "group_ids" : "groups_id", Acl.allGroupIds());
        orm.admins.add(1);
        orm.admins.add(2);
        if (!v19) {
            put(orm, "uom.category", 1, "name", "Unit");
            put(orm, "uom.category", 2, "name", "Weight");
            put(orm, "uom.category", 3, "name", "Working Time");
        }
        Object[] units = v19 ? new Object[] {} : new Object[] {"category_id", 1, "uom_type", "reference"};
        put(orm, "uom.uom", 1, concat(new Object[] {"name", "Units", "factor", 1.0, "rounding", 0.01}, units));
        put(orm, "uom.uom", 2, concat(new Object[] {"name", "Dozens", "factor", 1.0 / 12, "rounding", 0.01},
                v19 ? new Object[] {"relative_uom_id", 1} : new Object[] {"category_id", 1, "uom_type", "bigger"}));
        put(orm, "uom.uom", 4, concat(new Object[] {"name", "Hours", "factor", 8.0, "rounding", 0.01},
                v19 ? new Object[] {} : new Object[] {"category_id", 3, "uom_type", "reference"}));
        put(orm, "uom.uom", 12, concat(new Object[] {"name", "kg", "factor", 1.0, "rounding", 0.01},
                v19 ? new Object[] {} : new Object[] {"category_id", 2, "uom_type", "reference"}));
        put(orm, "account.tax", 1, "name", "15%", "amount", 15.0, "amount_type", "percent", "type_tax_use", "sale");
        put(orm, "account.tax", 2, "name", "15%", "amount", 15.0, "amount_type", "percent", "type_tax_use", "purchase");
        put(orm, "account.payment.term", 1, "name", "Immediate Payment");
        put(orm, "account.payment.term", 4, "name", "30 Days");
        put(orm, "product.category", 1, "name", "All");
        put(orm, "account.analytic.plan", 1, "name", "Project");
        put(orm, "account.analytic.plan", 2, "name", "Departments");
        put(orm, "account.analytic.plan", 3, "name", "Internal");
        put(orm, "maintenance.stage", 1, "name", "New Request", "sequence", 1);
        put(orm, "maintenance.stage", 2, "name", "In Progress", "sequence", 2);
        put(orm, "maintenance.stage", 3, "name", "Repaired", "sequence", 3, "done", true);
        put(orm, "maintenance.stage", 4, "name", "Scrap", "sequence", 4, "done", true);
        put(orm, "maintenance.equipment.category", 1, "name", "Computers");
        put(orm, "maintenance.equipment.category", 2, "name", "Software");
        put(orm, "maintenance.equipment.category", 3, "name", "Printers");
        put(orm, "maintenance.equipment.category", 4, "name", "Monitors");
        put(orm, "maintenance.equipment.category", 5, "name", "Phones");
        // stock (addons/stock/data/stock_data.xml): vendor/customer locations, the main stock, receipts and deliveries
        put(orm, "stock.location", 1, "name", "Physical Locations", "complete_name", "Physical Locations", "usage", "view");
        put(orm, "stock.location", 2, "name", "Partners", "complete_name", "Partners", "usage", "view");
        put(orm, "stock.location", 4, "name", "Vendors", "complete_name", "Partners/Vendors", "location_id", 2, "usage", "supplier");
        put(orm, "stock.location", 5, "name", "Customers", "complete_name", "Partners/Customers", "location_id", 2, "usage", "customer");
        put(orm, "stock.location", 7, "name", "WH", "complete_name", "WH", "location_id", 1, "usage", "view", "company_id", 1);
        put(orm, "stock.location", 8, "name", "Stock", "complete_name", "WH/Stock", "location_id", 7, "usage", "internal", "company_id", 1);
        put(orm, "stock.picking.type", 1, "name", "Receipts", "code", "incoming", "sequence_code", "IN", "sequence", 1,
                "default_location_src_id", 4, "default_location_dest_id", 8, "create_backorder", "ask", "company_id", 1);
        put(orm, "stock.picking.type", 2, "name", "Delivery Orders", "code", "outgoing", "sequence_code", "OUT", "sequence", 5,
                "default_location_src_id", 8, "default_location_dest_id", 5, "create_backorder", "ask", "company_id", 1);
        // the external ids the module data files give these base records (base/data/res_company_data.xml,
        // res_partner_data.xml, res_users_data.xml; uom/data/uom_data.xml; analytic/data/analytic_data.xml;
        // maintenance/data/maintenance_data.xml), so integrations can find them as on a real database
        orm.registerXmlId("base.main_company", "res.company", 1);
        orm.registerXmlId("base.main_partner", "res.partner", 1);
        orm.registerXmlId("base.partner_root", "res.partner", 2);
        orm.registerXmlId("base.partner_admin", "res.partner", 3);
        orm.registerXmlId("base.user_root", "res.users", 1);
        orm.registerXmlId("base.user_admin", "res.users", 2);
        orm.registerXmlId("uom.product_uom_unit", "uom.uom", 1);
        orm.registerXmlId("uom.product_uom_dozen", "uom.uom", 2);
        orm.registerXmlId("uom.product_uom_hour", "uom.uom", 4);
        orm.registerXmlId("uom.product_uom_kgm", "uom.uom", 12);
        orm.registerXmlId("analytic.analytic_plan_projects", "account.analytic.plan", 1);
        orm.registerXmlId("maintenance.stage_0", "maintenance.stage", 1);
        orm.registerXmlId("maintenance.stage_1", "maintenance.stage", 2);
        orm.registerXmlId("maintenance.stage_3", "maintenance.stage", 3);
        orm.registerXmlId("maintenance.stage_4", "maintenance.stage", 4);
        orm.registerXmlId("stock.stock_location_suppliers", "stock.location", 4);
        orm.registerXmlId("stock.stock_location_customers", "stock.location", 5);
        orm.registerXmlId("stock.stock_location_stock", "stock.location", 8);
        orm.registerXmlId("stock.picking_type_in", "stock.picking.type", 1);
        orm.registerXmlId("stock.picking_type_out", "stock.picking.type", 2);
        // mail (addons/mail/data/mail_activity_type_data.xml)
        String[][] types = {
            {"1", "Email", "mail_activity_data_email", "default"}, {"2", "Call", "mail_activity_data_call", "phonecall"},
            {"3", "Meeting", "mail_activity_data_meeting", "default"}, {"4", "To-Do", "mail_activity_data_todo", "default"},
            {"5", "Document", "mail_activity_data_upload_document", "upload_file"},
        };
        for (String[] t : types) {
            put(orm, "mail.activity.type", Integer.parseInt(t[0]), "name", t[1], "category", t[3], "sequence", Integer.parseInt(t[0]) * 3);
            orm.registerXmlId("mail." + t[2], "mail.activity.type", Integer.parseInt(t[0]));
        }
        if (orm.schema.modules.contains(Schema.PURCHASE_REQUISITION) && !v19) {
            // purchase_requisition/data/purchase_requisition_data.xml (17.0): the blanket order type
            put(orm, "purchase.requisition.type", 1, "name", "Blanket Order", "sequence", 3, "exclusive", "multiple",
                    "quantity_copy", "none", "line_copy", "copy", "active", true);
            orm.registerXmlId("purchase_requisition.type_single", "purchase.requisition.type", 1);
        }
        irModels(orm);
        irModelFields(orm);
    }

    /** One ir.model row per emulated model, with the {@code <module>.model_<name>} external ids of the main ones. */
    static void irModels(Orm orm) {
        int id = 1;
        for (Schema.Model m : orm.schema.all()) {
            put(orm, "ir.model", id, "name", m.description, "model", m.name, "transient", m.name.startsWith("stock.backorder.confirmation"));
            String module = m.name.startsWith("purchase.requisition") ? Schema.PURCHASE_REQUISITION : m.name.startsWith("purchase.") ? "purchase" : m.name.startsWith("stock.") ? "stock"
                    : m.name.startsWith("account.analytic.") ? "analytic" : m.name.startsWith("account.") ? "account"
                    : m.name.startsWith("maintenance.") ? "maintenance" : m.name.startsWith("project.") ? "project"
                    : m.name.startsWith("mail.") ? "mail" : m.name.startsWith("uom.") ? "uom" : m.name.startsWith("product.") ? "product" : "base";
            orm.registerXmlId(module + ".model_" + m.name.replace('.', '_'), "ir.model", id);
            id++;
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Fills ir.model.fields from the schema, padded with the generic fields of other well-known models (over 2,000 rows). */
    static void irModelFields(Orm orm) {
        Store s = orm.store;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String model : Schema.genericModelNames().subList(0, 2)) {
            rows.add(fieldRow(model, "id", "integer", "ID", null, false, true, true));
            rows.add(fieldRow(model, "display_name", "char", "Display Name", null, false, true, false));
        }
        for (Schema.Model m : s.schema.all()) {
            for (Schema.Field f : m.fields.values()) {
                rows.add(fieldRow(m.name, f.name, f.type, f.string, f.relation, f.required, f.readonly, f.store));
            }
        }
        String[][] generic = {
            {"id", "integer", "ID", "", "0", "1", "1"},
            {"display_name", "char", "Display Name", "", "0", "1", "0"},
            {"name", "char", "Name", "", "1", "0", "1"},
            {"active", "boolean", "Active", "", "0", "0", "1"},
            {"sequence", "integer", "Sequence", "", "0", "0", "1"},
            {"company_id", "many2one", "Company", "res.company", "0", "0", "1"},
            {"user_id", "many2one", "User", "res.users", "0", "0", "1"},
            {"note", "html", "Note", "", "0", "0", "1"},
            {"create_uid", "many2one", "Created by", "res.users", "0", "1", "1"},
            {"create_date", "datetime", "Created on", "", "0", "1", "1"},
            {"write_uid", "many2one", "Last Updated by", "res.users", "0", "1", "1"},
            {"write_date", "datetime", "Last Updated on", "", "0", "1", "1"},
        };
        List<String> others = new ArrayList<>(Schema.genericModelNames());
        others.removeIf(n -> s.schema.model(n) != null && others.indexOf(n) > 1);
        int round = 0;
        while (rows.size() < 2400) {
            for (String model : others.subList(2, others.size())) {
                for (String[] g : generic) {
                    String name = round == 0 ? g[0] : g[0] + "_" + round;
                    rows.add(fieldRow(model, name, g[1], g[2], g[3].isEmpty() ? null : g[3], g[4].equals("1"), g[5].equals("1"),
                            g[6].equals("1")));
                }
            }
            round++;
        }
        int id = 1;
        for (Map<String, Object> r : rows) {
            s.insert("ir.model.fields", r, id++);
        }
    }

    private static Map<String, Object> fieldRow(String model, String name, String type, String label, String relation,
            boolean required, boolean readonly, boolean store) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("model", model);
        r.put("ttype", type);
        r.put("field_description", label);
        if (relation != null) {
            r.put("relation", relation);
        }
        r.put("required", required);
        r.put("readonly", readonly);
        r.put("store", store);
        return r;
    }

    /** Demo records: partners, users, products, projects, analytic accounts, equipment, purchase orders. */
    static void demo(Orm orm) {
        boolean v19 = orm.version >= 19;
        put(orm, "res.partner", 4, "name", "My US Company", "is_company", true, "country_id", 233);
        put(orm, "res.partner", 5, "name", "My Company (Chicago)", "is_company", true, "country_id", 233, "city", "Chicago");
        put(orm, "res.company", 2, "name", "My US Company", "partner_id", 4, "currency_id", 1);
        put(orm, "res.company", 3, "name", "My Company (Chicago)", "partner_id", 5, "currency_id", 1);
        put(orm, "res.partner", 6, "name", "YourCompany", "is_company", true, "country_id", 233);
        put(orm, "res.partner", 7, "name", "Joel Willis", "parent_id", 6, "email", "joel.willis63@example.com", "function", "Sales Manager");
        String[][] companies = {
            {"8", "Wood Corner"}, {"9", "Deco Addict"}, {"10", "Gemini Furniture"}, {"11", "Ready Mat"},
            {"12", "The Jackson Group"}, {"13", "Lumber Inc"}, {"14", "Acme Concrete Supply"}, {"15", "Azure Interior"},
        };
        for (String[] c : companies) {
            put(orm, "res.partner", Integer.parseInt(c[0]), "name", c[1], "is_company", true, "country_id", 233,
                    "email", c[1].toLowerCase().replace(' ', '.') + "@example.com", "phone", "+1 555-0" + c[0], "supplier_rank", 1,
                    "street", c[0] + " Main Street", "city", "Fremont", "zip", "94538", "state_id", 13);
        }
        String[][] contacts = {
            {"20", "Douglas Fletcher", "8"}, {"21", "Floyd Steward", "9"}, {"22", "Addison Olson", "9"}, {"23", "Edwin Hansen", "10"},
            {"24", "Jesse Brown", "10"}, {"25", "Oscar Morgan", "11"}, {"26", "Theodore Gardner", "12"}, {"27", "Brandon Freeman", "15"},
            {"28", "Nicole Ford", "15"}, {"29", "Billy Fox", "13"}, {"30", "Kim Snyder", "14"}, {"31", "Edith Sanchez", "1"},
            {"32", "Lorraine Douglas", "11"}, {"33", "Soham Palmer", "10"}, {"34", "Colleen Diaz", "15"}, {"35", "Tom Ruiz", "8"},
            {"40", "Chester Reed", "1"}, {"41", "Marc Demo", "6"},
        };
        for (String[] c : contacts) {
            put(orm, "res.partner", Integer.parseInt(c[0]), "name", c[1], "parent_id", Integer.parseInt(c[2]),
                    "email", c[1].toLowerCase().replace(' ', '.') + "@example.com", "function", "Purchaser");
        }
        put(orm, "res.partner", 42, "name", "Archived Supplier", "is_company", true, "active", false);
        put(orm, "res.users", 5, "name", "Marc Demo", "login", "demo", "password", "demo", "partner_id", 41, "company_id", 1,
                v19 ? "group_ids" : "groups_id", List.of(1));
        orm.admins.add(5);

        put(orm, "product.product", 1, "name", "Concrete C30/37", "default_code", "CON-C30", "standard_price", 120.0,
                "list_price", 150.0, "uom_id", 1, "supplier_taxes_id", List.of(2), "taxes_id", List.of(1));
        put(orm, "product.product", 2, "name", "Rebar 12mm", "default_code", "REB-12", "standard_price", 0.95, "uom_id", 12,
                "supplier_taxes_id", List.of(2), "taxes_id", List.of(1));
        put(orm, "product.product", 3, "name", "Excavator rental", "default_code", "SRV-EXC", "type", "service",
                "standard_price", 85.0, "uom_id", 4, "supplier_taxes_id", List.of(2));
        put(orm, "product.product", 4, "name", "Plywood sheet 18mm", "default_code", "PLY-18", "standard_price", 32.5, "uom_id", 1,
                "supplier_taxes_id", List.of(2));
        put(orm, "product.product", 5, "name", "Office Chair", "default_code", "FURN_7777", "standard_price", 55.0,
                "list_price", 70.0, "uom_id", 1, "supplier_taxes_id", List.of(2), "taxes_id", List.of(1));
        put(orm, "product.product", 6, "name", "Safety helmet", "default_code", "PPE-HLM", "standard_price", 12.0, "uom_id", 1,
                "supplier_taxes_id", List.of(2));

        String[][] analytic = {
            {"1", "Time Off", "3", ""}, {"2", "Operating Costs", "3", ""}, {"3", "Our Super Product", "1", "9"},
            {"4", "Seagate P2", "1", "9"}, {"5", "Millennium Industries", "1", "10"}, {"6", "CampToCamp", "1", "15"},
            {"7", "Deco Addict", "1", "9"}, {"8", "Asustek", "1", "8"}, {"9", "Delta PC", "1", "11"}, {"10", "Spark Systems", "1", "8"},
            {"24", "Office Design", "1", "7"}, {"25", "Research & Development", "1", ""}, {"26", "Renovations", "1", ""},
            {"27", "Home Construction", "1", "9"}, {"28", "Internal", "3", ""},
        };
        for (String[] a : analytic) {
            Map<String, Object> v = vals("name", a[1], "plan_id", Integer.parseInt(a[2]));
            if (!a[3].isEmpty()) {
                v.put("partner_id", Integer.parseInt(a[3]));
            }
            orm.createOne("account.analytic.account", v, Integer.parseInt(a[0]), false);
        }
        String acc = v19 ? "account_id" : "analytic_account_id";
        put(orm, "project.project", 1, "name", "Office Design", "partner_id", 7, acc, 24, "date_start", "2026-09-20",
                "date", "2026-12-04", "user_id", 5, "task_count", 20);
        put(orm, "project.project", 2, "name", "Research & Development", acc, 25, "user_id", 2, "task_count", 10);
        put(orm, "project.project", 3, "name", "Renovations", acc, 26, "date_start", "2026-09-22", "date", "2026-11-17",
                "user_id", 2, "task_count", 4);
        put(orm, "project.project", 5, "name", "Home Construction", "partner_id", 9, acc, 27, "date_start", "2026-09-22",
                "date", "2026-11-17", "user_id", 5, "task_count", 0);
        put(orm, "project.project", 6, "name", "Product Launch Campaign", "date_start", "2025-06-01", "date", "2025-06-30",
                "user_id", 2, "task_count", 9);
        put(orm, "project.project", 9, "name", "Internal", acc, 28, "user_id", 1, "company_id", 1, "task_count", 2);

        String[][] equipment = {
            {"1", "Samsung Monitor 15\"", "4", "MT/122/11112222", "2", "2"}, {"2", "Samsung Monitor 15\"", "4", "MT/125/22778837", "2", "2"},
            {"3", "Samsung Monitor 15\"", "4", "MT/127/18291018", "5", "5"}, {"4", "Acer Laptop", "1", "LP/203/19281928", "5", "2"},
            {"5", "Acer Laptop", "1", "LP/205/12928291", "2", "5"}, {"6", "HP Laptop", "1", "LP/303/28292090", "2", "5"},
            {"7", "HP Laptop", "1", "LP/305/17281718", "5", "5"}, {"8", "HP Inkjet printer", "3", "PR/011/2928191889", "", "5"},
        };
        for (String[] e : equipment) {
            Map<String, Object> v = vals("name", e[1], "category_id", Integer.parseInt(e[2]), "serial_no", e[3], "cost", 0.0,
                    "technician_user_id", Integer.parseInt(e[5]));
            if (!e[4].isEmpty()) {
                v.put("owner_user_id", Integer.parseInt(e[4]));
            }
            orm.createOne("maintenance.equipment", v, Integer.parseInt(e[0]), false);
        }
        for (int eq = 3; eq <= 7; eq++) {
            orm.createOne("maintenance.request", vals("name", "Check-up of equipment " + eq, "equipment_id", eq, "user_id", 5,
                    "maintenance_type", "preventive"), null, false);
        }

        String uom = v19 ? "product_uom_id" : "product_uom";
        Object[][] orders = {
            {15, "purchase", new double[][] {{1, 10, 120}, {4, 60, 32.5}}}, {15, "draft", new double[][] {{6, 11, 12}}},
            {9, "purchase", new double[][] {{1, 50, 150.9}, {2, 1000, 0.95}}}, {10, "purchase", new double[][] {{1, 100, 120}}},
            {10, "cancel", new double[][] {{4, 40, 32.5}}}, {11, "purchase", new double[][] {{1, 80, 120}, {2, 5000, 0.95}}},
            {11, "draft", new double[][] {{4, 100, 32.5}}}, {11, "purchase", new double[][] {{6, 200, 12}}},
            {11, "sent", new double[][] {{1, 20, 118.5}}}, {8, "purchase", new double[][] {{4, 120, 31.2}}},
            {8, "draft", new double[][] {{2, 2000, 0.97}}}, {8, "purchase", new double[][] {{1, 30, 119}}},
            {8, "cancel", new double[][] {{6, 50, 12}}},
        };
        for (Object[] o : orders) {
            List<Object> lines = new ArrayList<>();
            for (double[] l : (double[][]) o[2]) {
                lines.add(List.of(0, 0, vals("product_id", (int) l[0], "product_qty", l[1], "price_unit", l[2])));
            }
            int id = orm.createOne("purchase.order", vals("partner_id", o[0], "order_line", lines, "user_id", 2), null, false);
            Map<String, Object> po = orm.store.row("purchase.order", id);
            String st = (String) o[1];
            if (st.equals("purchase")) {
                Actions.run(orm, orm.schema.model("purchase.order"), "button_confirm", List.of(po), Map.of());
            } else {
                po.put("state", st);
            }
        }
        for (Map<String, Object> l : orm.store.table("purchase.order.line").values()) {
            l.putIfAbsent(uom, 1);
        }
    }
}
