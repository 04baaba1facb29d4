package org.odoobuild.connectors.protect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.odoobuild.connectors.internal.Json;

/**
 * Which fields are masked where people read data (logs, audit views, the console) and how:
 * bank accounts, tax ids and phone numbers keep their last characters, other secrets nothing.
 * Field names are matched case-insensitively against exact names or regular expressions; the
 * first matching rule wins. Immutable and thread-safe.
 * <pre>{@code
 * MaskingRules masks = MaskingRules.builder()
 *     .keepLast("acc_number", 4).keepLast("vat", 3).keepLast("phone", 2).redact("(?i).*password.*").build();
 * masks.mask("acc_number", "DE89370400440532013000");  // "******************3000"
 * }</pre>
 */
public final class MaskingRules {
  private static final MaskingRules NONE = new Builder().build();
  private final List<Rule> rules;

  private record Rule(Pattern field, int keepLast) {}

  private MaskingRules(Builder b) {
    this.rules = List.copyOf(b.rules);
  }

  /** No masking. */
  public static MaskingRules none() {
    return NONE;
  }

  /** The usual rules for construction back-office data: bank accounts, IBANs, tax ids, phones, emails. */
  public static MaskingRules defaults() {
    return builder().keepLast("acc_number", 4).keepLast("(?i).*iban.*", 4).keepLast("(?i)(vat|tax_?id|ssn|tin)", 3)
        .keepLast("(?i).*(phone|mobile).*", 2).keepLast("(?i).*email.*", 0).redact("(?i).*(password|secret|token).*")
        .build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a field is masked.
   *
   * @param field the field name
   * @return true when a rule matches it
   */
  public boolean masks(String field) {
    return rule(field) != null;
  }

  /**
   * A value as people may see it.
   *
   * @param field the field name
   * @param value the value
   * @return the value masked by the field's rule, or unchanged when no rule matches
   */
  public String mask(String field, String value) {
    Rule r = rule(field);
    if (r == null || value.isEmpty()) {
      return value;
    }
    int keep = value.length() > 2 * r.keepLast ? r.keepLast : 0;
    return "*".repeat(Math.max(4, value.length() - keep)) + value.substring(value.length() - keep);
  }

  /**
   * A map of field values with the masked fields masked (nested maps too).
   *
   * @param values field values
   * @return a masked copy
   */
  public Map<String, Object> mask(Map<String, ?> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) m;
        out.put(k, mask(nested));
      } else if (v != null && masks(k)) {
        out.put(k, mask(k, String.valueOf(v)));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * A JSON text with the values of masked fields masked (at any depth); text that is not a JSON
   * object is returned unchanged.
   *
   * @param json the JSON text, e.g. an audit line's before or after
   * @return the masked JSON
   */
  public String maskJson(String json) {
    if (rules.isEmpty() || json.isEmpty() || json.charAt(0) != '{') {
      return json;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      maskNode(node);
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return json;
    }
  }

  private void maskNode(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isContainerNode()) {
          maskNode(e.getValue());
        } else if (!e.getValue().isNull() && masks(e.getKey())) {
          e.setValue(TextNode.valueOf(mask(e.getKey(), e.getValue().asText())));
        }
      }
    } else if (node.isArray()) {
      node.forEach(this::maskNode);
    }
  }

  private Rule rule(String field) {
    for (Rule r : rules) {
      if (r.field.matcher(field).matches()) {
        return r;
      }
    }
    return null;
  }

  /** Builds {@link MaskingRules}; not thread-safe. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /**
     * Masks a field except its last characters.
     *
     * @param field an exact field name or a regular expression
     * @param keep how many last characters stay visible (kept only when the value is more than twice as long)
     * @return this builder
     */
    public Builder keepLast(String field, int keep) {
      Objects.requireNonNull(field, "field");
      if (keep < 0) {
        throw new IllegalArgumentException("keep must not be negative");
      }
      rules.add(new Rule(Pattern.compile(field, Pattern.CASE_INSENSITIVE), keep));
      return this;
    }

    /**
     * Masks a field entirely.
     *
     * @param field an exact field name or a regular expression
     * @return this builder
     */
    public Builder redact(String field) {
      return keepLast(field, 0);
    }

    /** Builds the rules. */
    public MaskingRules build() {
      return new MaskingRules(this);
    }
  }
}
