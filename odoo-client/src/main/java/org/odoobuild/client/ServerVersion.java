package org.odoobuild.client;

import java.util.List;
import java.util.Map;

/**
 * The server version as {@code /web/version} or {@code common.version} report it.
 *
 * @param version the full version text, e.g. {@code 19.0+e-20251227}
 * @param major major version, e.g. {@code 19}
 * @param minor minor version
 * @param enterprise whether the server is an Enterprise build
 */
public record ServerVersion(String version, int major, int minor, boolean enterprise) {

  /** Whether the server offers the JSON-2 API ({@code /json/2}, Odoo 19+). */
  public boolean supportsJson2() {
    return major >= 19;
  }

  /** Decodes {@code {"version_info": [...], "version": ...}} or {@code {"server_version_info": [...], "server_version": ...}}. */
  public static ServerVersion of(Map<?, ?> m) {
    Object info = m.containsKey("server_version_info") ? m.get("server_version_info") : m.get("version_info");
    Object text = m.containsKey("server_version") ? m.get("server_version") : m.get("version");
    if (!(info instanceof List<?> l) || l.size() < 2 || !(l.get(0) instanceof Number major)) {
      throw new OdooValueException("not an Odoo version answer: " + m);
    }
    int minor = l.get(1) instanceof Number n ? n.intValue() : 0;
    boolean enterprise = l.size() >= 6 && "e".equals(l.get(5));
    return new ServerVersion(text instanceof String s ? s : major + "." + minor, major.intValue(), minor, enterprise);
  }

  /** A version known only by its major number, e.g. for an emulator or a fixed configuration. */
  public static ServerVersion of(int major) {
    return new ServerVersion(major + ".0", major, 0, false);
  }
}
