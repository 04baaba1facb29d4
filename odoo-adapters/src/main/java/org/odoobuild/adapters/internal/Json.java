package org.odoobuild.adapters.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured Jackson mapper of this module (change payloads, snapshots, automation-rule
 * webhook bodies: plain maps, lists and scalars, as Odoo sends them); strict input (duplicate keys, trailing tokens,
 * nulls for primitives refused); nesting at most {@value #MAX_DEPTH} levels. Thread-safe; never
 * reconfigured after this class is initialised.
 */
public final class Json {
  /** Deepest nesting accepted when reading. */
  public static final int MAX_DEPTH = 256;
  /** The mapper. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
  }

  private Json() {}

  /** A plain value (maps, lists, scalars) as JSON text, e.g. an {@code analytic_distribution} cell of a {@code load}. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("not a plain value: " + value.getClass().getName(), e);
    }
  }
}
