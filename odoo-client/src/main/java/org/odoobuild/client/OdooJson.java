package org.odoobuild.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.odoobuild.client.internal.JsonCodec;

/**
 * JSON text as Odoo writes and reads it, for values that travel as text inside a call: a
 * {@code json} field's value (an analytic distribution) in the rows of {@code load}, a JSON
 * payload of an automation webhook. Writing converts SDK values as every call does (dates to
 * Odoo text in UTC, {@link Many2one} to its id, {@link Command} and {@link Domain} to lists) and
 * uses the separators of Python's {@code json.dumps} ({@code ", "} and {@code ": "}). Reading
 * yields {@code Long}, {@code Double}, {@code String}, {@code Boolean}, {@code null},
 * {@code LinkedHashMap} and {@code ArrayList}. Thread-safe.
 */
public final class OdooJson {
  private OdooJson() {}

  /**
   * The JSON text of a value.
   *
   * @throws IllegalArgumentException when the value cannot be sent to Odoo (e.g. {@code NaN})
   */
  public static String write(Object value) {
    return JsonCodec.write(value);
  }

  /**
   * Reads one JSON document.
   *
   * @throws OdooValueException when the text is not one well-formed JSON value, is nested deeper
   *     than Odoo ever nests, or holds a number outside the range of a {@code long} or {@code double}
   */
  public static Object read(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return JsonCodec.read(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the parser's message may quote the text: keep only what kind of problem it was
      throw new OdooValueException("not a well-formed JSON value (" + JsonCodec.describe(e) + ")");
    }
  }
}
