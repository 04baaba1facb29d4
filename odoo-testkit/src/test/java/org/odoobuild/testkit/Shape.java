package org.odoobuild.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The type structure of a recorded value: the set of types seen at each path, dict key orders, and for lists the
 * merged shape of all elements. An actual value matches when every type it has at every path was seen there in the
 * recording (ids, timestamps and texts may differ).
 */
final class Shape {

    final Set<String> types = new LinkedHashSet<>();
    final Set<List<String>> keyOrders = new LinkedHashSet<>();
    final Map<String, Shape> fields = new LinkedHashMap<>();
    Shape elem;
    boolean emptyList;
    boolean nonEmptyList;

    static String type(Object v) {
        if (v == null || v == Py.NONE) {
            return "null";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Integer || v instanceof Long) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        return v.getClass().getSimpleName();
    }

    static Shape of(Object v) {
        Shape s = new Shape();
        s.add(v);
        return s;
    }

    @SuppressWarnings("unchecked")
    void add(Object v) {
        types.add(type(v));
        if (v instanceof Map<?, ?> m) {
            keyOrders.add(new ArrayList<>((Set<String>) m.keySet()));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                fields.computeIfAbsent((String) e.getKey(), k -> new Shape()).add(e.getValue());
            }
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                emptyList = true;
            } else {
                nonEmptyList = true;
                if (elem == null) {
                    elem = new Shape();
                }
                for (Object o : l) {
                    elem.add(o);
                }
            }
        }
    }

    /**
     * Checks {@code actual} against this shape; appends problems (path: reason) to {@code out}.
     *
     * @param keySubsetPaths paths at which the actual dict may have a subset of the recorded keys (any order)
     */
    void check(Object actual, String path, List<String> out, Set<String> keySubsetPaths) {
        String t = type(actual);
        if (!types.contains(t)) {
            out.add(path + ": type " + t + " where the recording has " + types);
            return;
        }
        if (actual instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            for (Object k : m.keySet()) {
                keys.add((String) k);
            }
            if (keySubsetPaths.contains(path)) {
                if (keys.isEmpty() || !fields.keySet().containsAll(keys)) {
                    List<String> extra = new ArrayList<>(keys);
                    extra.removeAll(fields.keySet());
                    out.add(path + ": keys not in the recording " + extra);
                    return;
                }
            } else if (!keyOrders.contains(keys)) {
                out.add(path + ": keys " + keys + " where the recording has " + keyOrders.iterator().next());
                return;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                fields.get((String) e.getKey()).check(e.getValue(), path + "." + e.getKey(), out, keySubsetPaths);
            }
        } else if (actual instanceof List<?> l) {
            if (l.isEmpty() && !emptyList) {
                out.add(path + ": empty list where the recording has elements");
                return;
            }
            if (!l.isEmpty() && !nonEmptyList) {
                out.add(path + ": " + l.size() + " elements where the recording has an empty list");
                return;
            }
            for (int i = 0; i < l.size(); i++) {
                int before = out.size();
                elem.check(l.get(i), path + "[" + i + "]", out, keySubsetPaths);
                if (out.size() > before) {
                    return; // one problem per list is enough
                }
            }
        }
    }
}
