package org.odoobuild.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads recorded Odoo exchanges in place from the shared odoo-wire folder (never copied into
 * the repository). The folder is the system property {@code odoo.wire.dir}, by default
 * {@code ../shared/odoo-wire} next to the project root (the working directory, or its parent
 * when run from the benchmarks folder).
 */
public final class Wire {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Wire() {}

  /** The odoo-wire folder. */
  public static Path dir() {
    String p = System.getProperty("odoo.wire.dir");
    if (p != null && !p.isBlank()) {
      return Paths.get(p);
    }
    Path cwd = Paths.get("").toAbsolutePath();
    for (Path root = cwd; root != null; root = root.getParent()) {
      Path candidate = root.resolveSibling("shared").resolve("odoo-wire");
      if (Files.isDirectory(candidate) && Files.exists(root.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("odoo-wire folder not found from " + cwd + "; set -Dodoo.wire.dir=...");
  }

  /** The recorded exchange {@code odoo-19/<protocol>/<id>.json}. */
  public static JsonNode exchange(String protocol, String id) {
    Path file = dir().resolve("odoo-19").resolve(protocol).resolve(id + ".json");
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The response body of a recorded exchange, as the UTF-8 bytes that went over the wire. */
  public static byte[] responseBody(String protocol, String id) {
    return exchange(protocol, id).path("response").path("body").asText().getBytes(StandardCharsets.UTF_8);
  }

  /** The request body of a recorded exchange. */
  public static byte[] requestBody(String protocol, String id) {
    return exchange(protocol, id).path("request").path("body").asText().getBytes(StandardCharsets.UTF_8);
  }
}
