package org.odoobuild.client.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.odoobuild.client.internal.JsonCodec;
import org.odoobuild.client.internal.XmlRpcCodec;

/** The recorded exchanges of /work/shared/odoo-wire, read in place. */
final class Wire {
  static final List<String> FOLDERS = List.of("http", "xmlrpc", "jsonrpc", "json2");

  private Wire() {}

  /** One recorded exchange. */
  record Fixture(String folder, String id, Path file, String reqMethod, String reqPath, Map<String, String> reqHeaders,
      String reqBody, int status, Map<String, String> respHeaders, String respBody) {

    String key() {
      return folder + "/" + id;
    }

    String respContentType() {
      return respHeaders.getOrDefault("Content-Type", "");
    }

    @Override
    public String toString() {
      return key();
    }
  }

  /** The odoo-wire root: system property {@code odoo.wire.dir}, else {@code <project root>/../shared/odoo-wire}. */
  static Path root() {
    String prop = System.getProperty("odoo.wire.dir");
    if (prop != null && !prop.isBlank() && !prop.contains("${")) {
      Path p = Paths.get(prop).toAbsolutePath().normalize();
      if (Files.isDirectory(p.resolve("odoo-19"))) {
        return p;
      }
    }
    Path cwd = Paths.get("").toAbsolutePath();
    Path projectRoot = cwd.getFileName() != null && cwd.getFileName().toString().equals("odoo-client") ? cwd.getParent()
        : Files.isDirectory(cwd.resolve("odoo-client")) ? cwd : cwd.getParent();
    return projectRoot.resolve("../shared/odoo-wire").normalize();
  }

  static Path dir19() {
    return root().resolve("odoo-19");
  }

  /** Every file of the four Odoo 19 folders, sorted. */
  static List<Path> allFiles() {
    List<Path> out = new ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = dir19().resolve(folder);
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> Files.isRegularFile(p)).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return out;
  }

  static Fixture load(Path file) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) JsonCodec.read(Files.readAllBytes(file));
      @SuppressWarnings("unchecked")
      Map<String, Object> rq = (Map<String, Object>) m.get("request");
      @SuppressWarnings("unchecked")
      Map<String, Object> rs = (Map<String, Object>) m.get("response");
      String name = file.getFileName().toString();
      return new Fixture(file.getParent().getFileName().toString(), name.substring(0, name.length() - 5), file,
          (String) rq.get("method"), (String) rq.get("path"), headers(rq.get("headers")), (String) rq.get("body"),
          ((Number) rs.get("status")).intValue(), headers(rs.get("headers")), (String) rs.get("body"));
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  static Fixture load(String folder, String id) {
    return load(dir19().resolve(folder).resolve(id + ".json"));
  }

  private static Map<String, String> headers(Object o) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (o instanceof Map<?, ?> m) {
      m.forEach((k, v) -> h.put(String.valueOf(k), String.valueOf(v)));
    }
    return h;
  }

  static Object json(String text) {
    try {
      return JsonCodec.read(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static XmlRpcCodec.MethodCall xmlCall(String text) {
    try {
      return XmlRpcCodec.parseCall(text.getBytes(StandardCharsets.UTF_8));
    } catch (XmlRpcCodec.XmlRpcFormatException e) {
      throw new IllegalStateException("not an XML-RPC call: " + text, e);
    }
  }

  static XmlRpcCodec.Response xmlResponse(String text) {
    try {
      return XmlRpcCodec.parseResponse(text);
    } catch (XmlRpcCodec.XmlRpcFormatException e) {
      throw new IllegalStateException("not an XML-RPC response: " + text, e);
    }
  }

  /** A JSON-RPC envelope without its {@code id}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutId(Object envelope) {
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) envelope);
    m.remove("id");
    return m;
  }
}
