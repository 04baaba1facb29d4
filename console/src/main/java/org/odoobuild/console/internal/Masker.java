package org.odoobuild.console.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides sensitive values before anything is shown: JSON fields (at any depth) and headers whose
 * name is configured or looks like a secret, and those values wherever else they appear (e.g.
 * echoed in an error message). Payloads that are not JSON cannot be masked and are not shown.
 */
public final class Masker {
  /** What a hidden value is shown as. */
  public static final String MASK = "\u2022\u2022\u2022\u2022";
  private static final List<String> SECRET_PARTS = List.of("password", "passwd", "secret", "token", "api_key",
      "apikey", "authorization", "credential", "private_key", "session", "cookie", "signature");
  private static final int MAX_PARSED = 1_000_000;
  private static final int MAX_SHOWN = 64_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** IBANs (with or without spaces) and {@code password=…}-style secrets in free text. */
  static final List<Pattern> DEFAULT_PATTERNS = List.of(
      Pattern.compile("\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"),
      Pattern.compile("(?i)\\b(password|passwd|secret|token|api[_-]?key|authorization)(\"?\\s*[:=]\\s*\"?)"
          + "(?:bearer\\s+|basic\\s+)?[^\\s\"'&,;]+"));

  private final Set<String> fields;
  private final List<Pattern> patterns;

  /**
   * A masker for the configured field names (compared without case), in addition to names that
   * look like secrets, and for values matching the patterns (in addition to the defaults).
   *
   * @param fields field names to mask
   * @param patterns value patterns to mask in any text shown
   */
  public Masker(Collection<String> fields, Collection<Pattern> patterns) {
    Set<String> f = new TreeSet<>();
    fields.forEach(n -> f.add(n.toLowerCase(Locale.ROOT)));
    this.fields = Set.copyOf(f);
    List<Pattern> all = new ArrayList<>(DEFAULT_PATTERNS);
    all.addAll(patterns);
    this.patterns = List.copyOf(all);
  }

  /** The configured field names, lower case. */
  public Set<String> fields() {
    return fields;
  }

  /** Whether a field or header of this name is hidden. */
  public boolean sensitive(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
    if (fields.contains(n)) {
      return true;
    }
    for (String p : SECRET_PARTS) {
      if (n.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** A payload as shown: indented JSON with sensitive fields masked, or a note why it is hidden. */
  public String payload(String raw) {
    Parsed p = parse(raw);
    if (p.json == null) {
      return p.note;
    }
    try {
      String s = text(JSON.writeValueAsString(p.json));
      return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "\n\u2026 (" + (s.length() - MAX_SHOWN)
          + " more characters not shown)";
    } catch (JsonProcessingException e) {
      return "(payload cannot be shown)";
    }
  }

  /** Headers as shown. */
  public Map<String, String> headers(Map<String, String> headers) {
    Map<String, String> out = new LinkedHashMap<>();
    new TreeSet<>(headers.keySet()).forEach(k -> out.put(k, sensitive(k) ? MASK : headers.get(k)));
    return out;
  }

  /** The values a payload's sensitive fields hold (4 characters or more), to hide them elsewhere. */
  public List<String> secretsIn(String raw, Map<String, String> headers) {
    List<String> out = new ArrayList<>();
    headers.forEach((k, v) -> {
      if (sensitive(k) && v.length() >= 4) {
        out.add(v);
      }
    });
    JsonNode n = read(raw);
    if (n != null) {
      collect(n, false, out);
    }
    return out;
  }

  /** Text with the given secret values, and whatever matches a value pattern, masked. */
  public String hide(String text, Collection<String> secrets) {
    String t = text;
    for (String s : secrets) {
      t = t.replace(s, MASK);
    }
    return text(t);
  }

  /** Free text with whatever matches a value pattern masked (a {@code key=value} secret keeps its key). */
  public String text(String text) {
    String t = text;
    for (Pattern p : patterns) {
      Matcher m = p.matcher(t);
      if (!m.find()) {
        continue;
      }
      StringBuilder out = new StringBuilder();
      do {
        String keep = m.groupCount() >= 2 && m.group(1) != null ? m.group(1) + java.util.Objects.toString(m.group(2), "") : "";
        m.appendReplacement(out, Matcher.quoteReplacement(keep + MASK));
      } while (m.find());
      m.appendTail(out);
      t = out.toString();
    }
    return t;
  }

  /** A JSON text (e.g. audit before/after) as shown: masked, or the text when it is not JSON. */
  public String json(String raw) {
    if (raw.isEmpty()) {
      return "";
    }
    Parsed p = parse(raw);
    if (p.json == null) {
      return text(raw.length() <= 2_000 ? raw : raw.substring(0, 2_000) + "\u2026");
    }
    try {
      return text(new ObjectMapper().writeValueAsString(p.json));
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private record Parsed(JsonNode json, String note) {}

  private Parsed parse(String raw) {
    if (raw.length() > MAX_PARSED) {
      return new Parsed(null, "(payload of " + raw.length() + " characters: too large to show)");
    }
    if (raw.isBlank()) {
      return new Parsed(null, "(empty payload)");
    }
    JsonNode n = read(raw);
    if (n == null) {
      return new Parsed(null, "(payload is not JSON: " + raw.length()
          + " characters, not shown because its fields cannot be masked)");
    }
    mask(n);
    return new Parsed(n, "");
  }

  /** The JSON tree of a text, or null when it is not JSON (or too large). */
  private static JsonNode read(String raw) {
    if (raw.length() > MAX_PARSED || raw.isBlank()) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(raw);
      return n == null || n.isMissingNode() ? null : n;
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  private void mask(JsonNode n) {
    if (n instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      List<String> hide = new ArrayList<>();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (sensitive(e.getKey()) && !e.getValue().isNull()) {
          hide.add(e.getKey());
        } else {
          mask(e.getValue());
        }
      }
      hide.forEach(k -> o.set(k, TextNode.valueOf(MASK)));
    } else if (n instanceof ArrayNode a) {
      a.forEach(this::mask);
    }
  }

  private void collect(JsonNode n, boolean inSecret, List<String> out) {
    if (n instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> collect(e.getValue(), inSecret || sensitive(e.getKey()), out));
    } else if (n instanceof ArrayNode a) {
      a.forEach(x -> collect(x, inSecret, out));
    } else if (inSecret && n.isValueNode() && !n.isNull()) {
      String v = n.asText();
      if (v.length() >= 4 && !v.equals(MASK)) {
        out.add(v);
      }
    }
  }
}
