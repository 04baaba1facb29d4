package org.odoobuild.examples.support;

import java.util.Objects;
import org.odoobuild.connectors.spi.PayloadCodec;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.json.CanonicalJson;

/**
 * Stores canonical entities in the sync store as their canonical JSON ({@link CanonicalJson}),
 * for flows whose records go through the outbox (pushed, replayed). The engine's default
 * {@code PayloadCodec.json} writes derived getters such as {@code Quantity.isNegative()} that it
 * then cannot read back.
 *
 * @param <T> the canonical type
 */
public final class CanonicalCodec<T> implements PayloadCodec<T> {
  private final Class<T> type;

  private CanonicalCodec(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The codec of a canonical type. */
  public static <T> CanonicalCodec<T> of(Class<T> type) {
    return new CanonicalCodec<>(type);
  }

  @Override
  public String encode(T payload) {
    return CanonicalJson.write(payload);
  }

  @Override
  public T decode(String text) {
    Parsed<T> p = CanonicalJson.read(text, type);
    return p.value().orElseThrow(() -> new IllegalArgumentException("not a " + type.getSimpleName() + ": " + p.violations()));
  }
}
