package org.odoobuild.client.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;

/**
 * Strict XML-RPC codec. Answers are read with {@link XmlRpcScanner}. Requests are written in the layout of Python's
 * {@code xmlrpc.client.dumps}; responses are parsed into plain Java values:
 * {@code Long}, {@code Double}, {@code Boolean}, {@code String}, {@code byte[]},
 * {@code ArrayList}, {@code LinkedHashMap} and {@code null} for {@code <nil/>}.
 * DTDs and external entities are refused.
 */
public final class XmlRpcCodec {

  /** The deepest nesting of arrays and structs accepted in an answer (Odoo's are a few levels deep). */
  public static final int MAX_DEPTH = JsonCodec.MAX_DEPTH;

  /** A strict XML-RPC double: digits, an optional fraction and exponent (no NaN, no hex, no suffix). */
  private static final java.util.regex.Pattern DOUBLE =
      java.util.regex.Pattern.compile("[+-]?+(\\d++(\\.\\d*+)?+|\\.\\d++)([eE][+-]?+\\d++)?+");

  private XmlRpcCodec() {}

  /** Result of parsing a methodResponse: either a value or a fault. */
  public record Response(Object value, boolean fault, int faultCode, String faultString) {}

  /** Writes a methodCall body (as text: tests and messages; requests use {@link #callBody}). */
  public static String writeCall(String methodName, List<?> params) {
    return callBody(methodName, params).utf8();
  }

  /**
   * A methodCall body in the layout of Python's {@code xmlrpc.client.dumps}, written in one pass
   * from the caller's values straight into pooled segments.
   */
  public static WireBody callBody(String methodName, List<?> params) {
    return WireBody.xml(out -> {
      out.utf8("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
      escape(out, methodName);
      out.utf8("</methodName>\n<params>\n");
      Writer w = new Writer(out);
      for (Object p : params) {
        out.utf8("<param>\n");
        ValueEncoder.write(p, w);
        out.utf8("</param>\n");
      }
      out.utf8("</params>\n</methodCall>\n");
    });
  }

  /** {@link ValueEncoder.WireWriter} writing XML-RPC {@code <value>}s onto a buffer. */
  private record Writer(WireBody.Bytes out) implements ValueEncoder.WireWriter {
    @Override public void nil() {
      out.utf8("<value><nil/></value>\n");
    }
    @Override public void bool(boolean b) {
      out.utf8(b ? "<value><boolean>1</boolean></value>\n" : "<value><boolean>0</boolean></value>\n");
    }
    @Override public void integer(long l) {
      // <int> is 32-bit; Python's xmlrpc.client reads <i8> (and <int> of any size) as int
      boolean big = l > Integer.MAX_VALUE || l < Integer.MIN_VALUE;
      out.utf8(big ? "<value><i8>" : "<value><int>").decimal(l)
          .utf8(big ? "</i8></value>\n" : "</int></value>\n");
    }
    @Override public void number(double d) {
      out.utf8("<value><double>").utf8(ValueEncoder.formatDouble(d)).utf8("</double></value>\n");
    }
    @Override public void decimal(BigDecimal d) {
      number(d.doubleValue());
    }
    @Override public void string(String s) {
      out.utf8("<value><string>");
      escape(out, s);
      out.utf8("</string></value>\n");
    }
    @Override public void binary(byte[] b) {
      out.utf8("<value><base64>\n").utf8(Base64.getMimeEncoder().encodeToString(b))
          .utf8("\n</base64></value>\n");
    }
    @Override public void startList() {
      out.utf8("<value><array><data>\n");
    }
    @Override public void endList() {
      out.utf8("</data></array></value>\n");
    }
    @Override public void startMap() {
      out.utf8("<value><struct>\n");
    }
    @Override public void key(String k) {
      out.utf8("<member>\n<name>");
      escape(out, k);
      out.utf8("</name>\n");
    }
    @Override public void endEntry() {
      out.utf8("</member>\n");
    }
    @Override public void endMap() {
      out.utf8("</struct></value>\n");
    }
  }

  /** Writes {@code s} with {@code &}, {@code <} and {@code >} escaped, runs of plain text at once. */
  private static void escape(WireBody.Bytes out, String s) {
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '&' || c == '<' || c == '>') {
        out.utf8(s, from, i).utf8(c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
        from = i + 1;
      }
    }
    out.utf8(s, from, s.length());
  }

  /** Parses a methodResponse body. */
  public static Response parseResponse(byte[] body) throws XmlRpcFormatException {
    return parseResponse(new XmlRpcScanner(body));
  }

  /** Parses a methodResponse body from a stream. */
  public static Response parseResponse(InputStream in) throws XmlRpcFormatException {
    return parseResponse(new XmlRpcScanner(in));
  }

  /** Parses a methodResponse from pull events (tests also give the JDK's StAX reader, to compare). */
  static Response parseResponse(XmlPull r) throws XmlRpcFormatException {
    try {
      nextStart(r, "methodResponse");
      String tag = nextStart(r, null);
      if (tag.equals("params")) {
        nextStart(r, "param");
        nextStart(r, "value");
        Object value = readValue(r, 0, new Texts());
        expectEnd(r, "param");
        expectEnd(r, "params");
        expectEnd(r, "methodResponse");
        expectEndOfDocument(r);
        return new Response(value, false, 0, "");
      }
      if (tag.equals("fault")) {
        nextStart(r, "value");
        Object value = readValue(r, 0, new Texts());
        if (!(value instanceof Map<?, ?> m) || !(m.get("faultCode") instanceof Long code)) {
          throw new XmlRpcFormatException("fault without an integer faultCode");
        }
        expectEnd(r, "fault");
        expectEnd(r, "methodResponse");
        expectEndOfDocument(r);
        Object text = m.get("faultString");
        return new Response(null, true, code.intValue(), text == null ? "" : text.toString());
      }
      throw new XmlRpcFormatException("expected <params> or <fault>, found <" + tag + ">");
    } finally {
      r.close();
    }
  }

  /** After the root element: nothing but white space (comments and instructions are skipped). */
  private static void expectEndOfDocument(XmlPull r) throws XmlRpcFormatException {
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.END_DOCUMENT) {
        return;
      }
      if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.SPACE) && r.isWhiteSpace()
          || ev == XMLStreamConstants.COMMENT || ev == XMLStreamConstants.PROCESSING_INSTRUCTION) {
        continue;
      }
      throw new XmlRpcFormatException("not well-formed XML-RPC: content after the root element");
    }
  }

  /** Reads the content of a {@code <value>} whose start tag was just consumed, through its end tag. */
  private static Object readValue(XmlPull r, int depth, Texts texts) throws XmlRpcFormatException {
    if (depth > MAX_DEPTH) {
      throw new XmlRpcFormatException("XML-RPC value nested deeper than " + MAX_DEPTH + " levels (refused)");
    }
    StringBuilder text = null;
    while (r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
        if (text == null) {
          text = new StringBuilder();
        }
        text.append(r.getText());
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        Object v = readTyped(r, r.getLocalName(), depth, texts);
        expectEnd(r, "value");
        return v;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        // <value>text</value> without a type is a string
        return text == null ? "" : text.toString();
      } else if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
        throw new XmlRpcFormatException("entity references are not allowed in XML-RPC (refused)");
      }
    }
    throw new XmlRpcFormatException("truncated XML-RPC value");
  }

  private static Object readTyped(XmlPull r, String type, int depth, Texts texts)
      throws XmlRpcFormatException {
    switch (type) {
      case "int", "i4", "i8" -> {
        String t = texts.text(r).trim();
        long v;
        try {
          v = Long.parseLong(t);
        } catch (NumberFormatException e) {
          throw new XmlRpcFormatException("bad <" + type + "> value: " + abbreviate(t));
        }
        // <int> and <i4> are 32-bit: Python's xmlrpc Marshaller (used by Odoo's
        // odoo/addons/base/controllers/rpc.py) refuses to write a larger int
        if (!type.equals("i8") && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
          throw new XmlRpcFormatException("<" + type + "> value out of the 32-bit range: " + abbreviate(t));
        }
        return v;
      }
      case "double" -> {
        String t = texts.text(r).trim();
        double d = t.length() <= 400 && DOUBLE.matcher(t).matches() ? Double.parseDouble(t) : Double.NaN;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new XmlRpcFormatException("bad <double> value (not a finite number): " + abbreviate(t));
        }
        return d;
      }
      case "boolean" -> {
        String t = texts.text(r).trim();
        if (t.equals("1")) {
          return Boolean.TRUE;
        }
        if (t.equals("0")) {
          return Boolean.FALSE;
        }
        throw new XmlRpcFormatException("bad <boolean> value: " + abbreviate(t));
      }
      case "string" -> {
        return texts.text(r);
      }
      case "dateTime.iso8601" -> {
        return texts.text(r).trim();
      }
      case "base64" -> {
        String t = texts.text(r);
        try {
          return Base64.getMimeDecoder().decode(t);
        } catch (IllegalArgumentException e) {
          throw new XmlRpcFormatException("bad <base64> value");
        }
      }
      case "nil" -> {
        expectEnd(r, "nil");
        return null;
      }
      case "array" -> {
        nextStart(r, "data");
        List<Object> list = new ArrayList<>();
        while (true) {
          int ev = nextTag(r);
          if (ev == XMLStreamConstants.END_ELEMENT) {
            requireName(r, "data");
            break;
          }
          requireName(r, "value");
          list.add(readValue(r, depth + 1, texts));
        }
        expectEnd(r, "array");
        return list;
      }
      case "struct" -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
          int ev = nextTag(r);
          if (ev == XMLStreamConstants.END_ELEMENT) {
            requireName(r, "struct");
            break;
          }
          requireName(r, "member");
          nextStart(r, "name");
          String name = texts.text(r);
          nextStart(r, "value");
          map.put(name, readValue(r, depth + 1, texts));
          expectEnd(r, "member");
        }
        return map;
      }
      default -> throw new XmlRpcFormatException("unknown XML-RPC type <" + type + ">");
    }
  }

  /**
   * Reads the text of the element just started, through its end tag, as {@code getElementText}
   * does but without its builder and copies; short texts seen before in the same answer (field
   * names, selection values, booleans) are shared rather than made again.
   */
  private static final class Texts {
    private static final int SLOTS = 512;
    private static final int SHORT = 40;
    private final String[] seen = new String[SLOTS];

    String text(XmlPull r) throws XmlRpcFormatException {
      String first = null;
      StringBuilder more = null;
      while (true) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (first == null && more == null) {
              first = shared(r);
            } else {
              if (more == null) {
                more = new StringBuilder(first);
                first = null;
              }
              more.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            return more != null ? more.toString() : first != null ? first : "";
          }
          case XMLStreamConstants.START_ELEMENT -> throw new XmlRpcFormatException(
              "unexpected <" + r.getLocalName() + "> inside a text-only XML-RPC element");
          case XMLStreamConstants.END_DOCUMENT -> throw new XmlRpcFormatException("truncated XML-RPC document");
          case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw new XmlRpcFormatException(
              "entity references are not allowed in XML-RPC (refused)");
          default -> {
            // comments, processing instructions
          }
        }
      }
    }

    private String shared(XmlPull r) {
      char[] c = r.getTextCharacters();
      int from = r.getTextStart();
      int n = r.getTextLength();
      if (n > SHORT) {
        return new String(c, from, n);
      }
      int h = n;
      for (int i = from; i < from + n; i++) {
        h = 31 * h + c[i];
      }
      int slot = (h ^ h >>> 9) & (SLOTS - 1);
      String s = seen[slot];
      if (s != null && s.length() == n) {
        int i = 0;
        while (i < n && s.charAt(i) == c[from + i]) {
          i++;
        }
        if (i == n) {
          return s;
        }
      }
      s = new String(c, from, n);
      seen[slot] = s;
      return s;
    }
  }

  private static int nextTag(XmlPull r) throws XmlRpcFormatException {
    while (r.hasNext()) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
          return ev;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!r.isWhiteSpace()) {
            throw new XmlRpcFormatException("unexpected text in XML-RPC: " + abbreviate(r.getText()));
          }
        }
        case XMLStreamConstants.END_DOCUMENT -> throw new XmlRpcFormatException("truncated XML-RPC document");
        case XMLStreamConstants.DTD -> throw new XmlRpcFormatException("a DOCTYPE is not allowed in XML-RPC (refused)");
        case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcFormatException(
            "entity reference &" + r.getLocalName() + "; is not allowed in XML-RPC (refused)");
        default -> {
          // comments, processing instructions
        }
      }
    }
    throw new XmlRpcFormatException("truncated XML-RPC document");
  }

  private static String nextStart(XmlPull r, String expected) throws XmlRpcFormatException {
    int ev = nextTag(r);
    if (ev != XMLStreamConstants.START_ELEMENT) {
      throw new XmlRpcFormatException("expected <" + (expected == null ? "element" : expected) + ">, found </" + r.getLocalName() + ">");
    }
    if (expected != null) {
      requireName(r, expected);
    }
    return r.getLocalName();
  }

  private static void expectEnd(XmlPull r, String name) throws XmlRpcFormatException {
    int ev = nextTag(r);
    if (ev != XMLStreamConstants.END_ELEMENT) {
      throw new XmlRpcFormatException("expected </" + name + ">, found <" + r.getLocalName() + ">");
    }
    requireName(r, name);
  }

  private static void requireName(XmlPull r, String name) throws XmlRpcFormatException {
    if (!r.getLocalName().equals(name)) {
      throw new XmlRpcFormatException("expected <" + name + ">, found <" + r.getLocalName() + ">");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }

  /** A response body that is not a well-formed XML-RPC document. */
  public static final class XmlRpcFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    XmlRpcFormatException(String message) {
      super(message);
    }

    XmlRpcFormatException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A parsed methodCall: its method name and parameters. */
  public record MethodCall(String methodName, List<Object> params) {}

  /** Parses a methodCall body (used by tests and servers that receive XML-RPC). */
  public static MethodCall parseCall(byte[] body) throws XmlRpcFormatException {
    return parseCall(new XmlRpcScanner(body));
  }

  /** Parses a methodCall from pull events (tests also give the JDK's StAX reader, to compare). */
  static MethodCall parseCall(XmlPull r) throws XmlRpcFormatException {
    try {
      nextStart(r, "methodCall");
      nextStart(r, "methodName");
      String name = new Texts().text(r).trim();
      List<Object> params = new ArrayList<>();
      int ev = nextTag(r);
      if (ev == XMLStreamConstants.START_ELEMENT) {
        requireName(r, "params");
        while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
          requireName(r, "param");
          nextStart(r, "value");
          params.add(readValue(r, 0, new Texts()));
          expectEnd(r, "param");
        }
        requireName(r, "params");
        expectEnd(r, "methodCall");
      } else {
        requireName(r, "methodCall");
      }
      expectEndOfDocument(r);
      return new MethodCall(name, params);
    } finally {
      r.close();
    }
  }

  /** Convenience for tests and benchmarks: parses UTF-8 text. */
  public static Response parseResponse(String body) throws XmlRpcFormatException {
    return parseResponse(body.getBytes(StandardCharsets.UTF_8));
  }
}
