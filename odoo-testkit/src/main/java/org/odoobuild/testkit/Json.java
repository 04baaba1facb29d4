package org.odoobuild.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON reading into wire values and writing exactly like Python's {@code json.dumps} (default separators). */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /** A body that is not JSON; {@link #getMessage()} is Python's {@code json} error text. */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message, null, false, false);
        }
    }

    static Object parse(String text) throws ParseError {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ParseError(pythonMessage(text, 0));
            }
            return convert(node);
        } catch (JsonEOFException e) {
            throw new ParseError(pythonMessage(text, text.stripTrailing().length()));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            int off = loc == null ? 0 : (int) Math.max(0, loc.getCharOffset() - 1);
            throw new ParseError(pythonMessage(text, Math.min(off, text.length())));
        }
    }

    private static String pythonMessage(String text, int pos) {
        int line = 1;
        int lastNl = -1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lastNl = i;
            }
        }
        return "Expecting value: line " + line + " column " + (pos - lastNl) + " (char " + pos + ")";
    }

    static Object convert(JsonNode n) {
        switch (n.getNodeType()) {
            case NULL:
            case MISSING:
                return Py.NONE;
            case BOOLEAN:
                return n.booleanValue();
            case NUMBER:
                if (n.isIntegralNumber()) {
                    java.math.BigInteger bi = n.bigIntegerValue();
                    if (bi.bitLength() < 32) {
                        return bi.intValue();
                    }
                    if (bi.bitLength() < 64) {
                        return bi.longValue();
                    }
                    return bi.doubleValue();
                }
                return n.doubleValue();
            case STRING:
                return n.textValue();
            case ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonNode c : n) {
                    l.add(convert(c));
                }
                return l;
            }
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = n.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    m.put(e.getKey(), convert(e.getValue()));
                }
                return m;
            }
            default:
                return n.asText();
        }
    }

    static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    static void write(StringBuilder sb, Object v) {
        if (v == null || v == Py.NONE) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double d) {
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : Py.floatRepr(d));
        } else if (v instanceof Float f) {
            sb.append(Py.floatRepr(f));
        } else if (v instanceof Number n) {
            sb.append(n.toString());
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Iterable<?> l) {
            sb.append('[');
            boolean first = true;
            for (Object o : l) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
