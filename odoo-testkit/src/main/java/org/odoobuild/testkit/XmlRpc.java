package org.odoobuild.testkit;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small, strict XML-RPC codec: parses {@code methodCall} (and, for tests, {@code methodResponse}) documents
 * into wire values and writes {@code methodResponse} documents in the byte layout of Odoo's marshaller.
 * DTDs and external entities are disabled.
 */
final class XmlRpc {

    private static final XMLInputFactory FACTORY;

    static {
        FACTORY = XMLInputFactory.newFactory();
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
        FACTORY.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    }

    private XmlRpc() {
    }

    /** A parsed call. */
    record Call(String method, List<Object> params) {
    }

    /** A parsed response (fault or value), used by tests and clients. */
    record Response(boolean fault, Object value) {
    }

    /** Malformed document; {@code pythonClass} and message mimic what Python's parser raises. */
    static final class ParseError extends Exception {
        private static final long serialVersionUID = 1L;
        final String pythonClass;

        ParseError(String pythonClass, String message) {
            super(message, null, false, false);
            this.pythonClass = pythonClass;
        }
    }

    static Call parseCall(byte[] body) throws ParseError {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        XMLStreamReader r = open(body, text);
        try {
            nextTag(r, text);
            expectStart(r, "methodCall");
            nextTag(r, text);
            expectStart(r, "methodName");
            String name = r.getElementText();
            nextTag(r, text);
            List<Object> params = new ArrayList<>();
            if (r.isStartElement() && r.getLocalName().equals("params")) {
                readParams(r, text, params);
                nextTag(r, text);
            }
            if (!(r.isEndElement() && r.getLocalName().equals("methodCall"))) {
                throw unknownTag(r);
            }
            drain(r, text);
            return new Call(name, params);
        } catch (XMLStreamException e) {
            throw expat(e, text);
        }
    }

    static Response parseResponse(String text) throws ParseError {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        XMLStreamReader r = open(body, text);
        try {
            nextTag(r, text);
            expectStart(r, "methodResponse");
            nextTag(r, text);
            if (r.isStartElement() && r.getLocalName().equals("fault")) {
                nextTag(r, text);
                Object v = readValue(r, text);
                nextTag(r, text);
                return new Response(true, v);
            }
            expectStart(r, "params");
            List<Object> params = new ArrayList<>();
            readParams(r, text, params);
            return new Response(false, params.isEmpty() ? Py.NONE : params.get(0));
        } catch (XMLStreamException e) {
            throw expat(e, text);
        }
    }

    private static XMLStreamReader open(byte[] body, String text) throws ParseError {
        if (body.length == 0) {
            throw new ParseError("xml.parsers.expat.ExpatError", "no element found: line 1, column 0");
        }
        try {
            return FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
        } catch (XMLStreamException e) {
            throw expat(e, text);
        }
    }

    private static void readParams(XMLStreamReader r, String text, List<Object> out) throws XMLStreamException, ParseError {
        while (true) {
            nextTag(r, text);
            if (r.isEndElement()) {
                expectEnd(r, "params");
                return;
            }
            expectStart(r, "param");
            nextTag(r, text);
            out.add(readValue(r, text));
            nextTag(r, text);
            expectEnd(r, "param");
        }
    }

    /** Positioned on {@code <value>}; leaves the reader on {@code </value>}. */
    private static Object readValue(XMLStreamReader r, String text) throws XMLStreamException, ParseError {
        expectStart(r, "value");
        StringBuilder bare = new StringBuilder();
        while (true) {
            int ev = next(r, text);
            if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                bare.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                return bare.toString();
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                Object v = readTyped(r, text);
                nextTag(r, text);
                expectEnd(r, "value");
                return v;
            }
        }
    }

    private static Object readTyped(XMLStreamReader r, String text) throws XMLStreamException, ParseError {
        String tag = r.getLocalName();
        switch (tag) {
            case "int":
            case "i4":
            case "i8": {
                String s = r.getElementText().trim();
                try {
                    long l = Long.parseLong(s);
                    return (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) ? (Object) (int) l : (Object) l;
                } catch (NumberFormatException e) {
                    throw new ParseError("ValueError", "invalid literal for int() with base 10: " + Py.repr(s));
                }
            }
            case "double": {
                String s = r.getElementText().trim();
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new ParseError("ValueError", "could not convert string to float: " + Py.repr(s));
                }
            }
            case "string":
                return r.getElementText();
            case "boolean": {
                String s = r.getElementText().trim();
                if (s.equals("0")) {
                    return Boolean.FALSE;
                }
                if (s.equals("1")) {
                    return Boolean.TRUE;
                }
                throw new ParseError("TypeError", "bad boolean value");
            }
            case "nil":
                r.getElementText();
                return Py.NONE;
            case "base64":
                return r.getElementText().replaceAll("\\s", "");
            case "dateTime.iso8601": {
                String s = r.getElementText().trim();
                try {
                    LocalDateTime t = LocalDateTime.parse(s, DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss"));
                    return t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
                } catch (RuntimeException e) {
                    return s;
                }
            }
            case "array": {
                nextTag(r, text);
                expectStart(r, "data");
                List<Object> l = new ArrayList<>();
                while (true) {
                    nextTag(r, text);
                    if (r.isEndElement()) {
                        expectEnd(r, "data");
                        break;
                    }
                    l.add(readValue(r, text));
                }
                nextTag(r, text);
                expectEnd(r, "array");
                return l;
            }
            case "struct": {
                Map<String, Object> m = new LinkedHashMap<>();
                while (true) {
                    nextTag(r, text);
                    if (r.isEndElement()) {
                        expectEnd(r, "struct");
                        return m;
                    }
                    expectStart(r, "member");
                    nextTag(r, text);
                    expectStart(r, "name");
                    String name = r.getElementText();
                    nextTag(r, text);
                    Object v = readValue(r, text);
                    nextTag(r, text);
                    expectEnd(r, "member");
                    m.put(name, v);
                }
            }
            default:
                throw unknownTag(r);
        }
    }

    private static ParseError unknownTag(XMLStreamReader r) {
        String tag = r.hasName() ? r.getLocalName() : "?";
        return new ParseError("xmlrpc.client.ResponseError", "ResponseError(\"unknown tag '" + tag + "'\")");
    }

    private static void expectStart(XMLStreamReader r, String name) throws ParseError {
        if (!r.isStartElement() || !r.getLocalName().equals(name)) {
            throw unknownTag(r);
        }
    }

    private static void expectEnd(XMLStreamReader r, String name) throws ParseError {
        if (!r.isEndElement() || !r.getLocalName().equals(name)) {
            throw unknownTag(r);
        }
    }

    private static int next(XMLStreamReader r, String text) throws XMLStreamException, ParseError {
        if (!r.hasNext()) {
            throw eof(text);
        }
        int ev = r.next();
        if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new ParseError("xml.parsers.expat.ExpatError", "DTDs and entities are not allowed");
        }
        return ev;
    }

    /** Skips whitespace, comments and processing instructions up to the next start or end tag. */
    private static void nextTag(XMLStreamReader r, String text) throws XMLStreamException, ParseError {
        while (true) {
            int ev = next(r, text);
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT:
                case XMLStreamConstants.END_ELEMENT:
                    return;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.SPACE:
                    if (!r.isWhiteSpace()) {
                        throw new ParseError("xmlrpc.client.ResponseError", "ResponseError(\"unexpected text\")");
                    }
                    break;
                case XMLStreamConstants.END_DOCUMENT:
                    throw eof(text);
                default:
                    break;
            }
        }
    }

    private static void drain(XMLStreamReader r, String text) throws XMLStreamException, ParseError {
        while (r.hasNext()) {
            r.next();
        }
    }

    private static ParseError eof(String text) {
        int line = 1;
        int col = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 0;
            } else {
                col++;
            }
        }
        return new ParseError("xml.parsers.expat.ExpatError", "no element found: line " + line + ", column " + col);
    }

    private static ParseError expat(XMLStreamException e, String text) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("must start and end within the same entity") || msg.contains("end of file") || msg.contains("EOF") || msg.contains("must be well-formed") && msg.contains("end")) {
            return eof(text);
        }
        javax.xml.stream.Location loc = e.getLocation();
        int line = loc == null ? 1 : Math.max(1, loc.getLineNumber());
        int col = loc == null ? 0 : Math.max(0, loc.getColumnNumber() - 1);
        return new ParseError("xml.parsers.expat.ExpatError", "not well-formed (invalid token): line " + line + ", column " + col);
    }

    // ------------------------------------------------------------------ writing

    static String prolog(int version) {
        return version >= 19 ? "<?xml version=\"1.0\"?>\n" : "<?xml version='1.0'?>\n";
    }

    static String tail(int version) {
        return version >= 19 ? "\n</methodResponse>\n" : "</methodResponse>\n";
    }

    /** A success response; {@code value} must not contain {@link Py#NONE}. */
    static String response(int version, Object value) {
        StringBuilder sb = new StringBuilder(prolog(version)).append("<methodResponse>\n<params>\n<param>\n");
        value(sb, value);
        return sb.append("</param>\n</params>\n").append(tail(version)).toString();
    }

    static String fault(int version, int code, String message) {
        StringBuilder sb = new StringBuilder(prolog(version)).append("<methodResponse>\n<fault>\n");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("faultCode", code);
        m.put("faultString", message);
        value(sb, m);
        return sb.append("</fault>\n").append(tail(version)).toString();
    }

    /** Whether the value tree holds a {@code None} somewhere (Python refuses to marshal it). */
    static boolean containsNone(Object v) {
        if (v == null || v == Py.NONE) {
            return true;
        }
        if (v instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (containsNone(o)) {
                    return true;
                }
            }
        } else if (v instanceof List<?> l) {
            for (Object o : l) {
                if (containsNone(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Writes a request (used by tests and examples that want to talk XML-RPC). */
    static String call(String method, List<?> params) {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
        escape(sb, method);
        sb.append("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.append("<param>\n");
            value(sb, p);
            sb.append("</param>\n");
        }
        return sb.append("</params>\n</methodCall>\n").toString();
    }

    static void value(StringBuilder sb, Object v) {
        if (v == null || v == Py.NONE) {
            sb.append("<value><nil/></value>\n");
        } else if (v instanceof Boolean b) {
            sb.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>\n");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            sb.append("<value><int>").append(v).append("</int></value>\n");
        } else if (v instanceof Number n) {
            sb.append("<value><double>").append(Py.floatRepr(n.doubleValue())).append("</double></value>\n");
        } else if (v instanceof String s) {
            sb.append("<value><string>");
            escape(sb, s);
            sb.append("</string></value>\n");
        } else if (v instanceof Map<?, ?> m) {
            sb.append("<value><struct>\n");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("<member>\n<name>");
                escape(sb, String.valueOf(e.getKey()));
                sb.append("</name>\n");
                value(sb, e.getValue());
                sb.append("</member>\n");
            }
            sb.append("</struct></value>\n");
        } else if (v instanceof Iterable<?> l) {
            sb.append("<value><array><data>\n");
            for (Object o : l) {
                value(sb, o);
            }
            sb.append("</data></array></value>\n");
        } else {
            sb.append("<value><string>");
            escape(sb, v.toString());
            sb.append("</string></value>\n");
        }
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                sb.append("&amp;");
            } else if (c == '<') {
                sb.append("&lt;");
            } else if (c == '>') {
                sb.append("&gt;");
            } else {
                sb.append(c);
            }
        }
    }
}
