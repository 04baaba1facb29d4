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

  /** JSON through Jackson, with java.time and Optional support. */
  static <T> PayloadCodec<T> json(Class<T> type) {
    Objects.requireNonNull(type, "type");
    ObjectMapper mapper = Json.MAPPER;
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
