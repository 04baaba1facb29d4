package org.odoobuild.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The in-memory database: one ordered table per model, rows keyed by id holding raw values
 * (many2one: {@link Integer} or absent, x2many: list of ids, scalars as-is, unset: absent).
 * Not thread-safe by itself: {@link Orm} serialises access.
 */
final class Store {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Schema schema;
    final int version;
    final Clock clock;
    private final Map<String, TreeMap<Integer, Map<String, Object>>> tables = new HashMap<>();
    private final Map<String, Integer> nextIds = new HashMap<>();
    private final Map<String, Integer> sequences = new HashMap<>();
    /** uid of the user performing the current operation (create_uid/write_uid). */
    int currentUid = 2;

    Store(Schema schema, Clock clock) {
        this.schema = schema;
        this.version = schema.version;
        this.clock = clock;
        for (Schema.Model m : schema.all()) {
            tables.put(m.name, new TreeMap<>());
        }
    }

    String now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).withNano(0).format(DATETIME);
    }

    String today() {
        return now().substring(0, 10);
    }

    static double round2(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d;
        }
        return new BigDecimal(Double.toString(d)).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    int nextSequence(String code) {
        int n = sequences.getOrDefault(code, 1);
        sequences.put(code, n + 1);
        return n;
    }

    void setSequence(String code, int next) {
        sequences.put(code, next);
    }

    // ------------------------------------------------------------------ raw access

    TreeMap<Integer, Map<String, Object>> table(String model) {
        return tables.get(model);
    }

    Map<String, Object> row(String model, Integer id) {
        TreeMap<Integer, Map<String, Object>> t = tables.get(model);
        return t == null || id == null ? null : t.get(id);
    }

    boolean exists(String model, int id) {
        return row(model, id) != null;
    }

    /** Raw value of a field, computing non-stored fields. */
    Object value(String model, Map<String, Object> row, String field) {
        Schema.Model m = schema.model(model);
        Schema.Field f = m.field(field);
        if (f == null) {
            return null;
        }
        if (field.equals("display_name")) {
            return displayName(model, row);
        }
        if (f.compute != null) {
            return f.compute.apply(this, row);
        }
        if (f.type.equals("one2many")) {
            if (batch != null) {
                Map<Object, List<Integer>> idx = batch.computeIfAbsent(f.relation + "#" + f.inverse, k -> {
                    Map<Object, List<Integer>> m2 = new HashMap<>();
                    for (Map<String, Object> r : tables.get(f.relation).values()) {
                        Object key = r.get(f.inverse);
                        if (key != null) {
                            m2.computeIfAbsent(key, x -> new ArrayList<>()).add((Integer) r.get("id"));
                        }
                    }
                    return m2;
                });
                return new ArrayList<>(idx.getOrDefault(row.get("id"), List.of()));
            }
            return idsWhere(f.relation, f.inverse, row.get("id"));
        }
        return row.get(field);
    }

    /** While reading many rows, one2many values come from one inverse index per field instead of a scan per row. */
    private Map<String, Map<Object, List<Integer>>> batch;

    void beginBatch() {
        batch = new HashMap<>();
    }

    void endBatch() {
        batch = null;
    }

    // ------------------------------------------------------------------ external ids

    private final Map<String, Integer> xmlIndex = new HashMap<>();
    private boolean xmlIndexDirty;

    /** ir.model.data row id of {@code module.name}, or null. */
    Integer xmlDataRow(String module, String name) {
        if (xmlIndexDirty) {
            xmlIndex.clear();
            for (Map<String, Object> d : tables.get("ir.model.data").values()) {
                xmlIndex.put(d.get("module") + "." + d.get("name"), (Integer) d.get("id"));
            }
            xmlIndexDirty = false;
        }
        Integer id = xmlIndex.get(module + "." + name);
        return id != null && tables.get("ir.model.data").containsKey(id) ? id : null;
    }

    String displayName(String model, Map<String, Object> row) {
        if (row == null) {
            return "";
        }
        return schema.model(model).displayName.apply(this, row);
    }

    String selectionLabel(String model, String field, String value) {
        Schema.Field f = schema.model(model).field(field);
        if (f != null && f.selection != null) {
            for (List<String> p : f.selection) {
                if (p.get(0).equals(value)) {
                    return p.get(1);
                }
            }
        }
        return value;
    }

    List<Integer> idsWhere(String model, String field, Object value) {
        List<Integer> out = new ArrayList<>();
        TreeMap<Integer, Map<String, Object>> t = tables.get(model);
        if (t == null || value == null) {
            return out;
        }
        for (Map<String, Object> r : t.values()) {
            if (value.equals(r.get(field))) {
                out.add((Integer) r.get("id"));
            }
        }
        return out;
    }

    List<Map<String, Object>> lines(Map<String, Object> parent, String childModel, String inverse) {
        List<Map<String, Object>> out = new ArrayList<>();
        Object id = parent.get("id");
        for (Map<String, Object> r : tables.get(childModel).values()) {
            if (id != null && id.equals(r.get(inverse))) {
                out.add(r);
            }
        }
        return out;
    }

    Object related(String model, Object id, String field) {
        if (!(id instanceof Integer i)) {
            return null;
        }
        Map<String, Object> r = row(model, i);
        return r == null ? null : value(model, r, field);
    }

    double taxAmount(Object taxIds, double base) {
        double total = 0;
        if (taxIds instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> t = row("account.tax", (Integer) o);
                if (t != null) {
                    String type = String.valueOf(t.get("amount_type"));
                    double amount = Py.toDouble(t.get("amount"));
                    total += type.equals("fixed") ? amount : base * amount / 100.0;
                }
            }
        }
        return round2(total);
    }

    double qtyReceived(Map<String, Object> line) {
        double q = 0;
        for (Map<String, Object> mv : tables.get("stock.move").values()) {
            if (line.get("id").equals(mv.get("purchase_line_id")) && "done".equals(mv.get("state"))) {
                q += Py.toDouble(mv.get("quantity"));
            }
        }
        Object stored = line.get("qty_received_manual");
        return q + (stored == null ? 0.0 : Py.toDouble(stored));
    }

    /**
     * purchase.order.line._compute_qty_invoiced (addons/purchase/models/purchase_order_line.py): bill lines of every
     * bill that is not cancelled (drafts count), credit notes subtracted.
     */
    double qtyInvoiced(Map<String, Object> line) {
        double q = 0;
        for (Map<String, Object> l : tables.get("account.move.line").values()) {
            if (line.get("id").equals(l.get("purchase_line_id"))) {
                Map<String, Object> mv = row("account.move", (Integer) l.get("move_id"));
                if (mv != null && !"cancel".equals(mv.get("state"))) {
                    if ("in_invoice".equals(mv.get("move_type"))) {
                        q += Py.toDouble(l.get("quantity"));
                    } else if ("in_refund".equals(mv.get("move_type"))) {
                        q -= Py.toDouble(l.get("quantity"));
                    }
                }
            }
        }
        return q;
    }

    List<Integer> billIds(Map<String, Object> po) {
        Set<Integer> lineIds = new LinkedHashSet<>(idsWhere("purchase.order.line", "order_id", po.get("id")));
        Set<Integer> out = new LinkedHashSet<>();
        for (Map<String, Object> l : tables.get("account.move.line").values()) {
            if (lineIds.contains(l.get("purchase_line_id"))) {
                out.add((Integer) l.get("move_id"));
            }
        }
        return new ArrayList<>(out);
    }

    /** Goods (stock moves, received quantities): 17 "consu"/"product", 19 "consu"; services and combos are not. */
    boolean isGoods(Object productId) {
        Map<String, Object> prod = productId instanceof Integer pid ? row("product.product", pid) : null;
        return prod != null && ("consu".equals(prod.get("type")) || "product".equals(prod.get("type")));
    }

    /**
     * purchase.order.line._compute_qty_invoiced (qty_to_invoice): confirmed orders only; ordered minus billed for
     * products billed on ordered quantities (services), received minus billed for the others.
     */
    double qtyToInvoice(Map<String, Object> line) {
        Object st = related("purchase.order", line.get("order_id"), "state");
        if (!"purchase".equals(st) && !"done".equals(st)) {
            return 0.0;
        }
        return round2(billableQty(line) - qtyInvoiced(line));
    }

    /** purchase.order._get_invoiced: "to invoice" while any line has a quantity to bill, "invoiced" once bills exist. */
    String invoiceStatus(Map<String, Object> po) {
        Object st = po.get("state");
        if (!"purchase".equals(st) && !"done".equals(st)) {
            return "no";
        }
        List<Map<String, Object>> ls = lines(po, "purchase.order.line", "order_id");
        if (ls.stream().anyMatch(l -> Math.abs(qtyToInvoice(l)) > 1e-9)) {
            return "to invoice";
        }
        return billIds(po).isEmpty() ? "no" : "invoiced";
    }

    /** Quantity that may be billed: ordered quantity for services (purchase_method "purchase"), received for goods. */
    double billableQty(Map<String, Object> line) {
        if (!isGoods(line.get("product_id")) && line.get("product_id") != null) {
            return Py.toDouble(line.get("product_qty"));
        }
        return qtyReceived(line);
    }

    /** purchase_stock: the order's receipts are the pickings of its lines' moves. */
    List<Integer> pickingsOf(Map<String, Object> po) {
        Set<Integer> lineIds = new LinkedHashSet<>(idsWhere("purchase.order.line", "order_id", po.get("id")));
        Set<Integer> out = new java.util.TreeSet<>();
        for (Map<String, Object> mv : tables.get("stock.move").values()) {
            if (lineIds.contains(mv.get("purchase_line_id")) && mv.get("picking_id") instanceof Integer p && row("stock.picking", p) != null) {
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }

    /** stock.picking.purchase_id: related move_ids.purchase_line_id.order_id. */
    Object purchaseOfPicking(Map<String, Object> picking) {
        for (Map<String, Object> mv : tables.get("stock.move").values()) {
            if (picking.get("id").equals(mv.get("picking_id")) && mv.get("purchase_line_id") instanceof Integer l) {
                Object po = related("purchase.order.line", l, "order_id");
                if (po != null) {
                    return po;
                }
            }
        }
        return null;
    }

    /** account.move.line.balance in company currency: debit positive (bill expenses, invoice refunds). */
    double balance(Map<String, Object> line) {
        Object type = related("account.move", line.get("move_id"), "move_type");
        double sub = Py.toDouble(value("account.move.line", line, "price_subtotal"));
        return "out_invoice".equals(type) || "in_refund".equals(type) || "out_receipt".equals(type) ? -sub : sub;
    }

    /** Sum of the analytic amounts of an account over every plan column: sign 0 all, -1 debits (as positive), 1 credits. */
    double analyticSum(Map<String, Object> account, int sign) {
        double total = 0;
        for (Map<String, Object> l : tables.get("account.analytic.line").values()) {
            boolean mine = false;
            for (Map.Entry<String, Object> e : l.entrySet()) {
                mine |= (e.getKey().equals("account_id") || e.getKey().startsWith("x_plan")) && account.get("id").equals(e.getValue());
            }
            double a = Py.toDouble(l.get("amount"));
            if (mine && (sign == 0 || sign < 0 && a < 0 || sign > 0 && a > 0)) {
                total += sign < 0 ? -a : a;
            }
        }
        return round2(total);
    }

    /** mail.activity.res_name: the display name of the document. */
    Object resName(Map<String, Object> activity) {
        Object model = related("ir.model", activity.get("res_model_id"), "model");
        if (model instanceof String m && schema.model(m) != null && activity.get("res_id") instanceof Integer id && row(m, id) != null) {
            return displayName(m, row(m, id));
        }
        return null;
    }

    /** mail.activity._compute_state: against today in the assigned user's time zone. */
    Object activityState(Map<String, Object> activity) {
        if (!(activity.get("date_deadline") instanceof String d)) {
            return null;
        }
        Object tz = related("res.users", activity.get("user_id"), "tz");
        java.time.ZoneId zone;
        try {
            zone = tz instanceof String z ? java.time.ZoneId.of(z) : ZoneOffset.UTC;
        } catch (RuntimeException e) {
            zone = ZoneOffset.UTC;
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(zone));
        int c = java.time.LocalDate.parse(d).compareTo(today);
        return c == 0 ? "today" : c < 0 ? "overdue" : "planned";
    }

    int openRequests(Object equipmentId) {
        int n = 0;
        for (Map<String, Object> r : tables.get("maintenance.request").values()) {
            if (equipmentId != null && equipmentId.equals(r.get("equipment_id"))) {
                Map<String, Object> st = r.get("stage_id") instanceof Integer s ? row("maintenance.stage", s) : null;
                if (st == null || !Py.truthy(st.get("done"))) {
                    n++;
                }
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ wire formatting

    /** The value as {@code read()} returns it. */
    Object wire(String model, Map<String, Object> row, String field) {
        Schema.Field f = schema.model(model).field(field);
        Object v = value(model, row, field);
        switch (f.type) {
            case "many2one": {
                if (!(v instanceof Integer id)) {
                    return false;
                }
                Map<String, Object> target = row(f.relation, id);
                if (target == null) {
                    return false;
                }
                return new ArrayList<>(List.of(id, displayName(f.relation, target)));
            }
            case "one2many":
            case "many2many":
                return v instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            case "boolean":
                return Py.truthy(v);
            case "integer":
            case "many2one_reference":
                return v == null ? 0 : (Object) Py.toInt(v);
            case "float":
            case "monetary":
                return v == null ? 0.0 : Py.toDouble(v);
            case "json":
            case "properties":
                return v == null ? false : v;
            default:
                return v == null || "".equals(v) && !f.type.equals("char") ? false : v;
        }
    }

    // ------------------------------------------------------------------ writing

    /** Creates one record; x2many commands are applied after the row exists. Returns the new id. */
    int insert(String model, Map<String, Object> vals, Integer forcedId) {
        Schema.Model m = schema.model(model);
        TreeMap<Integer, Map<String, Object>> t = tables.get(model);
        int id;
        if (forcedId != null) {
            id = forcedId;
            if (t.containsKey(id)) {
                throw OdooError.validation("The operation cannot be completed: duplicate id " + id + " on " + model);
            }
        } else {
            id = nextIds.getOrDefault(model, 1);
            while (t.containsKey(id)) {
                id++;
            }
        }
        nextIds.put(model, Math.max(nextIds.getOrDefault(model, 1), id + 1));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        String now = now();
        if (m.has("create_date")) {
            row.put("create_date", now);
            row.put("write_date", now);
            row.put("create_uid", currentUid);
            row.put("write_uid", currentUid);
        }
        if (m.has("active")) {
            row.put("active", Boolean.TRUE);
        }
        t.put(id, row);
        Map<String, Object> later = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            Schema.Field f = m.field(e.getKey());
            if (f != null && f.x2many()) {
                later.put(e.getKey(), e.getValue());
            } else if (!e.getKey().equals("id")) {
                assign(m, row, e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : later.entrySet()) {
            applyX2many(m, row, m.field(e.getKey()), e.getValue());
        }
        if (model.equals("ir.model.data") && !xmlIndexDirty) {
            xmlIndex.put(row.get("module") + "." + row.get("name"), id);
        }
        return id;
    }

    void update(String model, Map<String, Object> row, Map<String, Object> vals) {
        Schema.Model m = schema.model(model);
        if (model.equals("ir.model.data")) {
            xmlIndexDirty = true;
        }
        double previousQty = model.equals("purchase.order.line") && vals.containsKey("product_qty")
                ? Py.toDouble(row.get("product_qty")) : Double.NaN;
        for (Map.Entry<String, Object> e : vals.entrySet()) {
            Schema.Field f = m.field(e.getKey());
            if (f != null && f.x2many()) {
                applyX2many(m, row, f, e.getValue());
            } else if (!e.getKey().equals("id")) {
                assign(m, row, e.getKey(), e.getValue());
            }
        }
        if (!Double.isNaN(previousQty)) {
            lineQuantityHook.changed(row, previousQty);
        }
        if (m.has("write_date")) {
            row.put("write_date", now());
            row.put("write_uid", currentUid);
        }
    }

    void delete(String model, int id) {
        tables.get(model).remove(id);
        if (model.equals("ir.model.data")) {
            xmlIndexDirty = true;
        }
    }

    /** The rows of every table, for a rollback; ids handed out stay used, as PostgreSQL sequences do. */
    static final class Snapshot {
        private final Map<String, TreeMap<Integer, Map<String, Object>>> tables = new HashMap<>();
    }

    Snapshot snapshot() {
        Snapshot s = new Snapshot();
        for (Map.Entry<String, TreeMap<Integer, Map<String, Object>>> t : tables.entrySet()) {
            TreeMap<Integer, Map<String, Object>> copy = new TreeMap<>();
            for (Map.Entry<Integer, Map<String, Object>> r : t.getValue().entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>(r.getValue());
                row.replaceAll((k, v) -> v instanceof List<?> l ? new ArrayList<>(l) : v);
                copy.put(r.getKey(), row);
            }
            s.tables.put(t.getKey(), copy);
        }
        return s;
    }

    void restore(Snapshot s) {
        for (Map.Entry<String, TreeMap<Integer, Map<String, Object>>> t : s.tables.entrySet()) {
            TreeMap<Integer, Map<String, Object>> live = tables.get(t.getKey());
            live.clear();
            live.putAll(t.getValue());
        }
        xmlIndexDirty = true;
    }

    private void assign(Schema.Model m, Map<String, Object> row, String name, Object value) {
        Schema.Field f = m.field(name);
        if (f == null) {
            if (name.equals("qty_received_manual")) {
                row.put(name, value);
                return;
            }
            throw OdooError.valueError(version >= 19 ? "Invalid field " + Py.repr(name) + " on " + Py.repr(m.name)
                    : "Invalid field " + Py.repr(name) + " on model " + Py.repr(m.name));
        }
        if (f.compute != null || name.equals("display_name")) {
            if (name.equals("qty_received")) {
                // purchase_order_line.py _inverse_qty_received: kept only where the method is manual (a service line)
                row.put("qty_received_manual", "manual".equals(value("purchase.order.line", row, "qty_received_method"))
                        ? Py.toDouble(value) : 0.0);
            }
            return; // computed fields without inverse ignore writes, like Odoo
        }
        Object v = convert(m, f, value);
        if (v == null) {
            row.remove(name);
        } else {
            row.put(name, v);
        }
    }

    /**
     * purchase.requisition.line._compute_ordered_qty: the quantity of the agreement's product on its confirmed orders
     * (the first line of a product carries it).
     */
    double requisitionOrdered(Map<String, Object> line) {
        Object req = line.get("requisition_id");
        for (Map<String, Object> other : tables.get("purchase.requisition.line").values()) {
            if (req != null && req.equals(other.get("requisition_id")) && java.util.Objects.equals(other.get("product_id"), line.get("product_id"))) {
                if (!other.get("id").equals(line.get("id"))) {
                    return 0.0;
                }
                break;
            }
        }
        double q = 0;
        for (Integer po : idsWhere("purchase.order", "requisition_id", req)) {
            Object state = row("purchase.order", po).get("state");
            if ("purchase".equals(state) || "done".equals(state)) {
                for (Map<String, Object> l : lines(row("purchase.order", po), "purchase.order.line", "order_id")) {
                    if (java.util.Objects.equals(l.get("product_id"), line.get("product_id"))) {
                        q += Py.toDouble(l.get("product_qty"));
                    }
                }
            }
        }
        return q;
    }

    /** Converts an incoming wire value to the raw stored value (null means unset). */
    Object convert(Schema.Model m, Schema.Field f, Object value) {
        boolean empty = value == null || value == Py.NONE || Boolean.FALSE.equals(value) && !f.type.equals("boolean");
        switch (f.type) {
            case "boolean":
                return Py.truthy(value);
            case "integer":
            case "many2one_reference":
                if (empty) {
                    return 0;
                }
                if (value instanceof Number n) {
                    return n.intValue();
                }
                if (value instanceof String s) {
                    try {
                        return Integer.parseInt(s.trim());
                    } catch (NumberFormatException e) {
                        throw OdooError.valueError("invalid literal for int() with base 10: " + Py.repr(s));
                    }
                }
                return Py.toInt(value);
            case "float":
            case "monetary":
                if (empty) {
                    return 0.0;
                }
                try {
                    return Py.toDouble(value);
                } catch (NumberFormatException e) {
                    throw OdooError.valueError("could not convert string to float: " + Py.repr(value));
                }
            case "many2one":
                if (empty) {
                    return null;
                }
                if (value instanceof Number n) {
                    return n.intValue();
                }
                if (value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number n) {
                    return n.intValue();
                }
                throw OdooError.typeError("unhashable type: " + (value instanceof List ? "'list'" : Py.repr(value)));
            case "selection":
                if (empty) {
                    return null;
                }
                String sv = String.valueOf(value);
                if (f.selection != null && f.selection.stream().noneMatch(p -> p.get(0).equals(sv))) {
                    throw OdooError.valueError("Wrong value for " + m.name + "." + f.name + ": " + Py.repr(value));
                }
                return sv;
            case "date":
            case "datetime":
                if (empty) {
                    return null;
                }
                String d = String.valueOf(value);
                if (f.type.equals("datetime") && d.length() == 10) {
                    d = d + " 00:00:00";
                }
                if (f.type.equals("datetime") && d.contains("T")) {
                    d = d.replace('T', ' ');
                }
                if (f.type.equals("date") && d.length() > 10) {
                    d = d.substring(0, 10);
                }
                return d;
            case "json":
            case "properties":
                return empty ? null : value;
            default:
                if (empty) {
                    return null;
                }
                return value instanceof String ? value : Py.repr(value);
        }
    }

    @SuppressWarnings("unchecked")
    private void applyX2many(Schema.Model m, Map<String, Object> row, Schema.Field f, Object value) {
        boolean o2m = f.type.equals("one2many");
        int selfId = (Integer) row.get("id");
        List<Integer> current = o2m ? idsWhere(f.relation, f.inverse, selfId)
                : new ArrayList<>(row.get(f.name) instanceof List<?> l ? (List<Integer>) l : List.of());
        if (value == null || value == Py.NONE || Boolean.FALSE.equals(value)) {
            value = List.of(List.of(5));
        }
        if (!(value instanceof List<?> cmds)) {
            throw OdooError.valueError("Wrong value for " + m.name + "." + f.name + ": " + Py.repr(value));
        }
        boolean plainIds = !cmds.isEmpty() && cmds.stream().allMatch(Py::isInt);
        if (plainIds) {
            List<Object> ids = new ArrayList<>(cmds);
            cmds = List.of(List.of(6, 0, ids));
        }
        for (Object c : cmds) {
            if (!(c instanceof List<?> cmd) || cmd.isEmpty() || !Py.isInt(cmd.get(0))) {
                throw OdooError.valueError("Wrong value for " + m.name + "." + f.name + ": " + Py.repr(c));
            }
            int op = Py.toInt(cmd.get(0));
            switch (op) {
                case 0: {
                    Map<String, Object> vals = cmd.size() > 2 && cmd.get(2) instanceof Map<?, ?> mv
                            ? new LinkedHashMap<>((Map<String, Object>) mv) : new LinkedHashMap<>();
                    if (o2m) {
                        vals.put(f.inverse, selfId);
                    }
                    int child = createHook.create(f.relation, vals);
                    if (!o2m) {
                        current.add(child);
                    }
                    break;
                }
                case 1: {
                    int cid = Py.toInt(cmd.get(1));
                    Map<String, Object> target = row(f.relation, cid);
                    if (target == null) {
                        throw OdooError.missing(f.relation, List.of(cid), currentUid);
                    }
                    update(f.relation, target, cmd.size() > 2 && cmd.get(2) instanceof Map<?, ?> mv
                            ? (Map<String, Object>) mv : Map.of());
                    break;
                }
                case 2: {
                    int cid = Py.toInt(cmd.get(1));
                    delete(f.relation, cid);
                    current.remove((Integer) cid);
                    break;
                }
                case 3: {
                    int cid = Py.toInt(cmd.get(1));
                    if (o2m) {
                        unlinkChild(f, cid);
                    }
                    current.remove((Integer) cid);
                    break;
                }
                case 4: {
                    int cid = Py.toInt(cmd.get(1));
                    if (o2m) {
                        Map<String, Object> target = row(f.relation, cid);
                        if (target != null) {
                            target.put(f.inverse, selfId);
                        }
                    } else if (!current.contains(cid)) {
                        current.add(cid);
                    }
                    break;
                }
                case 5:
                    if (o2m) {
                        for (Integer cid : new ArrayList<>(current)) {
                            unlinkChild(f, cid);
                        }
                    }
                    current.clear();
                    break;
                case 6: {
                    List<Integer> ids = new ArrayList<>();
                    if (cmd.size() > 2 && cmd.get(2) instanceof List<?> l) {
                        for (Object o : l) {
                            ids.add(Py.toInt(o));
                        }
                    }
                    if (o2m) {
                        for (Integer cid : current) {
                            if (!ids.contains(cid)) {
                                unlinkChild(f, cid);
                            }
                        }
                        for (Integer cid : ids) {
                            Map<String, Object> target = row(f.relation, cid);
                            if (target != null) {
                                target.put(f.inverse, selfId);
                            }
                        }
                    }
                    current = new ArrayList<>(new LinkedHashSet<>(ids));
                    break;
                }
                default:
                    throw OdooError.valueError("Wrong value for " + m.name + "." + f.name + ": " + Py.repr(c));
            }
        }
        if (!o2m) {
            row.put(f.name, current);
        }
    }

    private void unlinkChild(Schema.Field f, int cid) {
        Map<String, Object> target = row(f.relation, cid);
        if (target == null) {
            return;
        }
        Schema.Field inv = schema.model(f.relation).field(f.inverse);
        if (inv != null && inv.required) {
            delete(f.relation, cid);
        } else {
            target.remove(f.inverse);
        }
    }

    /** Creates nested records (x2many command 0) through the ORM so defaults and checks apply. */
    interface CreateHook {
        int create(String model, Map<String, Object> vals);
    }

    CreateHook createHook = (model, vals) -> insert(model, vals, null);

    /** Called after a purchase order line's {@code product_qty} was written, with the quantity before. */
    interface LineQuantityHook {
        void changed(Map<String, Object> line, double previous);
    }

    LineQuantityHook lineQuantityHook = (line, previous) -> { };
}
