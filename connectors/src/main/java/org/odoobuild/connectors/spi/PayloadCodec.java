package org.odoobuild.connectors.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.odoobuild.connectors.internal.Json;

/**
 * Turns payloads into text for the durable store (outbox, dead letters) and back.
 *
 * @param <T> the payload type
 */
public interface PayloadCodec<T> {

  /** The payload as text (JSON). */
  String encode(T payload);

  /** The payload from its text. */
  T decode(String text);

  /**
   * JSON through the SDK's Jackson mapper: java.time and Optional support, ISO dates, strict input
   * (duplicate keys, trailing tokens and nulls for primitives refused), nesting at most 256 levels.
   */
  static <T> PayloadCodec<T> json(Class<T> type) {
    return json(type, Json.MAPPER);
  }

  /**
   * JSON through the application's own Jackson mapper (its modules, naming strategy, mix-ins),
   * e.g. Spring Boot's. The mapper must be configured before it is passed here and not changed
   * afterwards; it needs the modules of the payload's types ({@code JavaTimeModule} for
   * {@code java.time}, {@code Jdk8Module} for {@code Optional}).
   *
   * @param type the payload type
   * @param mapper the mapper (thread-safe once configured)
   * @param <T> the payload type
   * @return the codec
   */
  static <T> PayloadCodec<T> json(Class<T> type, ObjectMapper mapper) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mapper, "mapper");
    return new PayloadCodec<>() {
      @Override
      public String encode(T payload) {
        try {
          return mapper.writeValueAsString(payload);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
      }

      @Override
      public T decode(String text) {
        try {
          return mapper.readValue(text, type);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
      }
    };
  }
}
