package org.odoobuild.connectors.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Payloads through the SDK's mapper and through an application's own. */
class PayloadCodecTest {
  /** A payload. */
  public record Delivery(String poNumber, LocalDate due, int lines) {}

  @Test
  void theSdkMapperWritesIsoDatesAndRefusesDuplicateKeys() {
    PayloadCodec<Delivery> codec = PayloadCodec.json(Delivery.class);
    String text = codec.encode(new Delivery("PO-7", LocalDate.of(2026, 3, 2), 4));
    assertEquals("{\"poNumber\":\"PO-7\",\"due\":\"2026-03-02\",\"lines\":4}", text);
    assertEquals(new Delivery("PO-7", LocalDate.of(2026, 3, 2), 4), codec.decode(text));
    assertThrows(UncheckedIOException.class, () -> codec.decode("{\"poNumber\":\"a\",\"poNumber\":\"b\",\"lines\":1}"));
  }

  @Test
  void anApplicationsMapperIsUsedAsConfigured() {
    JsonMapper mine = JsonMapper.builder().findAndAddModules()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    PayloadCodec<Delivery> codec = PayloadCodec.json(Delivery.class, mine);
    String text = codec.encode(new Delivery("PO-8", LocalDate.of(2026, 3, 3), 1));
    assertTrue(text.contains("\"po_number\":\"PO-8\""), text);
    assertEquals(new Delivery("PO-8", LocalDate.of(2026, 3, 3), 1), codec.decode(text));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> codec.decode("{\"po_number\": 1, "));
    assertTrue(e.getMessage().startsWith("cannot decode Delivery"), e.getMessage());
  }
}
