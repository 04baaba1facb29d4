package org.odoobuild.model.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.Structure;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;
import org.odoobuild.model.schema.Meta;

/**
 * Reads and writes canonical entities as JSON. The reader is made for untrusted input: it never
 * throws; it returns a {@link Parsed} listing every violation with its JSON path (wrong types,
 * missing or {@code null} required values, texts over their caps, unknown enum values or units,
 * {@code NaN}/{@code Infinity} amounts, unknown properties, malformed or oversized documents),
 * then the entity's own {@code validate()} violations.
 *
 * <pre>{@code
 * Parsed<PurchaseOrder> p = CanonicalJson.read(body, PurchaseOrder.class);
 * if (!p.isValid()) { p.violations().forEach(v -> log.warn("{}", v)); }
 * }</pre>
 */
public final class CanonicalJson {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  /** Longest string the tokenizer accepts at all (texts are capped far lower by the model). */
  public static final int MAX_TOKEN_CHARS = 1_000_000;
  /** Largest precision or scale accepted for a decimal (guards against {@code 1e999999999}). */
  public static final int MAX_DECIMAL_DIGITS = 40;
  private static final ObjectMapper MAPPER = build();

  private CanonicalJson() {
  }

  private static ObjectMapper build() {
    JsonFactory f = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(Limits.MAX_DEPTH)
            .maxStringLength(MAX_TOKEN_CHARS)
            .maxNumberLength(200)
            .maxDocumentLength(Limits.MAX_DOCUMENT_BYTES)
            .build())
        .build();
    return JsonMapper.builder(f)
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .serializationInclusion(JsonInclude.Include.NON_ABSENT)
        .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
        .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.NONE)
        .build();
  }

  /** A copy of the configured mapper (plain decimals, ISO dates, absent optionals left out). */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** The JSON text of a canonical value (pretty-printed, deterministic property order). */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical values always serialise: " + e.getOriginalMessage(), e);
    }
  }

  /** The JSON tree of a canonical value. */
  public static JsonNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Reads UTF-8 JSON text; see the class comment. */
  public static <T> Parsed<T> read(String json, Class<T> type) {
    if (json == null) {
      return Parsed.invalid(List.of(new Violation("", ViolationCodes.REQUIRED, "no JSON document")));
    }
    return read(json.getBytes(StandardCharsets.UTF_8), type);
  }

  /** Reads UTF-8 JSON bytes; see the class comment. */
  public static <T> Parsed<T> read(byte[] json, Class<T> type) {
    if (json == null || json.length == 0) {
      return Parsed.invalid(List.of(new Violation("", ViolationCodes.REQUIRED, "no JSON document")));
    }
    if (json.length > Limits.MAX_DOCUMENT_BYTES) {
      return Parsed.invalid(List.of(new Violation("", ViolationCodes.MALFORMED,
          "document of " + json.length + " bytes exceeds " + Limits.MAX_DOCUMENT_BYTES)));
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException | RuntimeException e) {
      return Parsed.invalid(List.of(malformed(e)));
    }
    return read(tree, type);
  }

  /** Checks and binds an already parsed tree; see the class comment. */
  public static <T> Parsed<T> read(JsonNode tree, Class<T> type) {
    try {
      List<Violation> found = new ArrayList<>();
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return Parsed.invalid(List.of(new Violation("", ViolationCodes.REQUIRED, "no JSON value")));
      }
      checkObject(tree, type, "", found);
      if (!found.isEmpty()) {
        return Parsed.invalid(found);
      }
      T value;
      try {
        value = MAPPER.treeToValue(dropNulls(tree), type);
      } catch (JsonMappingException e) {
        return Parsed.invalid(List.of(fromMapping(e)));
      } catch (IOException | RuntimeException e) {
        return Parsed.invalid(List.of(new Violation("", ViolationCodes.INVARIANT, rootMessage(e))));
      }
      List<Violation> rules = value instanceof CanonicalEntity ce ? ce.validate().violations() : Structure.check(value).violations();
      return new Parsed<>(Optional.of(value), rules);
    } catch (RuntimeException | StackOverflowError e) {
      return Parsed.invalid(List.of(new Violation("", ViolationCodes.MALFORMED, "unreadable input: " + rootMessage(e))));
    }
  }

  /** Reads a canonical entity whose type is given by name (see {@code CanonicalModel}). */
  public static Parsed<? extends CanonicalEntity> read(String json, String entityType) {
    return org.odoobuild.model.CanonicalModel.classOf(entityType)
        .<Parsed<? extends CanonicalEntity>>map(c -> read(json, c))
        .orElseGet(() -> Parsed.invalid(List.of(new Violation("", ViolationCodes.UNKNOWN_VALUE, "unknown entity type"))));
  }

  private static JsonNode dropNulls(JsonNode n) {
    if (n.isObject()) {
      ObjectNode copy = ((ObjectNode) n).deepCopy();
      strip(copy);
      return copy;
    }
    return n;
  }

  private static void strip(JsonNode n) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) n).fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          it.remove();
        } else {
          strip(e.getValue());
        }
      }
    } else if (n.isArray()) {
      n.forEach(CanonicalJson::strip);
    }
  }

  private static void checkObject(JsonNode n, Class<?> type, String path, List<Violation> out) {
    if (!n.isObject()) {
      out.add(new Violation(path, ViolationCodes.WRONG_TYPE, "expected an object, got " + kindOf(n)));
      return;
    }
    List<Meta.Property> props = Meta.properties(type);
    Set<String> known = new HashSet<>();
    for (Meta.Property p : props) {
      known.add(p.name());
      JsonNode v = n.get(p.name());
      String at = join(path, p.name());
      if (v == null || v.isNull()) {
        if (p.required()) {
          out.add(new Violation(at, ViolationCodes.REQUIRED, "required value is " + (v == null ? "missing" : "null")));
        }
        continue;
      }
      checkValue(p.node(), v, at, out);
      if (p.name().equals("sourceRefs") && v.isArray() && v.isEmpty()) {
        out.add(new Violation(at, ViolationCodes.REQUIRED, "at least one source reference is required"));
      }
    }
    Iterator<String> names = n.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        out.add(new Violation(join(path, truncate(name)), ViolationCodes.UNKNOWN_PROPERTY, "not a property of " + type.getSimpleName()));
      }
    }
  }

  private static void checkValue(Meta.Node node, JsonNode v, String at, List<Violation> out) {
    switch (node.kind()) {
      case TEXT -> {
        if (!v.isTextual()) {
          out.add(wrong(at, "a string", v));
        } else if (v.textValue().length() > node.maxLength()) {
          out.add(new Violation(at, ViolationCodes.TOO_LONG, "at most " + node.maxLength() + " characters, got " + v.textValue().length()));
        } else if (v.textValue().isBlank()) {
          out.add(new Violation(at, ViolationCodes.BLANK, "must not be blank"));
        }
      }
      case INTEGER -> {
        boolean isInt = node.type() == int.class || node.type() == Integer.class;
        if (!v.isIntegralNumber() || (isInt ? !v.canConvertToInt() : !v.canConvertToLong())) {
          out.add(wrong(at, isInt ? "a 32-bit integer" : "an integer", v));
        }
      }
      case DECIMAL -> checkDecimal(v, at, out);
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          out.add(wrong(at, "true or false", v));
        }
      }
      case DATE -> {
        if (!v.isTextual()) {
          out.add(wrong(at, "a date string yyyy-MM-dd", v));
        } else {
          try {
            LocalDate.parse(v.textValue());
          } catch (DateTimeParseException e) {
            out.add(new Violation(at, ViolationCodes.INVALID_FORMAT, "not a date yyyy-MM-dd: '" + truncate(v.textValue()) + "'"));
          }
        }
      }
      case DATETIME -> {
        if (!v.isTextual()) {
          out.add(wrong(at, "an ISO instant string", v));
        } else {
          try {
            Instant.parse(v.textValue());
          } catch (DateTimeParseException e) {
            out.add(new Violation(at, ViolationCodes.INVALID_FORMAT, "not an ISO instant: '" + truncate(v.textValue()) + "'"));
          }
        }
      }
      case CURRENCY -> {
        if (!v.isTextual()) {
          out.add(wrong(at, "an ISO 4217 code", v));
        } else if (!isCurrency(v.textValue())) {
          out.add(new Violation(at, ViolationCodes.UNKNOWN_CURRENCY, "not an ISO 4217 currency code: '" + truncate(v.textValue()) + "'"));
        }
      }
      case ENUM -> {
        if (!v.isTextual()) {
          out.add(wrong(at, "one of " + node.enumValues(), v));
        } else if (node.type() == UnitOfMeasure.class) {
          if (UnitOfMeasure.parse(v.textValue()).isEmpty()) {
            out.add(new Violation(at, ViolationCodes.UNKNOWN_UNIT, "unknown unit of measure '" + truncate(v.textValue()) + "'"));
          }
        } else if (!node.enumValues().contains(v.textValue())) {
          out.add(new Violation(at, ViolationCodes.UNKNOWN_VALUE,
              "'" + truncate(v.textValue()) + "' is not one of " + node.enumValues()));
        }
      }
      case OBJECT -> checkObject(v, node.type(), at, out);
      case ARRAY -> {
        if (!v.isArray()) {
          out.add(wrong(at, "an array", v));
        } else if (v.size() > Limits.MAX_ITEMS) {
          out.add(new Violation(at, ViolationCodes.TOO_MANY, "at most " + Limits.MAX_ITEMS + " elements, got " + v.size()));
        } else {
          Meta.Node element = node.element().orElseThrow();
          for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isNull()) {
              out.add(new Violation(at + "[" + i + "]", ViolationCodes.REQUIRED, "list elements must not be null"));
            } else {
              checkValue(element, e, at + "[" + i + "]", out);
            }
          }
        }
      }
      default -> throw new IllegalStateException("unhandled kind " + node.kind());
    }
  }

  private static void checkDecimal(JsonNode v, String at, List<Violation> out) {
    BigDecimal d;
    if (v.isNumber()) {
      if (v.isDouble() || v.isFloat()) {
        if (!Double.isFinite(v.doubleValue())) {
          out.add(new Violation(at, ViolationCodes.NOT_FINITE, "amounts must be finite numbers"));
          return;
        }
      }
      d = v.decimalValue();
    } else if (v.isTextual()) {
      String s = v.textValue().strip();
      String lower = s.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("nan") || lower.contains("inf")) {
        out.add(new Violation(at, ViolationCodes.NOT_FINITE, "amounts must be finite numbers, got '" + truncate(s) + "'"));
        return;
      }
      try {
        d = s.length() > 200 ? null : new BigDecimal(s);
      } catch (NumberFormatException e) {
        d = null;
      }
      if (d == null) {
        out.add(new Violation(at, ViolationCodes.WRONG_TYPE, "expected a decimal number, got '" + truncate(s) + "'"));
        return;
      }
    } else {
      out.add(wrong(at, "a decimal number", v));
      return;
    }
    if (d.precision() > MAX_DECIMAL_DIGITS || Math.abs(d.scale()) > MAX_DECIMAL_DIGITS) {
      out.add(new Violation(at, ViolationCodes.INVALID_FORMAT, "at most " + MAX_DECIMAL_DIGITS + " digits and decimal places"));
    }
  }

  private static boolean isCurrency(String code) {
    if (!CURRENCY.matcher(code).matches()) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Violation wrong(String at, String expected, JsonNode v) {
    return new Violation(at, ViolationCodes.WRONG_TYPE, "expected " + expected + ", got " + kindOf(v));
  }

  private static String kindOf(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static Violation malformed(Throwable e) {
    String where = "";
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation loc = jpe.getLocation();
      if (loc != null) {
        where = " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      }
      return new Violation("", ViolationCodes.MALFORMED, "not well-formed JSON" + where + ": " + truncate(String.valueOf(jpe.getOriginalMessage())));
    }
    return new Violation("", ViolationCodes.MALFORMED, "not well-formed JSON: " + truncate(String.valueOf(e.getMessage())));
  }

  private static Violation fromMapping(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    String code = e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException ? ViolationCodes.INVARIANT : ViolationCodes.WRONG_TYPE;
    return new Violation(path.toString(), code, truncate(rootMessage(e)));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
    return truncate(m == null ? t.getClass().getSimpleName() : m);
  }

  private static String truncate(String s) {
    return s == null ? "" : (s.length() > 200 ? s.substring(0, 200) + "…" : s);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
