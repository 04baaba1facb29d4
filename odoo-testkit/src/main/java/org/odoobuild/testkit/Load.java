package org.odoobuild.testkit;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code BaseModel.load(fields, data)}, built from Odoo's source (not recorded beyond the three partner
 * exchanges): {@code odoo/models.py} (17.0) / {@code odoo/orm/models.py} (19.0) {@code load},
 * {@code _extract_records}, {@code _convert_records}, {@code _load_records}, and the converters of
 * {@code odoo/addons/base/models/ir_fields.py} ({@code for_model}, {@code _str_to_*}, {@code db_id_for},
 * {@code _referencing_subfield}, {@code _str_to_one2many}, {@code O2MIdMapper}).
 *
 * <p>Column paths follow {@code fix_import_export_id_paths}: {@code a.id} / {@code a:id} become {@code a/.id} /
 * {@code a/id}, then the path is split on {@code /}. A row whose non-one2many cells are all empty continues the
 * previous record with further one2many lines. Relational cells resolve by name ({@code name_search} with
 * {@code =}), external id ({@code /id}) or database id ({@code /.id}). One2many lines become commands: a line
 * whose reference resolves is linked and updated ({@code (4, id)}, {@code (1, id, vals)}), any other line is
 * created ({@code (0, 0, vals)}; an unresolved {@code order_line/id} names the created line). An existing record
 * matched by external id is {@code write}n with those commands, so lines not mentioned stay and lines without a
 * resolvable reference are added. Any error message rolls everything back and answers {@code ids: false}.
 */
final class Load {

    /** A conversion failure: Python's {@code ValueError(msg[, info])} with {@code %(field)s} left in the message. */
    private static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Map<String, Object> info;
        final boolean warning;

        Problem(String msg, Map<String, Object> info, boolean warning) {
            super(msg, null, false, false);
            this.info = info;
            this.warning = warning;
        }
    }

    /** One extracted record and the rows it spans. */
    private record Extracted(Map<String, Object> record, int from, int to) {
    }

    private static final Pattern DB_ID = Pattern.compile("([^/])\\.id");
    private static final Pattern XML_ID = Pattern.compile("([^/]):id");
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?\\d+(_\\d+)*\\s*");
    private static final Pattern PY_FLOAT = Pattern.compile(
            "\\s*[+-]?((\\d+(_\\d+)*)?\\.?\\d+(_\\d+)*([eE][+-]?\\d+)?|\\d+\\.|(?i:nan|inf|infinity))\\s*");

    /** Searched besides the display name and {@code name} (the models' {@code _rec_names_search}). */
    private static final Map<String, List<String>> REC_NAMES = Map.of(
            "product.product", List.of("default_code", "barcode"),
            "res.partner", List.of("email", "ref", "vat"),
            "account.analytic.account", List.of("code"));

    private final Orm orm;
    private final Store store;
    private final Schema schema;
    private final Map<String, Object> ctx;
    private final String module;

    Load(Orm orm, Map<String, Object> ctx) {
        this.orm = orm;
        this.store = orm.store;
        this.schema = orm.schema;
        this.ctx = ctx;
        this.module = ctx.get("module") instanceof String s && !s.isEmpty() ? s : "__import__";
    }

    @SuppressWarnings("unchecked")
    Object run(Schema.Model m, Object fieldsObj, Object dataObj) {
        List<List<String>> paths = new ArrayList<>();
        if (fieldsObj instanceof List<?> l) {
            for (Object o : l) {
                paths.add(path(o == null || o == Py.NONE ? "" : String.valueOf(o)));
            }
        }
        List<List<Object>> data = new ArrayList<>();
        if (dataObj instanceof List<?> l) {
            for (Object o : l) {
                data.add(o instanceof List<?> row ? (List<Object>) row : List.of());
            }
        }
        List<Object> messages = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        Store.Snapshot before = store.snapshot();
        String previousModule = orm.importModule;
        orm.importModule = module;
        int lastRow = -1;
        try {
            List<Extracted> records = extract(m, paths, data);
            // conversion messages come first, then those of saving (load() converts the rows, then flushes the batch)
            List<Object> saveMessages = new ArrayList<>();
            String batchFailure = null;
            boolean failedBefore = false;
            int errors = 0;
            for (int i = 0; i < records.size(); i++) {
                Extracted e = records.get(i);
                Map<String, Object> rows = new LinkedHashMap<>();
                rows.put("from", e.from);
                rows.put("to", e.to);
                lastRow = e.to;
                int recordIndex = i;
                Map<String, Object> rec = e.record;
                Integer dbid = null;
                if (Py.truthy(rec.get(".id"))) {
                    Object raw = rec.get(".id");
                    Integer parsed = raw instanceof String s && PY_INT.matcher(s).matches() ? Integer.valueOf(s.trim().replace("_", ""))
                            : Py.isInt(raw) ? Py.toInt(raw) : null;
                    if (parsed != null && store.row(m.name, parsed) != null) {
                        dbid = parsed;
                    } else {
                        Map<String, Object> msg = new LinkedHashMap<>();
                        msg.put("rows", rows);
                        msg.put("type", "error");
                        msg.put("record", recordIndex);
                        msg.put("field", ".id");
                        msg.put("message", "Unknown database identifier '" + str(raw) + "'");
                        messages.add(msg);
                    }
                }
                Map<String, Object> vals = convert(m, rec, (field, p) -> messages.add(logEntry(m, rows, recordIndex, field, p)));
                Object xidCell = rec.get("id");
                String xid = Py.truthy(xidCell) ? str(xidCell) : null;
                if (xid != null && !xid.contains(".")) {
                    xid = module + "." + xid;
                }
                if (errors >= 10 && errors >= (i + 1) / 10.0) {
                    continue;
                }
                try {
                    ids.add(save(m, xid, dbid, vals));
                } catch (OdooError err) {
                    errors++;
                    Map<String, Object> msg = new LinkedHashMap<>();
                    msg.put("rows", rows);
                    msg.put("record", recordIndex);
                    msg.put("type", "error");
                    if (err.notNullColumn != null) {
                        // a NOT NULL violation is a database error, not a UserError: 17 maps it with
                        // convert_pgerror_not_null, 19 with _sql_error_to_message (models.py load.flush)
                        boolean own = m.name.equals(err.notNullModel);
                        Schema.Field col = schema.model(err.notNullModel).field(err.notNullColumn);
                        msg.put("message", version19() ? err.getMessage() : own
                                ? "Missing required value for the field '" + col.string + "' (" + col.name + ")"
                                : "Missing required value for the field '" + col.name + "'");
                        if (own) {
                            msg.put("field", col.name);
                        }
                    } else if (userError(err)) {
                        msg.put("message", err.getMessage());
                        if (!failedBefore) {
                            batchFailure = err.getMessage();
                        }
                    } else {
                        msg.put("message", "Unknown error during import: <class '" + err.shortName() + "'>: " + err.getMessage());
                        msg.put("moreinfo", "Resolve other errors first");
                    }
                    failedBefore = true;
                    saveMessages.add(msg);
                    if (errors >= 10 && errors >= (i + 1) / 10.0) {
                        Map<String, Object> stop = new LinkedHashMap<>();
                        stop.put("type", "warning");
                        stop.put("message", "Found more than 10 errors and more than one error per 10 records, interrupted to avoid showing too many errors.");
                        saveMessages.add(stop);
                    }
                }
            }
            messages.addAll(saveMessages);
            // load() first saves the whole batch at once; when that raises a UserError, its message is reported
            // against the batch's first record unless already listed (models.py load.flush)
            if (batchFailure != null) {
                Map<String, Object> global = new LinkedHashMap<>();
                Map<String, Object> rows = new LinkedHashMap<>();
                rows.put("from", records.get(0).from);
                rows.put("to", records.get(0).to);
                global.put("rows", rows);
                global.put("record", 0);
                global.put("type", "error");
                global.put("message", batchFailure);
                if (!messages.contains(global)) {
                    messages.add(0, global);
                }
            }
        } catch (RuntimeException e) {
            store.restore(before);
            throw e;
        } finally {
            orm.importModule = previousModule;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean failed = messages.stream().anyMatch(x -> "error".equals(((Map<String, Object>) x).get("type")));
        if (failed) {
            store.restore(before);
        }
        out.put("ids", failed ? false : ids);
        out.put("messages", messages);
        int nextrow = lastRow + 1;
        Object limit = ctx.get("_import_limit");
        out.put("nextrow", Py.isInt(limit) && nextrow >= Py.toInt(limit) ? nextrow : 0);
        return out;
    }

    private static boolean userError(OdooError e) {
        return e.pythonClass.startsWith("odoo.exceptions.") && !e.pythonClass.equals("odoo.exceptions.AccessDenied");
    }

    /** {@code _load_records}: an external id that names a live record updates it, anything else creates. */
    private int save(Schema.Model m, String xid, Integer dbid, Map<String, Object> vals) {
        if (xid != null) {
            String mod = xid.substring(0, xid.indexOf('.'));
            String name = xid.substring(xid.indexOf('.') + 1);
            Integer dataRow = store.xmlDataRow(mod, name);
            if (dataRow != null) {
                Map<String, Object> d = store.row("ir.model.data", dataRow);
                if (!m.name.equals(d.get("model"))) {
                    throw OdooError.validation("For external id " + xid + " when trying to create/update a record of model " + m.name
                            + " found record of different model " + d.get("model") + " (" + dataRow + ")");
                }
                Integer resId = (Integer) d.get("res_id");
                if (resId != null && store.row(m.name, resId) != null) {
                    orm.write(m, List.of(resId), vals);
                    return resId;
                }
                store.delete("ir.model.data", dataRow);
            }
            int id = orm.createOne(m.name, vals, null, true);
            orm.registerXmlId(xid, m.name, id);
            return id;
        }
        if (dbid != null) {
            orm.write(m, List.of(dbid), vals);
            return dbid;
        }
        return orm.createOne(m.name, vals, null, true);
    }

    // ------------------------------------------------------------------ extraction

    static List<String> path(String column) {
        String fixed = XML_ID.matcher(DB_ID.matcher(column).replaceAll("$1/.id")).replaceAll("$1/id");
        List<String> out = new ArrayList<>();
        for (String p : fixed.split("/", -1)) {
            out.add(p);
        }
        return out;
    }

    private static String head(List<String> path) {
        return path.isEmpty() ? null : path.get(0);
    }

    private static Object cell(List<Object> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }

    private boolean relational(Schema.Model m, String fname) {
        Schema.Field f = fname == null ? null : m.field(fname);
        return f != null && f.relation != null && (f.type.equals("many2one") || f.x2many());
    }

    private boolean o2m(Schema.Model m, String fname) {
        Schema.Field f = fname == null ? null : m.field(fname);
        return f != null && f.type.equals("one2many");
    }

    /** {@code _extract_records}: rows to nested records; a sub-path of a relational column is read on the comodel. */
    private List<Extracted> extract(Schema.Model m, List<List<String>> paths, List<List<Object>> data) {
        for (List<String> p : paths) {
            String fname = head(p);
            if (fname == null || fname.isEmpty() || fname.contains(".")) {
                continue; // display name, ".id", or a properties column (not emulated)
            }
            if (!m.has(fname)) {
                throw OdooError.valueError("Invalid field name '" + fname + "'");
            }
        }
        List<Extracted> out = new ArrayList<>();
        int index = 0;
        while (index < data.size()) {
            List<Object> row = data.get(index);
            Map<String, Object> record = new LinkedHashMap<>();
            for (int c = 0; c < paths.size() && c < row.size(); c++) {
                String fname = head(paths.get(c));
                if (!relational(m, fname)) {
                    record.put(fname == null || fname.isEmpty() ? null : fname, row.get(c));
                }
            }
            List<List<Object>> span = new ArrayList<>();
            span.add(row);
            for (int j = index + 1; j < data.size() && onlyO2m(m, paths, data.get(j)); j++) {
                span.add(data.get(j));
            }
            for (List<String> p : paths) {
                String rel = head(p);
                if (!relational(m, rel) || record.containsKey(rel)) {
                    continue;
                }
                List<Integer> indices = new ArrayList<>();
                List<List<String>> subpaths = new ArrayList<>();
                for (int c = 0; c < paths.size(); c++) {
                    List<String> q = paths.get(c);
                    if (rel.equals(head(q))) {
                        indices.add(c);
                        List<String> rest = new ArrayList<>(q.subList(1, q.size()));
                        if (rest.isEmpty()) {
                            rest.add(null);
                        }
                        subpaths.add(rest);
                    }
                }
                List<List<Object>> relData = new ArrayList<>();
                for (List<Object> r : span) {
                    List<Object> picked = new ArrayList<>();
                    boolean any = false;
                    for (int c : indices) {
                        Object v = cell(r, c);
                        picked.add(v);
                        any |= Py.truthy(v);
                    }
                    if (any) {
                        relData.add(picked);
                    }
                }
                List<Object> subs = new ArrayList<>();
                for (Extracted x : extract(schema.model(m.field(rel).relation), subpaths, relData)) {
                    subs.add(x.record);
                }
                record.put(rel, subs);
            }
            out.add(new Extracted(record, index, index + span.size() - 1));
            index += span.size();
        }
        return out;
    }

    /** A continuation row: some one2many cell filled, every other cell empty. */
    private boolean onlyO2m(Schema.Model m, List<List<String>> paths, List<Object> row) {
        boolean anyO2m = false;
        for (int c = 0; c < paths.size(); c++) {
            boolean filled = Py.truthy(cell(row, c));
            if (o2m(m, head(paths.get(c)))) {
                anyO2m |= filled;
            } else if (filled) {
                return false;
            }
        }
        return anyO2m;
    }

    // ------------------------------------------------------------------ conversion

    private interface Log {
        void log(String field, Problem p);
    }

    private Map<String, Object> logEntry(Schema.Model m, Map<String, Object> rows, int record, String field, Problem p) {
        String label = m.field(field).string;
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("rows", rows);
        msg.put("type", p.warning ? "warning" : "error");
        msg.put("record", record);
        msg.put("field", field);
        msg.put("message", p.getMessage().replace("%(field)s", label).replace("%%", "%"));
        if (p.info != null) {
            msg.putAll(p.info);
            msg.put("field_name", label);
        }
        return msg;
    }

    /** {@code ir.fields.converter.for_model}: every non-reference value to what {@code write} takes. */
    private Map<String, Object> convert(Schema.Model m, Map<String, Object> record, Log log) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            String field = e.getKey();
            if (field == null || field.equals("id") || field.equals(".id")) {
                continue;
            }
            Schema.Field f = m.field(field);
            Object value = e.getValue();
            if (!Py.truthy(value)) {
                out.put(field, false);
                continue;
            }
            try {
                out.put(field, convertField(m, f, value, w -> log.log(field, w)));
            } catch (Problem p) {
                log.log(field, p);
            }
        }
        return out;
    }

    private interface Warn {
        void warn(Problem p);
    }

    private static String str(Object v) {
        if (v instanceof Double d) {
            return Py.floatRepr(d);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(v);
    }

    private static String esc(Object v) {
        return str(v).replace("%", "%%");
    }

    private static Map<String, Object> info(Object moreinfo) {
        Map<String, Object> i = new LinkedHashMap<>();
        if (moreinfo != null) {
            i.put("moreinfo", moreinfo);
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    private Object convertField(Schema.Model m, Schema.Field f, Object value, Warn warn) {
        switch (f.type) {
            case "integer":
            case "many2one_reference": {
                if (Py.isInt(value)) {
                    return Py.toInt(value);
                }
                if (value instanceof Double d) {
                    return (int) d.doubleValue();
                }
                String s = str(value);
                if (!PY_INT.matcher(s).matches()) {
                    throw new Problem("'" + esc(value) + "' does not seem to be an integer for field '%(field)s'", info(null), false);
                }
                return Integer.parseInt(s.trim().replace("_", "").replace("+", ""));
            }
            case "float":
            case "monetary": {
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                String s = str(value);
                if (!PY_FLOAT.matcher(s).matches()) {
                    throw new Problem("'" + esc(value) + "' does not seem to be a number for field '%(field)s'", info(null), false);
                }
                String t = s.trim().replace("_", "").toLowerCase(Locale.ROOT);
                return t.endsWith("nan") ? Double.NaN : t.endsWith("inf") || t.endsWith("infinity")
                        ? (t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY) : Double.parseDouble(t);
            }
            case "boolean": {
                String t = str(value).toLowerCase(Locale.ROOT);
                if (List.of("1", "true", "yes").contains(t)) {
                    return true;
                }
                if (List.of("", "0", "false", "no").contains(t)) {
                    return false;
                }
                // the converter sets True and reports the value (as an error: it is a ValueError, not a Warning)
                warn.warn(new Problem("Unknown value '" + esc(value) + "' for boolean field '%(field)s'",
                        info("Use '1' for yes and '0' for no"), false));
                return true;
            }
            case "date": {
                String s = str(value);
                try {
                    return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).toString();
                } catch (DateTimeParseException e) {
                    throw new Problem("'" + esc(value) + "' does not seem to be a valid date for field '%(field)s'",
                            info("Use the format '2012-12-31'"), false);
                }
            }
            case "datetime": {
                String s = str(value);
                s = s.length() > 19 ? s.substring(0, 19) : s;
                if (s.length() == 10) {
                    s = s + " 00:00:00";
                }
                try {
                    LocalDateTime local = LocalDateTime.parse(s, Store.DATETIME);
                    return local.atZone(inputZone()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().format(Store.DATETIME);
                } catch (DateTimeParseException e) {
                    throw new Problem("'" + esc(value) + "' does not seem to be a valid datetime for field '%(field)s'",
                            info("Use the format '2012-12-31 23:59:59'"), false);
                }
            }
            case "selection": {
                String t = str(value).toLowerCase(Locale.ROOT);
                List<Object> labels = new ArrayList<>();
                for (List<String> p : f.selection) {
                    if (p.get(0).toLowerCase(Locale.ROOT).equals(t) || p.get(1).toLowerCase(Locale.ROOT).equals(t)) {
                        return p.get(0);
                    }
                    labels.add(p.get(1).isEmpty() ? p.get(0) : p.get(1));
                }
                throw new Problem("Value '" + esc(value) + "' not found in selection field '%(field)s'", info(labels), false);
            }
            case "many2one": {
                Map<String, Object> rec = single((List<Object>) value);
                String sub = referencingSubfield(rec);
                return idFor(f, sub, rec.get(sub), warn);
            }
            case "many2many": {
                Map<String, Object> rec = single((List<Object>) value);
                String sub = referencingSubfield(rec);
                List<Object> ids = new ArrayList<>();
                for (String ref : str(rec.get(sub)).split(",", -1)) {
                    Object id = idFor(f, sub, ref, warn);
                    if (Py.truthy(id)) {
                        ids.add(id);
                    }
                }
                return new ArrayList<>(List.of(new ArrayList<>(List.of(6, 0, ids))));
            }
            case "one2many":
                return toOne2many(f, (List<Object>) value, warn);
            default:
                return value;
        }
    }

    private ZoneId inputZone() {
        Object tz = ctx.get("tz");
        if (!(tz instanceof String)) {
            Map<String, Object> u = store.row("res.users", store.currentUid);
            tz = u == null ? null : u.get("tz");
        }
        try {
            return tz instanceof String s && !s.isEmpty() ? ZoneId.of(s) : ZoneOffset.UTC;
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> single(List<Object> records) {
        if (records.size() != 1) {
            throw new Problem("too many values to unpack (expected 1)", null, false);
        }
        return (Map<String, Object>) records.get(0);
    }

    private static boolean isRef(String k) {
        return k == null || k.equals("id") || k.equals(".id");
    }

    /** {@code _referencing_subfield}: exactly one of name, external id or database id. */
    private static String referencingSubfield(Map<String, Object> rec) {
        for (String k : rec.keySet()) {
            if (!isRef(k)) {
                throw new Problem("Can not create Many-To-One records indirectly, import the field separately", null, false);
            }
        }
        if (rec.size() > 1) {
            throw new Problem("Ambiguous specification for field '%(field)s', only provide one of name, external id or database id",
                    null, false);
        }
        return rec.keySet().iterator().next();
    }

    private Map<String, Object> possibleValues(Schema.Field f, String sub) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "Possible Values");
        action.put("type", "ir.actions.act_window");
        action.put("target", "new");
        action.put("view_mode", version19() ? "list,form" : "tree,form");
        action.put("views", new ArrayList<>(List.of(new ArrayList<>(List.of(false, "list")), new ArrayList<>(List.of(false, "form")))));
        action.put("context", new LinkedHashMap<>(Map.of("create", false)));
        action.put("help", "See all possible values");
        if (sub == null) {
            action.put("res_model", f.relation);
        } else {
            action.put("res_model", "ir.model.data");
            action.put("domain", new ArrayList<>(List.of(new ArrayList<>(List.of("model", "=", f.relation)))));
        }
        return action;
    }

    private boolean version19() {
        return store.version >= 19;
    }

    private static boolean falsyText(Object v) {
        return v instanceof String s && List.of("", "0", "false", "no").contains(s.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code db_id_for}: the id a reference names, {@code false} for an empty one; a miss raises
     * "No matching record found for ... in field ...".
     */
    private Object idFor(Schema.Field f, String sub, Object value, Warn warn) {
        String type;
        Integer id = null;
        if (".id".equals(sub)) {
            type = "database id";
            if (falsyText(value)) {
                return false;
            }
            String s = str(value);
            if (Py.isInt(value) || PY_INT.matcher(s).matches()) {
                int candidate = Py.isInt(value) ? Py.toInt(value) : Integer.parseInt(s.trim().replace("_", "").replace("+", ""));
                if (store.row(f.relation, candidate) != null) {
                    id = candidate;
                }
            } else {
                throw new Problem("Invalid database id '" + esc(value) + "' for the field '%(field)s'", info(possibleValues(f, sub)), false);
            }
        } else if ("id".equals(sub)) {
            type = "external id";
            if (falsyText(value)) {
                return false;
            }
            String xid = str(value);
            String qualified = xid.contains(".") ? xid : module + "." + xid;
            Integer row = store.xmlDataRow(qualified.substring(0, qualified.indexOf('.')), qualified.substring(qualified.indexOf('.') + 1));
            Map<String, Object> d = row == null ? null : store.row("ir.model.data", row);
            if (d != null && d.get("res_id") instanceof Integer resId && store.row(String.valueOf(d.get("model")), resId) != null) {
                if (!f.relation.equals(d.get("model"))) {
                    throw new Problem("Invalid external ID " + qualified + ": expected model " + Py.repr(f.relation) + ", found "
                            + Py.repr(d.get("model")), null, false);
                }
                id = resId;
            }
        } else {
            type = "name";
            String name = str(value);
            if (name.isEmpty()) {
                return false;
            }
            // name_search(name, operator='=') searches the model's _rec_names_search fields (models.py
            // _search_display_name): the display name, the name, and e.g. a product's internal reference
            Schema.Model cm = schema.model(f.relation);
            List<Map<String, Object>> hits = new ArrayList<>();
            for (Map<String, Object> r : store.table(f.relation).values()) {
                if ((!cm.has("active") || Py.truthy(r.get("active"))) && (name.equals(store.displayName(f.relation, r))
                        || name.equals(r.get("name")) || REC_NAMES.getOrDefault(f.relation, List.of()).stream().anyMatch(k -> name.equals(r.get(k))))) {
                    hits.add(r);
                }
            }
            hits.sort(Domain.order(store, f.relation, null));
            List<Integer> found = new ArrayList<>();
            for (Map<String, Object> r : hits) {
                found.add((Integer) r.get("id"));
            }
            if (!found.isEmpty()) {
                if (found.size() > 1) {
                    warn.warn(new Problem("Found multiple matches for value '" + esc(name) + "' in field '%(field)s' (" + found.size()
                            + " matches)", null, true));
                }
                id = found.get(0);
            }
        }
        if (id == null) {
            throw new Problem("No matching record found for " + type + " '" + esc(value) + "' in field '%(field)s'",
                    info(possibleValues(f, sub)), false);
        }
        return id;
    }

    /** {@code _str_to_one2many}: link-and-update lines whose reference resolves, create the others. */
    @SuppressWarnings("unchecked")
    private Object toOne2many(Schema.Field f, List<Object> records, Warn warn) {
        Schema.Model comodel = schema.model(f.relation);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Object o : records) {
            lines.add((Map<String, Object>) o);
        }
        if (lines.size() == 1 && lines.get(0).keySet().stream().allMatch(Load::isRef)) {
            // a single cell of comma-separated references, as for many2one / many2many
            String sub = referencingSubfield(lines.get(0));
            List<Map<String, Object>> split = new ArrayList<>();
            for (String ref : str(lines.get(0).get(sub)).split(",", -1)) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put(sub, ref);
                split.add(one);
            }
            lines = split;
        }
        List<Object> commands = new ArrayList<>();
        for (Map<String, Object> line : lines) {
            Map<String, Object> plain = new LinkedHashMap<>();
            Map<String, Object> refs = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : line.entrySet()) {
                (isRef(e.getKey()) ? refs : plain).put(e.getKey(), e.getValue());
            }
            // an error inside a line stops the field, named "<field>/<sub-field>" (ir_fields.py _str_to_one2many.log)
            Map<String, Object> writable = convert(comodel, plain, (sub, p) -> {
                if (p.warning) {
                    warn.warn(p);
                    return;
                }
                throw new Problem(p.getMessage().replace("%(field)s", "%(field)s/" + comodel.field(sub).string), p.info, false);
            });
            Object id = null;
            if (!refs.isEmpty()) {
                String sub = referencingSubfield(refs);
                try {
                    id = idFor(f, sub, refs.get(sub), warn);
                } catch (Problem p) {
                    if (!"id".equals(sub)) {
                        throw p;
                    }
                    writable.put("id", refs.get("id"));
                }
            }
            if (Py.truthy(id)) {
                commands.add(new ArrayList<>(List.of(4, id)));
                commands.add(new ArrayList<>(List.of(1, id, writable)));
            } else {
                commands.add(new ArrayList<>(List.of(0, 0, writable)));
            }
        }
        return commands;
    }
}
