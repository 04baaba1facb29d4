package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The ORM: authentication, access rules, method signatures (with Python's binding errors) and the
 * implementation of the public model methods. All calls are serialised on one lock.
 */
final class Orm {

    /** Which protocol the call came in on (result shapes differ slightly). */
    enum Proto { XMLRPC, JSONRPC, JSON2 }

    /** A Python method signature. */
    record Sig(String owner, boolean apiModel, List<String> params, int required, boolean varkw) {
    }

    final Store store;
    final Schema schema;
    final int version;
    final String database;
    final Object lock = new Object();
    /** API key → login. */
    final Map<String, String> apiKeys = new ConcurrentHashMap<>();
    final Set<Integer> admins = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> callCounts = new ConcurrentHashMap<>();
    /** Module of the running {@code load()} (external ids of created one2many lines), or null. */
    String importModule;

    Orm(Store store, String database) {
        this.store = store;
        this.schema = store.schema;
        this.version = store.version;
        this.database = database;
        store.createHook = (model, vals) -> createOne(model, vals, null, true);
        store.lineQuantityHook = (line, previous) -> Actions.confirmedLineChanged(this, line, previous);
    }

    // ------------------------------------------------------------------ authentication

    /** Returns the uid for login/password (or an API key in the password slot), or 0. */
    int authenticate(String db, String login, String password) {
        if (!database.equals(db) || login == null || password == null) {
            return 0;
        }
        synchronized (lock) {
            for (Map<String, Object> u : store.table("res.users").values()) {
                if (login.equals(u.get("login")) && Py.truthy(u.get("active"))) {
                    int uid = (Integer) u.get("id");
                    return checkPassword(uid, password) ? uid : 0;
                }
            }
        }
        return 0;
    }

    boolean checkPassword(int uid, String password) {
        synchronized (lock) {
            Map<String, Object> u = store.row("res.users", uid);
            if (u == null || !Py.truthy(u.get("active")) || password == null || password.isEmpty()) {
                return false;
            }
            if (password.equals(u.get("password"))) {
                return true;
            }
            String login = apiKeys.get(password);
            return login != null && login.equals(u.get("login"));
        }
    }

    /** uid owning an API key, or 0. */
    int uidForApiKey(String key) {
        String login = apiKeys.get(key);
        if (login == null) {
            return 0;
        }
        synchronized (lock) {
            for (Map<String, Object> u : store.table("res.users").values()) {
                if (login.equals(u.get("login")) && Py.truthy(u.get("active"))) {
                    return (Integer) u.get("id");
                }
            }
        }
        return 0;
    }

    // ------------------------------------------------------------------ signatures

    private static final Map<String, Sig> BASE = new LinkedHashMap<>();

    static {
        BASE.put("search_count", new Sig("BaseModel", true, List.of("domain", "limit"), 1, false));
        BASE.put("search", new Sig("BaseModel", true, List.of("domain", "offset", "limit", "order"), 1, false));
        BASE.put("search_read", new Sig("BaseModel", true, List.of("domain", "fields", "offset", "limit", "order"), 0, true));
        BASE.put("read", new Sig("BaseModel", false, List.of("fields", "load"), 0, false));
        BASE.put("create", new Sig("BaseModel", true, List.of("vals_list"), 1, false));
        BASE.put("write", new Sig("BaseModel", false, List.of("vals"), 1, false));
        BASE.put("unlink", new Sig("BaseModel", false, List.of(), 0, false));
        BASE.put("name_search", new Sig("BaseModel", true, List.of("name", "domain", "operator", "limit"), 0, false));
        BASE.put("name_create", new Sig("BaseModel", true, List.of("name"), 1, false));
        BASE.put("fields_get", new Sig("BaseModel", true, List.of("allfields", "attributes"), 0, false));
        BASE.put("default_get", new Sig("BaseModel", true, List.of("fields"), 1, false));
        BASE.put("load", new Sig("BaseModel", true, List.of("fields", "data"), 2, false));
        BASE.put("read_group", new Sig("BaseModel", true, List.of("domain", "fields", "groupby", "offset", "limit", "orderby", "lazy"), 3, false));
        BASE.put("formatted_read_group", new Sig("BaseModel", true, List.of("domain", "groupby", "aggregates", "having", "offset", "limit", "order"), 0, false));
        BASE.put("exists", new Sig("BaseModel", false, List.of(), 0, false));
        BASE.put("copy", new Sig("BaseModel", false, List.of("default"), 0, false));
        BASE.put("action_archive", new Sig("BaseModel", false, List.of(), 0, false));
        BASE.put("action_unarchive", new Sig("BaseModel", false, List.of(), 0, false));
    }

    Sig signature(Schema.Model m, String method) {
        if (method.equals("formatted_read_group") && version < 19) {
            return null;
        }
        if (version < 19 && method.equals("name_search")) {
            return new Sig("BaseModel", true, List.of("name", "args", "operator", "limit"), 0, false);
        }
        if (version < 19 && method.equals("default_get")) {
            return new Sig("BaseModel", true, List.of("fields_list"), 1, false);
        }
        Sig s = BASE.get(method);
        if (s != null) {
            return s;
        }
        String c = m.className;
        switch (m.name + "#" + method) {
            case "res.users#context_get":
                return new Sig(c, true, List.of(), 0, false);
            default:
                break;
        }
        // odoo/models.py (17.0): check_access_rights(operation, raise_exception=True), an @api.model method reading
        // ir.model.access; odoo/orm/models.py (19.0): still there (deprecated since 18.0), plus has_access(operation)
        // on records, True when the empty recordset passes ir.model.access.check.
        if (method.equals("check_access_rights")) {
            return new Sig("BaseModel", true, List.of("operation", "raise_exception"), 1, false);
        }
        if (method.equals("has_access") && version >= 19) {
            return new Sig("BaseModel", false, List.of("operation"), 1, false);
        }
        switch (m.name + "#" + method) {
            case "purchase.order#button_confirm":
            case "purchase.order#button_cancel":
            case "purchase.order#button_draft":
            case "purchase.order#action_create_invoice":
            case "stock.picking#button_validate":
            case "stock.picking#action_confirm":
            case "stock.picking#action_cancel":
            case "account.move#action_post":
            case "account.move#button_draft":
            case "account.move#button_cancel":
            case "stock.backorder.confirmation#process":
            case "stock.backorder.confirmation#process_cancel_backorder":
            case "maintenance.request#archive_equipment_request":
                return new Sig(c, false, List.of(), 0, false);
            default:
                return null;
        }
    }

    private Map<String, Object> bindPython(Sig sig, String method, List<Object> pos, Map<String, Object> kw) {
        String qual = sig.owner + "." + method + "()";
        int max = sig.params.size();
        if (pos.size() > max) {
            int lo = sig.required + 1;
            int hi = max + 1;
            String takes = lo == hi ? String.valueOf(hi) : "from " + lo + " to " + hi;
            throw OdooError.typeError(qual + " takes " + takes + " positional argument" + (hi == 1 ? "" : "s") + " but "
                    + (pos.size() + 1) + " were given");
        }
        Map<String, Object> bound = new LinkedHashMap<>();
        for (int i = 0; i < pos.size(); i++) {
            bound.put(sig.params.get(i), pos.get(i));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kw.entrySet()) {
            if (sig.params.contains(e.getKey())) {
                if (bound.containsKey(e.getKey())) {
                    throw OdooError.typeError(qual + " got multiple values for argument '" + e.getKey() + "'");
                }
                bound.put(e.getKey(), e.getValue());
            } else if (sig.varkw) {
                extra.put(e.getKey(), e.getValue());
            } else {
                throw OdooError.typeError(qual + " got an unexpected keyword argument '" + e.getKey() + "'");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sig.required; i++) {
            if (!bound.containsKey(sig.params.get(i))) {
                missing.add("'" + sig.params.get(i) + "'");
            }
        }
        if (!missing.isEmpty()) {
            String names = missing.size() == 1 ? missing.get(0)
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1);
            throw OdooError.typeError(qual + " missing " + missing.size() + " required positional argument"
                    + (missing.size() == 1 ? "" : "s") + ": " + names);
        }
        bound.put("__extra__", extra);
        return bound;
    }

    private Map<String, Object> bindInspect(Sig sig, Map<String, Object> kw) {
        Map<String, Object> bound = new LinkedHashMap<>();
        for (int i = 0; i < sig.params.size(); i++) {
            String p = sig.params.get(i);
            if (kw.containsKey(p)) {
                bound.put(p, kw.get(p));
            } else if (i < sig.required) {
                throw OdooError.werkzeug(422, "missing a required argument: '" + p + "'")
                        .frame("odoo/addons/rpc/controllers/json2.py", 84, "web_json_2_rpc", "raise UnprocessableEntity(exc.args[0])");
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kw.entrySet()) {
            if (!sig.params.contains(e.getKey())) {
                if (!sig.varkw) {
                    throw OdooError.werkzeug(422, "got an unexpected keyword argument '" + e.getKey() + "'")
                            .frame("odoo/addons/rpc/controllers/json2.py", 84, "web_json_2_rpc", "raise UnprocessableEntity(exc.args[0])");
                }
                extra.put(e.getKey(), e.getValue());
            }
        }
        bound.put("__extra__", extra);
        return bound;
    }

    // ------------------------------------------------------------------ entry points

    private void count(String model, String method) {
        callCounts.computeIfAbsent(model + "." + method, k -> new AtomicInteger()).incrementAndGet();
    }

    /** {@code execute_kw} over XML-RPC / JSON-RPC (credentials already checked). */
    @SuppressWarnings("unchecked")
    Object executeKw(int uid, String model, String method, List<Object> args, Map<String, Object> kwargs, Proto proto) {
        count(model, method);
        Schema.Model m = schema.model(model);
        if (m == null) {
            throw OdooError.userError("Object " + model + " doesn't exist")
                    .frame("odoo/service/model.py", 141, "execute_cr", "raise UserError(f\"Object {model_name} doesn't exist\")  # pylint: disable=missing-gettext");
        }
        Sig sig = publicMethod(m, method, false);
        Map<String, Object> kw = new LinkedHashMap<>(kwargs);
        Object ctxObj = kw.remove("context");
        Map<String, Object> ctx = ctxObj instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        List<Object> pos = new ArrayList<>(args);
        List<Integer> ids = null;
        if (!sig.apiModel) {
            if (pos.isEmpty()) {
                throw new OdooError("builtins.IndexError", "list index out of range", 500);
            }
            ids = toIds(pos.remove(0));
        }
        Map<String, Object> bound = bindPython(sig, method, pos, kw);
        synchronized (lock) {
            return invoke(uid, m, method, ids, bound, ctx, proto);
        }
    }

    /** JSON-2 call: {@code body} holds ids, context and the keyword arguments. */
    @SuppressWarnings("unchecked")
    Object json2(int uid, String model, String method, Map<String, Object> body) {
        count(model, method);
        Schema.Model m = schema.model(model);
        if (m == null) {
            throw OdooError.werkzeug(404, "the model '" + model + "' does not exist")
                    .frame("odoo/addons/rpc/controllers/json2.py", 69, "web_json_2_rpc", "raise NotFound(e) from exc");
        }
        Map<String, Object> kw = new LinkedHashMap<>(body);
        Object idsObj = kw.remove("ids");
        Object ctxObj = kw.remove("context");
        Map<String, Object> ctx = ctxObj instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        Sig sig = publicMethod(m, method, true);
        List<Integer> ids = idsObj == null ? null : toIds(idsObj);
        if (sig.apiModel && ids != null) {
            throw OdooError.werkzeug(422, "cannot call " + model + "." + method + " with ids")
                    .frame("odoo/addons/rpc/controllers/json2.py", 77, "web_json_2_rpc", "raise UnprocessableEntity(e)");
        }
        if (!sig.apiModel && ids == null) {
            ids = new ArrayList<>();
        }
        Map<String, Object> bound = bindInspect(sig, kw);
        synchronized (lock) {
            return invoke(uid, m, method, ids, bound, ctx, Proto.JSON2);
        }
    }

    private Sig publicMethod(Schema.Model m, String method, boolean json2) {
        if (method.startsWith("_")) {
            String msg = version >= 19 ? "Private methods (such as '" + m.name + "." + method + "') cannot be called remotely."
                    : "Private methods (such as " + method + ") cannot be called remotely.";
            throw OdooError.accessError(msg).frame("odoo/service/model.py", 54, "get_public_method", "raise AccessError(e)");
        }
        Sig sig = signature(m, method);
        if (sig == null) {
            String msg = version >= 19 ? "The method '" + m.name + "." + method + "' does not exist"
                    : "The method '" + method + "' does not exist on the model '" + m.name + "'";
            if (json2) {
                throw OdooError.werkzeug(404, msg)
                        .frame("odoo/addons/rpc/controllers/json2.py", 74, "web_json_2_rpc", "raise NotFound(exc.args[0]) from exc");
            }
            throw OdooError.attributeError(msg).frame("odoo/service/model.py", 59, "get_public_method",
                    "raise AttributeError(f\"The method '{model._name}.{name}' does not exist\")  # noqa: TRY004");
        }
        return sig;
    }

    private List<Integer> toIds(Object o) {
        List<Integer> ids = new ArrayList<>();
        if (o == null || o == Py.NONE || Boolean.FALSE.equals(o)) {
            return ids;
        }
        if (Py.isInt(o)) {
            ids.add(Py.toInt(o));
            return ids;
        }
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (!Py.isInt(x)) {
                    throw OdooError.typeError("unhashable type: " + (x instanceof List ? "'list'" : Py.repr(x)));
                }
                ids.add(Py.toInt(x));
            }
            return ids;
        }
        throw OdooError.typeError("Invalid ids " + Py.repr(o));
    }

    // ------------------------------------------------------------------ access

    boolean isAdmin(int uid) {
        return admins.contains(uid);
    }

    private void checkAccess(int uid, Schema.Model m, String operation) {
        if (m.noCreate && operation.equals("create")) {
            throw OdooError.accessError("You are not allowed to create '" + m.description + "' (" + m.name + ") records.\n\n"
                    + "No group currently allows this operation.\n\nContact your administrator to request access if necessary.")
                    .frame("odoo/addons/base/models/ir_model.py", 2311, "check", "raise AccessError(message) from None");
        }
        java.util.Optional<Boolean> byRows = Acl.check(this, uid, m.name, operation);
        if (byRows.orElse(isAdmin(uid) || m.restrictedGroups == null)) {
            return;
        }
        String groups = m.restrictedGroups != null ? m.restrictedGroups
                : Acl.groupsWith(m.name, operation, version >= 19).stream().map(g -> "\t- " + g).collect(Collectors.joining("\n"));
        String verb = switch (operation) {
            case "read" -> "access";
            case "write" -> "modify";
            case "unlink" -> "delete";
            default -> operation;
        };
        throw OdooError.accessError("You are not allowed to " + verb + " '" + m.description + "' (" + m.name + ") records.\n\n"
                + "This operation is allowed for the following groups:\n" + groups
                + "\n\nContact your administrator to request access if necessary.")
                .frame("odoo/addons/base/models/ir_model.py", 2311, "check", "raise AccessError(message) from None");
    }

    /**
     * check_access_rights / has_access: ir.model.access.check for the operation (record rules are not emulated, so
     * has_access on ids answers like on the empty recordset). With raise_exception the AccessError is raised.
     */
    private Object accessRight(int uid, Schema.Model m, Object operation, boolean raise) {
        if (!(operation instanceof String op) || !List.of("read", "write", "create", "unlink").contains(op)) {
            throw OdooError.valueError("Invalid access operation " + Py.repr(operation));
        }
        try {
            checkAccess(uid, m, op);
            return true;
        } catch (OdooError e) {
            if (raise) {
                throw e;
            }
            return false;
        }
    }

    private static String operation(String method) {
        switch (method) {
            case "create":
            case "load":
            case "name_create":
            case "copy":
                return "create";
            case "unlink":
                return "unlink";
            case "write":
            case "button_confirm":
            case "button_cancel":
            case "button_draft":
            case "button_validate":
            case "action_post":
            case "action_confirm":
            case "action_cancel":
            case "action_create_invoice":
            case "action_archive":
            case "action_unarchive":
            case "process":
            case "process_cancel_backorder":
                return "write";
            case "fields_get":
            case "default_get":
            case "context_get":
            case "check_access_rights":
            case "has_access":
                return "none";
            default:
                return "read";
        }
    }

    // ------------------------------------------------------------------ invoke

    @SuppressWarnings("unchecked")
    private Object invoke(int uid, Schema.Model m, String method, List<Integer> ids, Map<String, Object> a,
            Map<String, Object> ctx, Proto proto) {
        String op = operation(method);
        if (!op.equals("none")) {
            checkAccess(uid, m, op);
        }
        store.currentUid = uid;
        Map<String, Object> extra = (Map<String, Object>) a.getOrDefault("__extra__", Map.of());
        switch (method) {
            case "search_count": {
                List<Map<String, Object>> rows = searchRows(m, arg(a, "domain"), 0, intOrNull(arg(a, "limit")), null, ctx);
                return rows.size();
            }
            case "search":
                return idsOf(searchRows(m, arg(a, "domain"), intOr(arg(a, "offset"), 0), intOrNull(arg(a, "limit")),
                        strOrNull(arg(a, "order")), ctx));
            case "search_read": {
                for (String k : extra.keySet()) {
                    if (!k.equals("load")) {
                        throw OdooError.typeError("BaseModel._read_format() got an unexpected keyword argument '" + k + "'")
                                .frame("odoo/orm/models.py", 5878, "search_read", "return records._read_format(fnames=fields, **read_kwargs)");
                    }
                }
                List<String> fields = fieldList(m, arg(a, "fields"));
                List<Map<String, Object>> rows = searchRows(m, arg(a, "domain"), intOr(arg(a, "offset"), 0),
                        intOrNull(arg(a, "limit")), strOrNull(arg(a, "order")), ctx);
                return classicLoad(readRows(m, rows, fields), m, extra.containsKey("load") ? extra.get("load") : "_classic_read");
            }
            case "read": {
                List<String> fields = fieldList(m, arg(a, "fields"));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Integer id : ids) {
                    Map<String, Object> r = store.row(m.name, id);
                    if (r != null) {
                        rows.add(r);
                    }
                }
                return classicLoad(readRows(m, rows, fields), m, a.containsKey("load") ? a.get("load") : "_classic_read");
            }
            case "create": {
                Object vl = arg(a, "vals_list");
                if (vl instanceof Map<?, ?> single) {
                    int id = createOne(m.name, contextDefaults(m, (Map<String, Object>) single, ctx), null, true);
                    return proto == Proto.JSON2 ? new ArrayList<>(List.of(id)) : (Object) id;
                }
                if (!(vl instanceof List<?> list)) {
                    throw OdooError.valueError("Invalid vals_list " + Py.repr(vl));
                }
                List<Object> out = new ArrayList<>();
                for (Object v : list) {
                    if (!(v instanceof Map<?, ?>)) {
                        throw OdooError.valueError("Invalid vals " + Py.repr(v));
                    }
                    out.add(createOne(m.name, contextDefaults(m, (Map<String, Object>) v, ctx), null, true));
                }
                return out;
            }
            case "write": {
                Object vals = arg(a, "vals");
                if (!(vals instanceof Map<?, ?> vm)) {
                    throw OdooError.valueError("Invalid vals " + Py.repr(vals));
                }
                write(m, ids, (Map<String, Object>) vm);
                return true;
            }
            case "unlink":
                unlink(m, ids);
                return true;
            case "exists":
                return ids.stream().filter(id -> store.row(m.name, id) != null).collect(Collectors.toList());
            case "action_archive":
            case "action_unarchive":
                write(m, ids, Map.of("active", method.equals("action_unarchive")));
                return true;
            case "copy": {
                List<Object> out = new ArrayList<>();
                for (Integer id : ids) {
                    Map<String, Object> r = existing(m, List.of(id)).get(0);
                    Map<String, Object> vals = new LinkedHashMap<>();
                    for (Schema.Field f : m.fields.values()) {
                        if (f.store && f.compute == null && !f.x2many() && !List.of("id", "create_date", "write_date",
                                "create_uid", "write_uid").contains(f.name) && r.containsKey(f.name)) {
                            vals.put(f.name, r.get(f.name));
                        }
                    }
                    if (vals.get("name") instanceof String n && !m.name.equals("purchase.order")) {
                        vals.put("name", n + " (copy)");
                    }
                    if (m.name.equals("purchase.order")) {
                        vals.remove("name");
                        vals.remove("state");
                        vals.remove("date_approve");
                    }
                    if (a.get("default") instanceof Map<?, ?> d) {
                        vals.putAll((Map<String, Object>) d);
                    }
                    out.add(createOne(m.name, vals, null, true));
                }
                return out.size() == 1 ? out.get(0) : out;
            }
            case "name_search":
                return nameSearch(m, arg(a, "name"), a.containsKey("args") ? arg(a, "args") : arg(a, "domain"),
                        strOrNull(arg(a, "operator")), a.containsKey("limit") ? a.get("limit") : Integer.valueOf(100), ctx);
            case "name_create": {
                int id = createOne(m.name, new LinkedHashMap<>(Map.of("name", String.valueOf(arg(a, "name")))), null, true);
                return new ArrayList<>(List.of(id, store.displayName(m.name, store.row(m.name, id))));
            }
            case "fields_get":
                return fieldsGet(m, arg(a, "allfields"), arg(a, "attributes"));
            case "default_get":
                return defaultGet(m, a.containsKey("fields_list") ? arg(a, "fields_list") : arg(a, "fields"));
            case "load":
                return new Load(this, ctx).run(m, arg(a, "fields"), arg(a, "data"));
            case "read_group":
                return readGroup(m, a, ctx);
            case "formatted_read_group":
                return formattedReadGroup(m, a, ctx);
            case "check_access_rights":
            case "has_access":
                return accessRight(uid, m, arg(a, "operation"), method.equals("check_access_rights")
                        && (!a.containsKey("raise_exception") || Py.truthy(a.get("raise_exception"))));
            case "context_get": {
                Map<String, Object> u = store.row("res.users", uid);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("lang", u != null && u.get("lang") != null ? u.get("lang") : "en_US");
                out.put("tz", u != null && u.get("tz") != null ? u.get("tz") : false);
                out.put("uid", uid);
                return out;
            }
            default:
                return Actions.run(this, m, method, existing(m, ids), ctx);
        }
    }

    /** default_get: {@code default_<field>} context keys fill fields the values leave out. */
    private static Map<String, Object> contextDefaults(Schema.Model m, Map<String, Object> vals, Map<String, Object> ctx) {
        Map<String, Object> out = null;
        for (Map.Entry<String, Object> e : ctx.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("default_") && m.has(k.substring(8)) && !vals.containsKey(k.substring(8))) {
                if (out == null) {
                    out = new LinkedHashMap<>(vals);
                }
                out.put(k.substring(8), e.getValue());
            }
        }
        return out == null ? vals : out;
    }

    static Object arg(Map<String, Object> a, String k) {
        Object v = a.get(k);
        return v == null ? Py.NONE : v;
    }

    private static Integer intOrNull(Object o) {
        return Py.isInt(o) ? Py.toInt(o) : null;
    }

    private static int intOr(Object o, int d) {
        return Py.isInt(o) ? Py.toInt(o) : d;
    }

    private static String strOrNull(Object o) {
        return o instanceof String s ? s : null;
    }

    static List<Object> idsOf(List<Map<String, Object>> rows) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(r.get("id"));
        }
        return out;
    }

    List<Map<String, Object>> existing(Schema.Model m, List<Integer> ids) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (Integer id : ids) {
            Map<String, Object> r = store.row(m.name, id);
            if (r == null) {
                missing.add(id);
            } else {
                rows.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw OdooError.missing(m.name, missing, store.currentUid);
        }
        return rows;
    }

    // ------------------------------------------------------------------ search / read

    List<Map<String, Object>> searchRows(Schema.Model m, Object domain, int offset, Integer limit, String order,
            Map<String, Object> ctx) {
        Predicate<Map<String, Object>> p = Domain.compile(store, m.name, domain);
        Comparator<Map<String, Object>> cmp = Domain.order(store, m.name, order);
        boolean activeTest = !Boolean.FALSE.equals(ctx.get("active_test"));
        boolean filterActive = m.has("active") && activeTest && !Domain.mentions(domain, "active");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : store.table(m.name).values()) {
            if (filterActive && !Py.truthy(r.get("active"))) {
                continue;
            }
            if (p.test(r)) {
                out.add(r);
            }
        }
        out.sort(cmp);
        int from = Math.min(Math.max(offset, 0), out.size());
        int to = limit == null || limit < 0 ? out.size() : Math.min(out.size(), from + limit);
        return new ArrayList<>(out.subList(from, to));
    }

    List<String> fieldList(Schema.Model m, Object fields) {
        List<String> out = new ArrayList<>();
        if (fields instanceof List<?> l && !l.isEmpty()) {
            for (Object o : l) {
                String f = String.valueOf(o);
                if (!m.has(f)) {
                    throw OdooError.valueError(version >= 19 ? "Invalid field " + Py.repr(f) + " on " + Py.repr(m.name)
                            : "Invalid field " + Py.repr(f) + " on model " + Py.repr(m.name))
                            .frame("odoo/orm/models.py", 3850, "_determine_fields_to_fetch",
                                    "raise ValueError(f\"Invalid field {field_name!r} on {self._name!r}\") from e");
                }
                if (!f.equals("id") && !out.contains(f)) {
                    out.add(f);
                }
            }
            return out;
        }
        for (Schema.Field f : m.fields.values()) {
            if (!f.name.equals("id") && !(m.name.equals("res.users") && f.name.equals("password"))) {
                out.add(f.name);
            }
        }
        return out;
    }

    /** {@code load=None} (anything but {@code '_classic_read'}) returns many2one values as bare ids. */
    private List<Map<String, Object>> classicLoad(List<Map<String, Object>> rows, Schema.Model m, Object load) {
        if ("_classic_read".equals(load)) {
            return rows;
        }
        for (Map<String, Object> r : rows) {
            for (Map.Entry<String, Object> e : r.entrySet()) {
                Schema.Field f = m.field(e.getKey());
                if (f != null && f.type.equals("many2one") && e.getValue() instanceof List<?> l) {
                    e.setValue(l.get(0));
                }
            }
        }
        return rows;
    }

    List<Map<String, Object>> readRows(Schema.Model m, List<Map<String, Object>> rows, List<String> fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        store.beginBatch();
        try {
            readInto(m, rows, fields, out);
        } finally {
            store.endBatch();
        }
        return out;
    }

    private void readInto(Schema.Model m, List<Map<String, Object>> rows, List<String> fields, List<Map<String, Object>> out) {
        for (Map<String, Object> r : rows) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("id", r.get("id"));
            for (String f : fields) {
                rec.put(f, m.name.equals("res.users") && f.equals("password") ? "" : store.wire(m.name, r, f));
            }
            out.add(rec);
        }
    }

    private Object nameSearch(Schema.Model m, Object name, Object domain, String operator, Object limit, Map<String, Object> ctx) {
        String n = name instanceof String s ? s : "";
        String op = operator == null ? "ilike" : operator;
        List<Object> dom = new ArrayList<>();
        if (domain instanceof List<?> l) {
            dom.addAll(l);
        }
        if (!n.isEmpty() || !op.contains("like")) {
            dom.add(0, List.of("display_name", op, n));
            if (dom.size() > 1) {
                dom.add(0, "&");
            }
        }
        Integer lim = intOrNull(limit);
        List<Map<String, Object>> rows = searchRows(m, dom, 0, lim, null, ctx);
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(new ArrayList<>(List.of(r.get("id"), store.displayName(m.name, r))));
        }
        return out;
    }

    private static final List<String> ALL_ATTRIBUTES = List.of("readonly", "relation", "required", "selection", "sortable",
            "store", "string", "type");

    Object fieldsGet(Schema.Model m, Object allfields, Object attributes) {
        Set<String> only = null;
        if (allfields instanceof List<?> l && !l.isEmpty()) {
            only = l.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        List<String> attrs = new ArrayList<>();
        if (attributes instanceof List<?> l && !l.isEmpty()) {
            for (Object o : l) {
                attrs.add(String.valueOf(o));
            }
        } else {
            attrs.addAll(ALL_ATTRIBUTES);
        }
        attrs.sort(null);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field f : m.fields.values()) {
            if (only != null && !only.contains(f.name)) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            for (String at : attrs) {
                switch (at) {
                    case "readonly": d.put(at, f.readonly); break;
                    case "required": d.put(at, f.required); break;
                    case "string": d.put(at, f.string); break;
                    case "type": d.put(at, f.type); break;
                    case "store": d.put(at, f.store); break;
                    case "sortable": d.put(at, f.store && !f.x2many()); break;
                    case "searchable": d.put(at, true); break;
                    case "relation":
                        if (f.relation != null) {
                            d.put(at, f.relation);
                        }
                        break;
                    case "selection":
                        if (f.selection != null) {
                            List<Object> sel = new ArrayList<>();
                            for (List<String> p : f.selection) {
                                sel.add(new ArrayList<>(p));
                            }
                            d.put(at, sel);
                        }
                        break;
                    default:
                        break;
                }
            }
            out.put(f.name, d);
        }
        return out;
    }

    private Object defaultGet(Schema.Model m, Object fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (fields instanceof List<?> l) {
            for (Object o : l) {
                String f = String.valueOf(o);
                if (f.equals("active") && m.has("active")) {
                    out.put(f, true);
                } else if (m.name.equals("res.partner") && f.equals("type")) {
                    out.put(f, "contact");
                } else if (m.name.equals("purchase.order") && f.equals("state")) {
                    out.put(f, "draft");
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ create / write / unlink

    @SuppressWarnings("unchecked")
    int createOne(String model, Map<String, Object> vals, Integer forcedId, boolean checks) {
        Schema.Model m = schema.model(model);
        Map<String, Object> v = new LinkedHashMap<>(vals);
        Defaults.apply(this, m, v);
        if (checks) {
            for (String k : v.keySet()) {
                if (!m.has(k) && !k.equals("qty_received_manual")) {
                    throw OdooError.valueError(version >= 19 ? "Invalid field " + Py.repr(k) + " on " + Py.repr(model)
                            : "Invalid field " + Py.repr(k) + " on model " + Py.repr(model));
                }
            }
            if (model.equals("res.partner") && "contact".equals(v.getOrDefault("type", "contact")) && !Py.truthy(v.get("name"))) {
                throw OdooError.validation("The operation cannot be completed: Contacts require a name")
                        .frame("odoo/service/model.py", 210, "retrying", "raise ValidationError(message) from exc");
            }
            for (Schema.Field f : m.fields.values()) {
                if (f.required && f.compute == null && !f.x2many() && !Py.truthy(v.get(f.name)) && !(f.numeric() && v.containsKey(f.name))) {
                    throw requiredError(m, f);
                }
            }
        }
        // ir_fields.py O2MIdMapper: during load(), an "id" key names the created record (one2many lines)
        Object xid = importModule == null ? null : v.remove("id");
        int id = store.insert(model, v, forcedId);
        if (xid instanceof String x && !x.isEmpty()) {
            registerXmlId(x.contains(".") ? x : importModule + "." + x, model, id);
        }
        if (checks && m.parentField != null) {
            checkRecursion(m, id);
        }
        Defaults.afterCreate(this, m, store.row(model, id), v);
        return id;
    }

    OdooError requiredError(Schema.Model m, Schema.Field f) {
        OdooError e = OdooError.validation("The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + m.description + " (" + m.name + ")\nField: " + f.string + " (" + f.name + ")")
                .frame("odoo/service/model.py", 210, "retrying", "raise ValidationError(message) from exc");
        e.notNullModel = m.name;
        e.notNullColumn = f.name;
        return e;
    }

    void write(Schema.Model m, List<Integer> ids, Map<String, Object> vals) {
        List<Map<String, Object>> rows = existing(m, ids);
        for (String k : vals.keySet()) {
            if (!m.has(k)) {
                throw OdooError.valueError(version >= 19 ? "Invalid field " + Py.repr(k) + " on " + Py.repr(m.name)
                        : "Invalid field " + Py.repr(k) + " on model " + Py.repr(m.name));
            }
            Schema.Field f = m.field(k);
            if (f.required && f.compute == null && !f.x2many() && !f.numeric() && !Py.truthy(vals.get(k)) && !f.type.equals("boolean")) {
                throw requiredError(m, f);
            }
        }
        Map<Integer, Map<String, Object>> backup = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            backup.put((Integer) r.get("id"), new LinkedHashMap<>(r));
        }
        try {
            for (Map<String, Object> r : rows) {
                store.update(m.name, r, vals);
                Defaults.afterWrite(store, m, r, vals);
                if (m.name.equals("res.partner") && "contact".equals(r.getOrDefault("type", "contact")) && !Py.truthy(r.get("name"))) {
                    throw OdooError.validation("The operation cannot be completed: Contacts require a name")
                            .frame("odoo/service/model.py", 210, "retrying", "raise ValidationError(message) from exc");
                }
                if (m.parentField != null && vals.containsKey(m.parentField)) {
                    checkRecursion(m, (Integer) r.get("id"));
                    if (m.name.equals("res.partner")) {
                        Defaults.syncFromParent(store, r, vals);
                    }
                }
            }
        } catch (RuntimeException e) {
            for (Map.Entry<Integer, Map<String, Object>> e2 : backup.entrySet()) {
                Map<String, Object> r = store.row(m.name, e2.getKey());
                if (r != null) {
                    r.clear();
                    r.putAll(e2.getValue());
                } else {
                    store.table(m.name).put(e2.getKey(), e2.getValue());
                }
            }
            throw e;
        }
    }

    private void checkRecursion(Schema.Model m, int id) {
        Set<Integer> seen = new LinkedHashSet<>();
        Map<String, Object> r = store.row(m.name, id);
        while (r != null && r.get(m.parentField) instanceof Integer p) {
            if (!seen.add(p) || p == id) {
                String msg = m.name.equals("res.partner") ? "You cannot create recursive Partner hierarchies." : "Recursion Detected.";
                throw OdooError.validation(msg).frame("odoo/addons/base/models/res_partner.py", 544, "_check_parent_id",
                        "raise ValidationError(_('You cannot create recursive Partner hierarchies.'))");
            }
            r = store.row(m.name, p);
        }
    }

    void unlink(Schema.Model m, List<Integer> ids) {
        List<Map<String, Object>> rows = existing(m, ids);
        if (m.name.equals("purchase.order")) {
            for (Map<String, Object> r : rows) {
                if (!"cancel".equals(r.get("state"))) {
                    throw OdooError.userError("In order to delete a purchase order, you must cancel it first.")
                            .frame("odoo/addons/purchase/models/purchase_order.py", 467, "_unlink_if_cancelled",
                                    "raise UserError(_('In order to delete a purchase order, you must cancel it first.'))");
                }
            }
        }
        if (m.name.equals("purchase.order.line")) {
            // purchase/models/purchase_order_line.py _unlink_except_purchase_or_done (17.0; 19.0 words it differently):
            // a line of a confirmed order stays, its quantity can be set to what was received instead
            for (Map<String, Object> r : rows) {
                Object state = store.related("purchase.order", r.get("order_id"), "state");
                if ("purchase".equals(state) || "done".equals(state)) {
                    throw OdooError.userError(version >= 19
                            ? "Cannot delete a purchase order line which is in state 'Purchase Order'.\nOnce a purchase order is confirmed, "
                                    + "you can't remove lines that have been invoiced or received (we need to track if something gets "
                                    + "invoiced or received).\nSet the quantity to 0 instead."
                            : "Cannot delete a purchase order line which is in state '" + ("done".equals(state) ? "Locked" : "Purchase Order") + "'.");
                }
            }
        }
        if (m.name.equals("account.move")) {
            for (Map<String, Object> r : rows) {
                if ("posted".equals(r.get("state"))) {
                    throw OdooError.userError("You cannot delete an entry which has been posted once.");
                }
            }
        }
        for (Map<String, Object> r : rows) {
            int id = (Integer) r.get("id");
            for (Schema.Field f : m.fields.values()) {
                if (f.type.equals("one2many")) {
                    Schema.Field inv = schema.model(f.relation).field(f.inverse);
                    for (Integer child : store.idsWhere(f.relation, f.inverse, id)) {
                        if (inv != null && inv.required) {
                            store.delete(f.relation, child);
                        } else {
                            store.row(f.relation, child).remove(f.inverse);
                        }
                    }
                }
            }
            store.delete(m.name, id);
            for (Integer x : store.idsWhere("ir.model.data", "res_id", id)) {
                Map<String, Object> d = store.row("ir.model.data", x);
                if (m.name.equals(d.get("model"))) {
                    store.delete("ir.model.data", x);
                }
            }
        }
    }

    // ------------------------------------------------------------------ external ids

    Integer resolveXmlId(String xid, String model) {
        String module = xid.contains(".") ? xid.substring(0, xid.indexOf('.')) : "__import__";
        String name = xid.contains(".") ? xid.substring(xid.indexOf('.') + 1) : xid;
        Integer row = store.xmlDataRow(module, name);
        if (row == null) {
            return null;
        }
        Map<String, Object> d = store.row("ir.model.data", row);
        return model == null || model.equals(d.get("model")) ? (Integer) d.get("res_id") : null;
    }

    void registerXmlId(String xid, String model, int resId) {
        String module = xid.contains(".") ? xid.substring(0, xid.indexOf('.')) : "__import__";
        String name = xid.contains(".") ? xid.substring(xid.indexOf('.') + 1) : xid;
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("name", name);
        vals.put("module", module);
        vals.put("model", model);
        vals.put("res_id", resId);
        store.insert("ir.model.data", vals, null);
    }

    // ------------------------------------------------------------------ grouping

    private static String[] groupSpec(Schema.Model m, String spec) {
        String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        String gran = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : null;
        return new String[] {name, gran};
    }

    private Object groupLabel(Schema.Field f, Object raw, String gran) {
        if (raw == null) {
            return false;
        }
        if (f.type.equals("many2one")) {
            Map<String, Object> t = store.row(f.relation, (Integer) raw);
            return t == null ? false : new ArrayList<>(List.of(raw, store.displayName(f.relation, t)));
        }
        if ((f.type.equals("date") || f.type.equals("datetime")) && raw instanceof String s) {
            String g = gran == null ? "month" : gran;
            java.time.LocalDate d = java.time.LocalDate.parse(s.substring(0, 10));
            switch (g) {
                case "year": return String.valueOf(d.getYear());
                case "day": return d.format(java.time.format.DateTimeFormatter.ofPattern("dd MMM yyyy", java.util.Locale.ENGLISH));
                default: return d.format(java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", java.util.Locale.ENGLISH));
            }
        }
        if (f.type.equals("boolean")) {
            return Py.truthy(raw);
        }
        return raw;
    }

    private Object groupRaw(Schema.Field f, Object raw, String gran) {
        if (raw != null && (f.type.equals("date") || f.type.equals("datetime")) && raw instanceof String s) {
            String g = gran == null ? "month" : gran;
            return g.equals("year") ? s.substring(0, 4) : g.equals("day") ? s.substring(0, 10) : s.substring(0, 7);
        }
        if (f.type.equals("boolean")) {
            return Py.truthy(raw);
        }
        return raw;
    }

    private static final class Group {
        final List<Object> keys;
        final List<Map<String, Object>> rows = new ArrayList<>();

        Group(List<Object> keys) {
            this.keys = keys;
        }
    }

    private List<Group> groups(Schema.Model m, List<Map<String, Object>> rows, List<String[]> specs) {
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            List<Object> key = new ArrayList<>();
            for (String[] s : specs) {
                key.add(groupRaw(m.field(s[0]), store.value(m.name, r, s[0]), s[1]));
            }
            groups.computeIfAbsent(key, Group::new).rows.add(r);
        }
        List<Group> out = new ArrayList<>(groups.values());
        Comparator<Group> cmp = null;
        for (int i = 0; i < specs.size(); i++) {
            final int idx = i;
            Schema.Field f = m.field(specs.get(i)[0]);
            Comparator<Group> c = (g1, g2) -> {
                Object a = sortable(f, g1.keys.get(idx));
                Object b = sortable(f, g2.keys.get(idx));
                if (a == null || b == null) {
                    return a == b ? 0 : a == null ? 1 : -1;
                }
                return Domain.cmp(a, b);
            };
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        if (cmp != null) {
            out.sort(cmp);
        }
        return out;
    }

    private Object sortable(Schema.Field f, Object raw) {
        if (raw != null && f.type.equals("many2one")) {
            return store.displayName(f.relation, store.row(f.relation, (Integer) raw));
        }
        return raw;
    }

    private Object aggregate(Schema.Model m, List<Map<String, Object>> rows, String field, String func) {
        Schema.Field f = m.field(field);
        if (f == null) {
            throw OdooError.valueError("Invalid field " + Py.repr(field) + " on model " + Py.repr(m.name));
        }
        switch (func) {
            case "count":
                return (int) rows.stream().filter(r -> store.value(m.name, r, field) != null).count();
            case "count_distinct":
                return (int) rows.stream().map(r -> store.value(m.name, r, field)).filter(v -> v != null).distinct().count();
            case "max":
            case "min": {
                Object best = null;
                for (Map<String, Object> r : rows) {
                    Object v = store.value(m.name, r, field);
                    if (v != null && (best == null || (func.equals("max") ? Domain.cmp(v, best) > 0 : Domain.cmp(v, best) < 0))) {
                        best = v;
                    }
                }
                return best == null ? (f.numeric() ? (Object) 0.0 : false) : best;
            }
            case "avg": {
                double s = 0;
                for (Map<String, Object> r : rows) {
                    s += Py.toDouble(store.value(m.name, r, field));
                }
                return rows.isEmpty() ? 0.0 : s / rows.size();
            }
            case "bool_and":
                return rows.stream().allMatch(r -> Py.truthy(store.value(m.name, r, field)));
            case "bool_or":
                return rows.stream().anyMatch(r -> Py.truthy(store.value(m.name, r, field)));
            default: {
                if (f.type.equals("integer")) {
                    int s = 0;
                    for (Map<String, Object> r : rows) {
                        Object v = store.value(m.name, r, field);
                        s += v == null ? 0 : Py.toInt(v);
                    }
                    return s;
                }
                // decimal sum, like PostgreSQL's SUM over numeric columns (no binary floating-point residue)
                java.math.BigDecimal s = java.math.BigDecimal.ZERO;
                for (Map<String, Object> r : rows) {
                    s = s.add(new java.math.BigDecimal(Double.toString(Py.toDouble(store.value(m.name, r, field)))));
                }
                return s.doubleValue();
            }
        }
    }

    private Object readGroup(Schema.Model m, Map<String, Object> a, Map<String, Object> ctx) {
        Object domain = arg(a, "domain");
        List<String> gbs = stringList(arg(a, "groupby"));
        boolean lazy = !Boolean.FALSE.equals(a.get("lazy"));
        List<String> used = lazy && !gbs.isEmpty() ? gbs.subList(0, 1) : gbs;
        List<String[]> specs = new ArrayList<>();
        for (String g : used) {
            String[] s = groupSpec(m, g);
            if (!m.has(s[0])) {
                throw OdooError.valueError("Invalid field " + Py.repr(s[0]) + " on model " + Py.repr(m.name));
            }
            specs.add(s);
        }
        List<Map<String, Object>> rows = searchRows(m, domain, 0, null, null, ctx);
        List<Object> out = new ArrayList<>();
        List<Group> groups = groups(m, rows, specs);
        int offset = intOr(arg(a, "offset"), 0);
        Integer limit = intOrNull(arg(a, "limit"));
        int end = limit == null ? groups.size() : Math.min(groups.size(), offset + limit);
        for (Group g : groups.subList(Math.min(offset, groups.size()), Math.max(Math.min(offset, groups.size()), end))) {
            Map<String, Object> res = new LinkedHashMap<>();
            List<Object> leaves = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                Schema.Field f = m.field(specs.get(i)[0]);
                Object raw = g.keys.get(i);
                String key = specs.get(i)[1] == null ? specs.get(i)[0] : specs.get(i)[0] + ":" + specs.get(i)[1];
                res.put(key, groupLabel(f, raw, specs.get(i)[1]));
                leaves.add(new ArrayList<>(List.of(specs.get(i)[0], "=", raw == null ? false : raw)));
            }
            String countKey = lazy && !specs.isEmpty() ? specs.get(0)[0] + "_count" : "__count";
            res.put(countKey, g.rows.size());
            for (String fs : stringList(arg(a, "fields"))) {
                String name = fs.contains(":") ? fs.substring(0, fs.indexOf(':')) : fs;
                String func = fs.contains(":") ? fs.substring(fs.indexOf(':') + 1) : "sum";
                if (fs.contains("(")) {
                    continue;
                }
                Schema.Field f = m.field(name);
                if (f == null) {
                    throw OdooError.valueError("Invalid field " + Py.repr(name) + " on model " + Py.repr(m.name));
                }
                if (specs.stream().anyMatch(s -> s[0].equals(name)) || (!fs.contains(":") && !f.numeric())) {
                    continue;
                }
                res.put(name, aggregate(m, g.rows, name, func));
            }
            List<Object> dom = new ArrayList<>(leaves);
            if (domain instanceof List<?> dl && !dl.isEmpty()) {
                for (int i = 0; i < leaves.size(); i++) {
                    dom.add(0, "&");
                }
                dom.addAll(dl);
            }
            res.put("__domain", dom);
            if (lazy && gbs.size() > 1) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("group_by", new ArrayList<>(gbs.subList(1, gbs.size())));
                res.put("__context", c);
            }
            out.add(res);
        }
        return out;
    }

    private Object formattedReadGroup(Schema.Model m, Map<String, Object> a, Map<String, Object> ctx) {
        List<String> gbs = stringList(arg(a, "groupby"));
        List<String[]> specs = new ArrayList<>();
        for (String g : gbs) {
            String[] s = groupSpec(m, g);
            if (!m.has(s[0])) {
                throw OdooError.valueError("Invalid field " + Py.repr(s[0]) + " on model " + Py.repr(m.name));
            }
            specs.add(s);
        }
        List<Map<String, Object>> rows = searchRows(m, arg(a, "domain"), 0, null, null, ctx);
        List<Object> out = new ArrayList<>();
        List<Group> groups = groups(m, rows, specs);
        int offset = intOr(arg(a, "offset"), 0);
        Integer limit = intOrNull(arg(a, "limit"));
        int from = Math.min(offset, groups.size());
        int end = limit == null ? groups.size() : Math.min(groups.size(), from + limit);
        for (Group g : groups.subList(from, end)) {
            Map<String, Object> res = new LinkedHashMap<>();
            List<Object> leaves = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                Schema.Field f = m.field(specs.get(i)[0]);
                Object raw = g.keys.get(i);
                String key = gbs.get(i);
                res.put(key, groupLabel(f, raw, specs.get(i)[1]));
                leaves.add(new ArrayList<>(List.of(specs.get(i)[0], "=", raw == null ? false : raw)));
            }
            res.put("__extra_domain", leaves);
            for (String agg : stringList(arg(a, "aggregates"))) {
                if (agg.equals("__count")) {
                    res.put("__count", g.rows.size());
                } else {
                    String name = agg.contains(":") ? agg.substring(0, agg.indexOf(':')) : agg;
                    String func = agg.contains(":") ? agg.substring(agg.indexOf(':') + 1) : "sum";
                    res.put(agg, aggregate(m, g.rows, name, func));
                }
            }
            out.add(res);
        }
        return out;
    }

    private static List<String> stringList(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                out.add(String.valueOf(x));
            }
        } else if (o instanceof String s) {
            out.add(s);
        }
        return out;
    }
}
