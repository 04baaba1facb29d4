package org.odoobuild.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Command;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooDates;
import org.odoobuild.client.OdooJson;
import org.odoobuild.client.OdooValueException;

/** The public value helpers other modules use instead of the client's internals. */
class OdooDatesAndJsonTest {

  @Test
  void datetimesAreOdooTextInUtc() {
    assertEquals(LocalDateTime.of(2026, 11, 22, 12, 20, 50), OdooDates.parseDateTime("2026-11-22 12:20:50"));
    assertEquals(LocalDateTime.of(2026, 11, 22, 12, 20, 50, 123_456_000), OdooDates.parseDateTime("2026-11-22 12:20:50.123456"));
    assertEquals(Instant.parse("2026-11-22T12:20:50Z"), OdooDates.parseInstant("2026-11-22 12:20:50"));
    assertEquals("2026-11-22 12:20:50", OdooDates.formatDateTime(Instant.parse("2026-11-22T12:20:50.987Z")));
    assertEquals("2026-11-22 12:20:50", OdooDates.formatDateTime(LocalDateTime.of(2026, 11, 22, 12, 20, 50, 5)));
    assertEquals(LocalDate.of(2024, 2, 29), OdooDates.parseDate("2024-02-29"));
    assertEquals("2024-03-05", OdooDates.formatDate(LocalDate.of(2024, 3, 5)));
  }

  @Test
  void textThatIsNotOdoosFormIsATypedError() {
    for (String bad : List.of("2026-11-22T12:20:50", "2026-11-22", "22/11/2026 12:20:50", "2026-02-30 10:00:00", "", "false")) {
      assertThrows(OdooValueException.class, () -> OdooDates.parseDateTime(bad), bad);
    }
    for (String bad : List.of("2023-02-29", "2026-11-22 12:20:50", "20261122", "")) {
      assertThrows(OdooValueException.class, () -> OdooDates.parseDate(bad), bad);
    }
  }

  @Test
  void jsonIsWrittenAsPythonDoesWithSdkValuesConverted() {
    Map<String, Object> v = new java.util.LinkedHashMap<>();
    v.put("12,7", 100);
    v.put("d", LocalDate.of(2024, 3, 15));
    v.put("m", new Many2one(7, "x"));
    v.put("c", List.of(Command.link(4)));
    v.put("dom", Domain.where("id", ">", 1));
    assertEquals("{\"12,7\": 100, \"d\": \"2024-03-15\", \"m\": 7, \"c\": [[4, 4, 0]], \"dom\": [[\"id\", \">\", 1]]}",
        OdooJson.write(v));
    assertEquals(Map.of("12,7", 100L), OdooJson.read("{\"12,7\": 100}"));
  }

  @Test
  void badJsonIsATypedErrorThatDoesNotQuoteTheText() {
    for (String bad : List.of("{\"a\": 1", "{\"a\": secret-token-value}", "[1] [2]", "NaN", "[1e400]",
        "[99999999999999999999999]", "[".repeat(5000) + "]".repeat(5000))) {
      OdooValueException e = assertThrows(OdooValueException.class, () -> OdooJson.read(bad), bad.substring(0, Math.min(10, bad.length())));
      assertFalse(e.getMessage().contains("secret-token-value"), e.getMessage());
      assertTrue(e.getMessage().startsWith("not a well-formed JSON value"), e.getMessage());
    }
  }
}
