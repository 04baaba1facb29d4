package org.odoobuild.client.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The recorded Odoo exchanges of {@code shared/odoo-wire}, read in place, plus decoders that do
 * not share code with the client (Jackson tree model, W3C DOM) to state what a response means.
 */
public final class Wire {
  /** The API key the tests configure for {@code <API_KEY>}. */
  public static final String API_KEY = "test-admin-key-6f1c0a9e4d2b7e8f";
  /** The API key the tests configure for {@code <LIMITED_USER_API_KEY>}. */
  public static final String LIMITED_KEY = "test-limited-key-93ab50c2d7e1f6a4";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  /** The fixture root ({@code odoo.wire.dir}, else {@code <project root>/../shared/odoo-wire}). */
  public static Path root() {
    String prop = System.getProperty("odoo.wire.dir");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop).normalize();
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("odoo-client")) && Files.exists(dir.resolve("pom.xml"))) {
        Path p = dir.resolve("../shared/odoo-wire").normalize();
        if (Files.isDirectory(p)) {
          return p;
        }
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("odoo-wire fixtures not found: set -Dodoo.wire.dir");
  }

  /** Every Odoo 19 file as {@code folder/id}, sorted. */
  public static List<String> allKeys() {
    Path base = root().resolve("odoo-19");
    try (Stream<Path> s = Files.walk(base, 2)) {
      return s.filter(p -> p.toString().endsWith(".json"))
          .map(p -> base.relativize(p).toString().replace('\\', '/').replaceAll("\\.json$", ""))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One exchange. */
  public static Exchange load(String key) {
    try {
      JsonNode n = JSON.readTree(root().resolve("odoo-19").resolve(key + ".json").toFile());
      return new Exchange(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1), n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One recorded exchange. */
  public record Exchange(String folder, String id, JsonNode json) {
    /** Request method. */
    public String method() {
      return json.at("/request/method").asText();
    }

    /** Request path. */
    public String path() {
      return json.at("/request/path").asText();
    }

    /** A recorded request header with the placeholders replaced, or null. */
    public String requestHeader(String name) {
      JsonNode h = json.at("/request/headers/" + name);
      return h.isMissingNode() ? null : substitute(h.asText());
    }

    /** The request body with the placeholders replaced. */
    public String requestBody() {
      return substitute(json.at("/request/body").asText());
    }

    /** Response status. */
    public int status() {
      return json.at("/response/status").asInt();
    }

    /** Response headers. */
    public Map<String, String> responseHeaders() {
      Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      json.at("/response/headers").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
      return m;
    }

    /** Response body. */
    public String responseBody() {
      return json.at("/response/body").asText();
    }

    /** The response decoded without the client: JSON-2 body, JSON-RPC envelope, XML-RPC value or {@link Fault}. */
    public Object decodedResponse() {
      return folder.equals("xmlrpc") ? xmlRpc(responseBody()) : Wire.json(responseBody());
    }

    /** The result: JSON-2 body, JSON-RPC {@code result}, XML-RPC value. */
    public Object result() {
      Object d = decodedResponse();
      if (folder.equals("jsonrpc")) {
        return ((Map<?, ?>) d).get("result");
      }
      return d;
    }

    /** The Odoo error as recorded: JSON-RPC {@code error.data}, JSON-2 body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonError() {
      Map<String, Object> d = (Map<String, Object>) decodedResponse();
      return folder.equals("jsonrpc") ? (Map<String, Object>) ((Map<String, Object>) d.get("error")).get("data") : d;
    }

    @Override
    public String toString() {
      return folder + "/" + id;
    }
  }

  /** An XML-RPC fault. */
  public record Fault(int code, String text) {}

  /** Replaces the key placeholders by the keys the tests use. */
  public static String substitute(String s) {
    return s.replace("<LIMITED_USER_API_KEY>", LIMITED_KEY).replace("<API_KEY>", API_KEY);
  }

  /** JSON text to plain values (Long, Double, String, Boolean, null, LinkedHashMap, ArrayList). */
  public static Object json(String text) {
    try {
      return plain(JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON tree. */
  public static JsonNode tree(String text) {
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
  public static Object xmlRpc(String text) {
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
