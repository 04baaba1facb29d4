package org.odoobuild.model.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.odoobuild.model.CanonicalModel;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.schema.Meta;

/**
 * Generates the published JSON Schemas (draft 2020-12) of the canonical entities from the same
 * metamodel that drives {@link CanonicalJson}, so schema and reader never disagree. The
 * checked-in files live in {@code docs/schema/<entity_type>.schema.json}; regenerate them with
 * {@code JsonSchemas.main(new String[] {"docs/schema"})} (a test fails when they are stale).
 */
public final class JsonSchemas {
  /** Base of the schemas' {@code $id}. */
  public static final String ID_BASE = "https://odoobuild.org/schema/";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonSchemas() {
  }

  /** The schema of one entity (or any canonical value type). */
  public static ObjectNode generate(String name, Class<?> type) {
    ObjectNode root = F.objectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", ID_BASE + name + ".schema.json");
    root.put("title", type.getSimpleName());
    root.put("description", "Canonical " + name.replace('_', ' ') + " (org.odoobuild.model, " + type.getName() + ").");
    Map<String, ObjectNode> defs = new TreeMap<>();
    objectSchema(type, root, defs);
    if (!defs.isEmpty()) {
      ObjectNode d = root.putObject("$defs");
      defs.forEach(d::set);
    }
    return root;
  }

  /** Every entity's schema file name → schema text (pretty-printed, trailing newline). */
  public static Map<String, String> all() {
    ObjectMapper m = CanonicalJson.mapper();
    Map<String, String> out = new LinkedHashMap<>();
    CanonicalModel.entityTypes().forEach((name, type) -> {
      try {
        out.put(name + ".schema.json", m.writerWithDefaultPrettyPrinter().writeValueAsString(generate(name, type)) + "\n");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    return out;
  }

  /** Writes every schema into the directory given as first argument (default {@code docs/schema}). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "docs/schema");
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : all().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static void objectSchema(Class<?> type, ObjectNode target, Map<String, ObjectNode> defs) {
    target.put("type", "object");
    ObjectNode props = target.putObject("properties");
    ArrayNode required = F.arrayNode();
    for (Meta.Property p : Meta.properties(type)) {
      ObjectNode ps = nodeSchema(p.node(), defs);
      if (p.name().equals("sourceRefs")) {
        ps.put("minItems", 1);
      }
      props.set(p.name(), ps);
      if (p.required()) {
        required.add(p.name());
      }
    }
    if (!required.isEmpty()) {
      target.set("required", required);
    }
    target.put("additionalProperties", false);
  }

  private static ObjectNode nodeSchema(Meta.Node n, Map<String, ObjectNode> defs) {
    ObjectNode s = F.objectNode();
    switch (n.kind()) {
      case TEXT -> s.put("type", "string").put("minLength", 1).put("maxLength", n.maxLength());
      case INTEGER -> {
        s.put("type", "integer");
        if (n.type() == int.class || n.type() == Integer.class) {
          s.put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
        }
      }
      case DECIMAL -> {
        ArrayNode any = s.putArray("oneOf");
        any.addObject().put("type", "number");
        any.addObject().put("type", "string").put("pattern", "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$");
        s.put("description", "exact decimal (no NaN/Infinity), at most " + CanonicalJson.MAX_DECIMAL_DIGITS + " digits");
      }
      case BOOLEAN -> s.put("type", "boolean");
      case DATE -> s.put("type", "string").put("format", "date");
      case DATETIME -> s.put("type", "string").put("format", "date-time");
      case CURRENCY -> s.put("type", "string").put("pattern", "^[A-Z]{3}$").put("description", "ISO 4217 currency code");
      case ENUM -> {
        s.put("type", "string");
        ArrayNode e = s.putArray("enum");
        n.enumValues().forEach(e::add);
        if (n.type() == UnitOfMeasure.class) {
          s.put("description", "unit symbol (readers also accept the aliases listed in UnitOfMeasure)");
        }
      }
      case OBJECT -> {
        String name = n.type().getSimpleName();
        if (!defs.containsKey(name)) {
          ObjectNode def = F.objectNode();
          defs.put(name, def);
          objectSchema(n.type(), def, defs);
        }
        s.put("$ref", "#/$defs/" + name);
      }
      case ARRAY -> {
        s.put("type", "array").put("maxItems", Limits.MAX_ITEMS);
        s.set("items", nodeSchema(n.element().orElseThrow(), defs));
      }
      default -> throw new IllegalStateException("unhandled kind " + n.kind());
    }
    return s;
  }
}
