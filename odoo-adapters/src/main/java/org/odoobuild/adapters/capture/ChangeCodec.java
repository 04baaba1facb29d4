package org.odoobuild.adapters.capture;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.odoobuild.adapters.internal.Json;
import org.odoobuild.connectors.spi.PayloadCodec;

/** JSON codec of {@link OdooChange} for the durable store ({@link OdooChange#codec()}); the canonical entity is not stored. */
final class ChangeCodec implements PayloadCodec<OdooChange> {
  static final ChangeCodec INSTANCE = new ChangeCodec();
  private static final ObjectMapper JSON = Json.MAPPER;

  private ChangeCodec() {}

  @Override
  public String encode(OdooChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", c.model());
    m.put("id", c.id());
    m.put("kind", c.kind().name());
    m.put("write_date", c.writeDate().toString());
    m.put("values", c.values());
    m.put("previous", c.previous());
    try {
      return JSON.writeValueAsString(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public OdooChange decode(String text) {
    try {
      Map<String, Object> m = JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
      @SuppressWarnings("unchecked")
      Map<String, Object> values = (Map<String, Object>) m.get("values");
      @SuppressWarnings("unchecked")
      Map<String, Object> previous = (Map<String, Object>) m.get("previous");
      return new OdooChange((String) m.get("model"), ((Number) m.get("id")).longValue(),
          OdooChange.Kind.valueOf((String) m.get("kind")), Instant.parse((String) m.get("write_date")), values, previous);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
