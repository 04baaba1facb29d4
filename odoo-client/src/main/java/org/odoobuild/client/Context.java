package org.odoobuild.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.client.internal.ValueEncoder;

/**
 * An Odoo call context ({@code lang}, {@code tz}, {@code active_test}, company, any key),
 * immutable. Set one on the client for every call and per call; per-call keys win.
 */
public final class Context {
  private static final Context EMPTY = new Context(Map.of());
  private final Map<String, Object> values;

  private Context(Map<String, Object> values) {
    this.values = values;
  }

  /** The empty context. */
  public static Context empty() {
    return EMPTY;
  }

  /** A context with one more key. */
  public Context with(String key, Object value) {
    Objects.requireNonNull(key, "key");
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(key, ValueEncoder.toWire(Objects.requireNonNull(value, "value")));
    return new Context(Collections.unmodifiableMap(copy));
  }

  /** The user language, e.g. {@code en_US}. */
  public Context lang(String lang) {
    return with("lang", lang);
  }

  /** The user timezone, e.g. {@code Europe/Brussels}. */
  public Context tz(String tz) {
    return with("tz", tz);
  }

  /** {@code active_test}: false includes archived records in searches. */
  public Context activeTest(boolean activeTest) {
    return with("active_test", activeTest);
  }

  /** This context with the other's keys on top. */
  public Context merge(Context other) {
    if (other.values.isEmpty()) {
      return this;
    }
    if (values.isEmpty()) {
      return other;
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.putAll(other.values);
    return new Context(Collections.unmodifiableMap(copy));
  }

  /** One value. */
  public Optional<Object> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** Whether no key is set. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The keys and values, as sent. */
  public Map<String, Object> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Context c && c.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Context" + values;
  }
}
