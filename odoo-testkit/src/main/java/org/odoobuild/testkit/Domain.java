package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Domain evaluation (prefix {@code & | !}, implicit AND) and {@code order} parsing over the {@link Store}. */
final class Domain {

    private static final Set<String> OPERATORS = Set.of("=", "!=", "<>", "<", "<=", ">", ">=", "in", "not in", "like", "not like",
            "ilike", "not ilike", "=like", "=ilike", "child_of", "parent_of", "any", "not any");

    private final Store store;
    private final String model;
    private final List<?> terms;
    private int pos;

    private Domain(Store store, String model, List<?> terms) {
        this.store = store;
        this.model = model;
        this.terms = terms;
    }

    /** Compiles a domain; unknown fields and operators raise the same ValueError texts as Odoo. */
    static Predicate<Map<String, Object>> compile(Store store, String model, Object domain) {
        if (domain == null || domain == Py.NONE || Boolean.FALSE.equals(domain)) {
            return r -> true;
        }
        if (!(domain instanceof List<?> l)) {
            throw OdooError.valueError("Invalid domain: " + Py.repr(domain));
        }
        Domain d = new Domain(store, model, l);
        Predicate<Map<String, Object>> all = r -> true;
        while (d.pos < l.size()) {
            Predicate<Map<String, Object>> p = d.expr();
            Predicate<Map<String, Object>> prev = all;
            all = r -> prev.test(r) && p.test(r);
        }
        return all;
    }

    /** Whether any leaf of the domain is on {@code field} (used for the implicit active filter). */
    static boolean mentions(Object domain, String field) {
        if (domain instanceof List<?> l) {
            for (Object t : l) {
                if (t instanceof List<?> leaf && !leaf.isEmpty() && leaf.get(0) instanceof String s
                        && (s.equals(field) || s.startsWith(field + "."))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Predicate<Map<String, Object>> expr() {
        if (pos >= terms.size()) {
            throw OdooError.valueError("Domain " + Py.repr(terms) + " is syntactically not correct.");
        }
        Object t = terms.get(pos++);
        if ("&".equals(t)) {
            Predicate<Map<String, Object>> a = expr();
            Predicate<Map<String, Object>> b = expr();
            return r -> a.test(r) && b.test(r);
        }
        if ("|".equals(t)) {
            Predicate<Map<String, Object>> a = expr();
            Predicate<Map<String, Object>> b = expr();
            return r -> a.test(r) || b.test(r);
        }
        if ("!".equals(t)) {
            Predicate<Map<String, Object>> a = expr();
            return r -> !a.test(r);
        }
        if (t instanceof List<?> leaf && leaf.size() == 3) {
            return leaf(leaf);
        }
        throw OdooError.valueError("Invalid domain term " + Py.repr(t));
    }

    private String leafRepr(List<?> leaf) {
        return Py.tupleRepr(leaf);
    }

    private Predicate<Map<String, Object>> leaf(List<?> leaf) {
        Object left = leaf.get(0);
        Object opObj = leaf.get(1);
        Object right = leaf.get(2);
        if (Py.isInt(left)) { // TRUE_LEAF / FALSE_LEAF
            boolean val = Py.toInt(left) == 1 && Py.isInt(right) && Py.toInt(right) == 1;
            boolean f = Py.toInt(left) == 0;
            return r -> !f && val;
        }
        String what = store.version >= 19 ? "condition" : "leaf";
        if (!(left instanceof String path) || !(opObj instanceof String)) {
            throw OdooError.valueError("Invalid " + what + " " + leafRepr(leaf));
        }
        String op = ((String) opObj).toLowerCase(Locale.ROOT);
        if (!OPERATORS.contains(op)) {
            throw OdooError.valueError("Invalid operator in " + what + " " + leafRepr(leaf));
        }
        String[] parts = path.split("\\.");
        // validate the whole path up front
        String cur = model;
        for (int i = 0; i < parts.length; i++) {
            Schema.Field f = store.schema.model(cur).field(parts[i]);
            if (f == null) {
                throw OdooError.valueError("Invalid field " + cur + "." + parts[i] + " in " + what + " " + leafRepr(leaf))
                        .frame("odoo/orm/domains.py", 901, "_raise", "raise error(message % (*args, self.field_expr, self.operator, self.value))");
            }
            if (i < parts.length - 1) {
                if (!f.relational()) {
                    throw OdooError.valueError("Invalid field " + cur + "." + parts[i] + " in " + what + " " + leafRepr(leaf));
                }
                cur = f.relation;
            }
        }
        String m = model;
        return r -> eval(m, r, parts, 0, op, right);
    }

    private boolean eval(String m, Map<String, Object> row, String[] parts, int i, String op, Object arg) {
        Schema.Field f = store.schema.model(m).field(parts[i]);
        Object raw = store.value(m, row, parts[i]);
        if (i < parts.length - 1) {
            List<Integer> ids = new ArrayList<>();
            if (raw instanceof Integer id) {
                ids.add(id);
            } else if (raw instanceof List<?> l) {
                for (Object o : l) {
                    ids.add((Integer) o);
                }
            }
            boolean negative = op.equals("!=") || op.startsWith("not");
            if (ids.isEmpty()) {
                return negative;
            }
            for (Integer id : ids) {
                Map<String, Object> target = store.row(f.relation, id);
                if (target != null && eval(f.relation, target, parts, i + 1, op, arg)) {
                    return true;
                }
            }
            return false;
        }
        return compare(m, row, f, raw, op, arg);
    }

    private boolean compare(String m, Map<String, Object> row, Schema.Field f, Object raw, String op, Object arg) {
        switch (op) {
            case "=":
                return equal(f, raw, arg);
            case "!=":
            case "<>":
                return !equal(f, raw, arg);
            case "in":
                return in(f, raw, arg);
            case "not in":
                return !in(f, raw, arg);
            case "<":
            case "<=":
            case ">":
            case ">=": {
                if (raw == null || arg == null || arg == Py.NONE || Boolean.FALSE.equals(arg) && !f.type.equals("boolean")) {
                    return false;
                }
                int c = cmp(raw, arg);
                switch (op) {
                    case "<": return c < 0;
                    case "<=": return c <= 0;
                    case ">": return c > 0;
                    default: return c >= 0;
                }
            }
            case "like":
            case "ilike":
            case "=like":
            case "=ilike":
                return like(f, raw, op, arg);
            case "not like":
            case "not ilike":
                return !like(f, raw, op.substring(4), arg);
            case "child_of":
            case "parent_of": {
                String rel = f.name.equals("id") ? m : f.relation;
                if (rel == null) {
                    throw OdooError.valueError("Invalid field " + f.name + " for operator " + op);
                }
                Set<Integer> set = hierarchy(rel, toIds(rel, arg), op.equals("child_of"));
                if (raw instanceof Integer id) {
                    return set.contains(id);
                }
                if (raw instanceof List<?> l) {
                    return l.stream().anyMatch(set::contains);
                }
                return false;
            }
            default:
                return false;
        }
    }

    private List<Integer> toIds(String rel, Object arg) {
        List<Integer> ids = new ArrayList<>();
        if (Py.isInt(arg)) {
            ids.add(Py.toInt(arg));
        } else if (arg instanceof List<?> l) {
            for (Object o : l) {
                if (Py.isInt(o)) {
                    ids.add(Py.toInt(o));
                }
            }
        } else if (arg instanceof String s) {
            for (Map<String, Object> r : store.table(rel).values()) {
                if (store.displayName(rel, r).toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT))) {
                    ids.add((Integer) r.get("id"));
                }
            }
        }
        return ids;
    }

    private Set<Integer> hierarchy(String rel, List<Integer> start, boolean down) {
        String parentField = store.schema.model(rel).parentField;
        Set<Integer> out = new HashSet<>(start);
        if (parentField == null) {
            return out;
        }
        if (down) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map<String, Object> r : store.table(rel).values()) {
                    if (r.get(parentField) instanceof Integer p && out.contains(p) && out.add((Integer) r.get("id"))) {
                        grew = true;
                    }
                }
            }
        } else {
            for (Integer id : start) {
                Map<String, Object> r = store.row(rel, id);
                int guard = 0;
                while (r != null && r.get(parentField) instanceof Integer p && guard++ < 100) {
                    out.add(p);
                    r = store.row(rel, p);
                }
            }
        }
        return out;
    }

    private boolean isFalse(Object arg) {
        return arg == null || arg == Py.NONE || Boolean.FALSE.equals(arg);
    }

    private boolean equal(Schema.Field f, Object raw, Object arg) {
        if (f.type.equals("boolean")) {
            return Py.truthy(raw) == Py.truthy(arg);
        }
        if (isFalse(arg)) {
            if (f.x2many()) {
                return !(raw instanceof List<?> l) || l.isEmpty();
            }
            return raw == null || "".equals(raw);
        }
        if (f.x2many()) {
            if (!(raw instanceof List<?> l)) {
                return false;
            }
            if (arg instanceof String s) {
                return l.stream().anyMatch(id -> s.equals(store.displayName(f.relation, store.row(f.relation, (Integer) id))));
            }
            if (arg instanceof List<?> al) {
                return l.stream().anyMatch(x -> al.stream().anyMatch(a -> numEq(x, a)));
            }
            return l.stream().anyMatch(x -> numEq(x, arg));
        }
        if (f.type.equals("many2one") && arg instanceof String s) {
            return raw instanceof Integer id && s.equals(store.displayName(f.relation, store.row(f.relation, id)));
        }
        if (arg instanceof List<?> al) {
            return al.stream().anyMatch(a -> scalarEq(raw, a));
        }
        return scalarEq(raw, arg);
    }

    private static boolean numEq(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }

    private static boolean scalarEq(Object raw, Object arg) {
        if (raw == null) {
            return arg == null || arg == Py.NONE || Boolean.FALSE.equals(arg);
        }
        if (raw instanceof Number x && arg instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (raw instanceof Boolean b) {
            return b.equals(Py.truthy(arg));
        }
        return raw.equals(arg) || raw.toString().equals(String.valueOf(arg));
    }

    private boolean in(Schema.Field f, Object raw, Object arg) {
        List<?> values = arg instanceof List<?> l ? l : List.of(arg);
        if (f.x2many()) {
            if (!(raw instanceof List<?> l) || l.isEmpty()) {
                return values.stream().anyMatch(this::isFalse);
            }
            return l.stream().anyMatch(x -> values.stream().anyMatch(a -> numEq(x, a)));
        }
        for (Object v : values) {
            if (isFalse(v) ? (raw == null || f.type.equals("boolean") && !Py.truthy(raw)) : equal(f, raw, v)) {
                return true;
            }
        }
        return false;
    }

    private boolean like(Schema.Field f, Object raw, String op, Object arg) {
        boolean ci = op.contains("ilike");
        boolean exact = op.startsWith("=");
        String pat = isFalse(arg) ? "" : String.valueOf(arg);
        Pattern p = sqlPattern(exact ? pat : "%" + pat + "%", ci);
        List<String> texts = new ArrayList<>();
        if (f.type.equals("many2one")) {
            if (raw instanceof Integer id) {
                texts.add(store.displayName(f.relation, store.row(f.relation, id)));
            }
        } else if (f.x2many()) {
            if (raw instanceof List<?> l) {
                for (Object o : l) {
                    texts.add(store.displayName(f.relation, store.row(f.relation, (Integer) o)));
                }
            }
        } else if (raw != null) {
            texts.add(raw instanceof Double d ? Py.floatRepr(d) : String.valueOf(raw));
        }
        if (texts.isEmpty()) {
            return !exact && pat.isEmpty() && !f.relational();
        }
        return texts.stream().anyMatch(t -> p.matcher(t).matches());
    }

    static Pattern sqlPattern(String pattern, boolean caseInsensitive) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int cmp(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            int c = x.compareToIgnoreCase(y);
            return c != 0 ? c : x.compareTo(y);
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    // ------------------------------------------------------------------ order

    /** Builds a comparator from an {@code order} spec such as {@code "name asc, id"}. */
    static Comparator<Map<String, Object>> order(Store store, String model, String spec) {
        Schema.Model m = store.schema.model(model);
        String s = spec == null || spec.isBlank() ? m.order : spec;
        Comparator<Map<String, Object>> cmp = null;
        boolean hasId = false;
        for (String part : s.split(",")) {
            String[] tok = part.trim().split("\\s+");
            if (tok.length == 0 || tok[0].isEmpty()) {
                continue;
            }
            String field = tok[0];
            boolean desc = tok.length > 1 && tok[1].equalsIgnoreCase("desc");
            if (tok.length > 1 && !tok[1].equalsIgnoreCase("asc") && !tok[1].equalsIgnoreCase("desc")
                    && !tok[1].equalsIgnoreCase("nulls") || tok.length > 4 || !field.matches("[a-z_][a-z0-9_.:]*")) {
                throw OdooError.valueError("Invalid \"order\" specified (" + spec + "). A valid \"order\" specification is a "
                        + "comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
            }
            Schema.Field f = m.field(field);
            if (f == null) {
                if (spec == null || spec.isBlank()) {
                    continue;
                }
                throw OdooError.valueError("Invalid \"order\" specified (" + spec + "). A valid \"order\" specification is a "
                        + "comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
            }
            hasId |= field.equals("id");
            Comparator<Map<String, Object>> c = (r1, r2) -> {
                Object a = sortKey(store, model, f, r1);
                Object b = sortKey(store, model, f, r2);
                if (a == null || b == null) {
                    if (a == b) {
                        return 0;
                    }
                    // PostgreSQL: NULLS LAST for ASC, NULLS FIRST for DESC (the reversal below flips it)
                    return a == null ? 1 : -1;
                }
                return cmp(a, b);
            };
            if (desc) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        Comparator<Map<String, Object>> byId = Comparator.comparingInt(r -> (Integer) r.get("id"));
        if (cmp == null) {
            return byId;
        }
        return hasId ? cmp : cmp.thenComparing(byId);
    }

    private static Object sortKey(Store store, String model, Schema.Field f, Map<String, Object> row) {
        Object v = store.value(model, row, f.name);
        if (f.type.equals("many2one")) {
            return v instanceof Integer id ? store.displayName(f.relation, store.row(f.relation, id)) : null;
        }
        if (f.type.equals("boolean")) {
            return Py.truthy(v);
        }
        if (f.x2many()) {
            return null;
        }
        if (f.numeric() && v == null) {
            return 0;
        }
        return v;
    }
}
