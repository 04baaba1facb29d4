package org.odoobuild.testkit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Python-flavoured value helpers. Wire values are plain Java objects: {@link Boolean}, {@link Integer},
 * {@link Long}, {@link Double}, {@link String}, {@link List}, {@link Map} (insertion ordered) and
 * {@link #NONE} for Python's {@code None}.
 */
final class Py {

    /** Python's {@code None}; never {@code null} inside the emulator. */
    enum None { NONE; @Override public String toString() { return "None"; } }

    static final None NONE = None.NONE;

    private Py() {
    }

    /** Python truthiness. */
    static boolean truthy(Object v) {
        if (v == null || v == NONE) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0.0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static boolean isInt(Object v) {
        return v instanceof Integer || v instanceof Long;
    }

    /** Python's {@code repr(float)}. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (1.0 / d < 0) ? "-0.0" : "0.0";
        }
        double a = Math.abs(d);
        String s = Double.toString(d);
        if (a >= 1e16 || a < 1e-4) {
            BigDecimal bd = new BigDecimal(s);
            String digits = bd.unscaledValue().abs().toString();
            // strip trailing zeros of the mantissa
            int exp = digits.length() - 1 - bd.scale();
            String m = digits.replaceAll("0+$", "");
            if (m.isEmpty()) {
                m = "0";
            }
            String mant = m.length() == 1 ? m : m.charAt(0) + "." + m.substring(1);
            String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
            return (d < 0 ? "-" : "") + mant + "e" + e;
        }
        String plain = new BigDecimal(s).stripTrailingZeros().toPlainString();
        if (!plain.contains(".")) {
            plain = plain + ".0";
        }
        return plain;
    }

    /** Python's {@code repr()} for wire values (used in messages such as domain leaves). */
    static String repr(Object v) {
        if (v == null || v == NONE) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return floatRepr(d);
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        if (v instanceof String s) {
            String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
            StringBuilder sb = new StringBuilder(q);
            for (char c : s.toCharArray()) {
                if (c == '\\') {
                    sb.append("\\\\");
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else if (String.valueOf(c).equals(q)) {
                    sb.append('\\').append(c);
                } else {
                    sb.append(c);
                }
            }
            return sb.append(q).toString();
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(repr(o));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                parts.add(repr(e.getKey()) + ": " + repr(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return String.valueOf(v);
    }

    /** Python's {@code repr(tuple(list))}. */
    static String tupleRepr(List<?> l) {
        List<String> parts = new ArrayList<>();
        for (Object o : l) {
            parts.add(repr(o));
        }
        return "(" + String.join(", ", parts) + (l.size() == 1 ? ",)" : ")");
    }

    /** Converts an integral wire value to an int, or throws {@link ClassCastException}. */
    static int toInt(Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Long l) {
            return Math.toIntExact(l);
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new ClassCastException("not an int: " + repr(v));
    }

    static double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            return Double.parseDouble(s.trim());
        }
        return 0.0;
    }
}
