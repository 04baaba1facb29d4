package org.odoobuild.client.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.odoobuild.testkit.WireRecordings;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The recorded Odoo 19 exchanges ({@link WireRecordings}), plus decoders that share no code with
 * the client (Jackson tree model, W3C DOM) to state what a recorded response means.
 */
final class Wire {
  /** The API key the tests configure for {@code <API_KEY>}. */
  static final String API_KEY = "test-admin-key-6f1c0a9e4d2b7e8f";
  /** The API key the tests configure for {@code <LIMITED_USER_API_KEY>}. */
  static final String LIMITED_KEY = "test-limited-key-93ab50c2d7e1f6a4";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  /** Every Odoo 19 recording as {@code folder/id}, sorted. */
  static List<String> allKeys() {
    return WireRecordings.of(19).stream().map(WireRecordings.Recording::key).sorted().toList();
  }

  /** One exchange, by {@code folder/id}. */
  static Exchange load(String key) {
    int slash = key.indexOf('/');
    return new Exchange(WireRecordings.get(19, key.substring(0, slash), key.substring(slash + 1)));
  }

  /** One exchange, by folder and id. */
  static Exchange load(String folder, String id) {
    return new Exchange(WireRecordings.get(19, folder, id));
  }

  /** One recorded exchange, with the key placeholders of the request replaced by the test keys. */
  record Exchange(WireRecordings.Recording recording) {
    /** The protocol folder: http, xmlrpc, jsonrpc or json2. */
    String folder() {
      return recording.protocol();
    }

    /** The file id. */
    String id() {
      return recording.id();
    }

    /** Request method. */
    String method() {
      return recording.request().method();
    }

    /** Request path. */
    String path() {
      return recording.request().path();
    }

    /** A recorded request header with the placeholders replaced, or null. */
    String requestHeader(String name) {
      return recording.request().header(name).map(Wire::substitute).orElse(null);
    }

    /** The recorded request headers with the placeholders replaced. */
    Map<String, String> requestHeaders() {
      Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      recording.request().headers().forEach((k, v) -> m.put(k, substitute(v)));
      return m;
    }

    /** The request body with the placeholders replaced. */
    String requestBody() {
      return substitute(recording.request().body());
    }

    /** Response status. */
    int status() {
      return recording.response().status();
    }

    /** Response headers. */
    Map<String, String> responseHeaders() {
      return recording.response().headers();
    }

    /** Response body. */
    String responseBody() {
      return recording.response().body();
    }

    /** The response decoded without the client: JSON-2 body, JSON-RPC envelope, XML-RPC value or {@link Fault}. */
    Object decodedResponse() {
      return folder().equals("xmlrpc") ? xmlRpc(responseBody()) : Wire.json(responseBody());
    }

    /** The result: JSON-2 body, JSON-RPC {@code result}, XML-RPC value. */
    Object result() {
      Object d = decodedResponse();
      if (folder().equals("jsonrpc")) {
        return ((Map<?, ?>) d).get("result");
      }
      return d;
    }

    /** The Odoo error as recorded: JSON-RPC {@code error.data}, JSON-2 body. */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonError() {
      Map<String, Object> d = (Map<String, Object>) decodedResponse();
      return folder().equals("jsonrpc") ? (Map<String, Object>) ((Map<String, Object>) d.get("error")).get("data") : d;
    }

    @Override
    public String toString() {
      return recording.key();
    }
  }

  /** An XML-RPC fault. */
  record Fault(int code, String text) {}

  /** Replaces the key placeholders by the keys the tests use. */
  static String substitute(String s) {
    return s.replace("<LIMITED_USER_API_KEY>", LIMITED_KEY).replace("<API_KEY>", API_KEY);
  }

  /** JSON text to plain values (Long, Double, String, Boolean, null, LinkedHashMap, ArrayList). */
  static Object json(String text) {
    try {
      return plain(JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON tree. */
  static JsonNode tree(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object plain(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), plain(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(plain(x)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isNull()) {
      return null;
    }
    return n.asText();
  }

  /** An XML-RPC methodResponse decoded with DOM: the value or a {@link Fault}. */
  static Object xmlRpc(String text) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
      Element first = children(root).get(0);
      if (first.getTagName().equals("fault")) {
        Map<?, ?> m = (Map<?, ?>) value(children(first).get(0));
        return new Fault(((Long) m.get("faultCode")).intValue(), (String) m.get("faultString"));
      }
      return value(children(children(first).get(0)).get(0));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element el) {
        out.add(el);
      }
    }
    return out;
  }

  private static Object value(Element v) {
    List<Element> typed = children(v);
    if (typed.isEmpty()) {
      return v.getTextContent();
    }
    Element t = typed.get(0);
    String text = t.getTextContent();
    switch (t.getTagName()) {
      case "int", "i4", "i8":
        return Long.parseLong(text.trim());
      case "double":
        return Double.parseDouble(text.trim());
      case "boolean":
        return text.trim().equals("1");
      case "string":
        return text;
      case "nil":
        return null;
      case "array": {
        List<Object> l = new ArrayList<>();
        for (Element x : children(children(t).get(0))) {
          l.add(value(x));
        }
        return l;
      }
      case "struct": {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Element member : children(t)) {
          List<Element> kv = children(member);
          m.put(kv.get(0).getTextContent(), value(kv.get(1)));
        }
        return m;
      }
      default:
        throw new IllegalStateException("type " + t.getTagName());
    }
  }
}
