package org.odoobuild.connectors.spi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

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
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
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
