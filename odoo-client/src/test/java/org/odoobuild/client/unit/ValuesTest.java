package org.odoobuild.client.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Call;
import org.odoobuild.client.Command;
import org.odoobuild.client.Context;
import org.odoobuild.client.Domain;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooValueException;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.client.internal.JsonCodec;
import org.odoobuild.client.internal.ValueEncoder;

/** Domain, Command, Context, Record, ValueEncoder and friends. */
class ValuesTest {

  // ---------- Domain ----------

  @Test
  void domainCombinationsNormalizeToPrefixForm() {
    Domain a = Domain.where("a", "=", 1);
    Domain b = Domain.where("b", "=", 2);
    Domain c = Domain.where("c", "=", 3);
    assertEquals(List.of("&", List.of("a", "=", 1), List.of("b", "=", 2)), a.and(b).terms());
    assertEquals(List.of("|", List.of("a", "=", 1), List.of("b", "=", 2)), a.or(b).terms());
    assertEquals(List.of("!", List.of("a", "=", 1)), a.not().terms());
    assertEquals(List.of("|", "&", List.of("a", "=", 1), List.of("b", "=", 2), List.of("c", "=", 3)), a.and(b).or(c).terms());
    // implicit AND of a raw domain is made explicit before combining
    Domain implicit = Domain.of(List.of(List.of("a", "=", 1), List.of("b", "=", 2)));
    assertEquals(List.of("|", "&", List.of("a", "=", 1), List.of("b", "=", 2), List.of("c", "=", 3)),
        implicit.or(c).terms());
    assertEquals(List.of("!", "&", List.of("a", "=", 1), List.of("b", "=", 2)), implicit.not().terms());
    // the empty domain is neutral for AND and absorbing for OR
    assertEquals(a, a.and(Domain.all()));
    assertEquals(a, Domain.all().and(a));
    assertTrue(a.or(Domain.all()).isAll());
    assertTrue(Domain.all().or(a).isAll());
    assertThrows(IllegalStateException.class, () -> Domain.all().not());
    assertEquals(List.of("x", "=", false), Domain.where("x", "=", null).terms().get(0), "null is sent as false");
    assertEquals(Domain.of(List.of(List.of("a", "=", 1))), a);
    assertTrue(Domain.of(List.of()).isAll());
    assertEquals("[\"|\", [\"a\", \"=\", 1], [\"d\", \"=\", \"2024-03-15\"]]",
        JsonCodec.write(a.or(Domain.where("d", "=", LocalDate.of(2024, 3, 15)))));
    assertEquals(List.of(List.of(1L, "=", 1L)), Domain.of(List.of(List.of(1L, "=", 1L))).terms(), "TRUE_LEAF");
  }

  @Test
  void malformedDomainsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Domain.where("a", "==", 1));
    assertThrows(IllegalArgumentException.class, () -> Domain.where(" ", "=", 1));
    for (List<?> bad : List.of(List.of("&", List.of("a", "=", 1)), List.of("|"), List.of("!"),
        List.of(List.of("a", "=")), List.of(List.of("a", "bogus", 1)), List.of("a", "=", 1), List.of(List.of(1, 2, 3)),
        List.of(List.of(List.of("a"), "=", 1)), List.of("&", List.of("a", "=", 1), List.of("b", "=", 2), "|"),
        Arrays.asList(List.of("a", "=", 1), null), List.of(Arrays.asList(null, "=", 1)), List.of(42))) {
      assertThrows(IllegalArgumentException.class, () -> Domain.of(bad), () -> "accepted " + bad);
    }
  }

  // ---------- Command, Context, Call, Query ----------

  @Test
  void commandWireForms() {
    Map<String, Object> vals = Map.of("name", "Rebar");
    assertEquals(List.of(0, 0L, vals), Command.create(vals).toWire());
    assertEquals(List.of(1, 7L, vals), Command.update(7, vals).toWire());
    assertEquals(List.of(2, 7L, 0), Command.delete(7).toWire());
    assertEquals(List.of(3, 7L, 0), Command.unlink(7).toWire());
    assertEquals(List.of(4, 7L, 0), Command.link(7).toWire());
    assertEquals(List.of(5, 0L, 0), Command.clear().toWire());
    assertEquals(List.of(6, 0L, List.of(1L, 2L)), Command.set(List.of(1L, 2L)).toWire());
    assertEquals("[[6, 0, [1, 2]], [0, 0, {\"name\": \"Rebar\"}]]",
        JsonCodec.write(List.of(Command.set(List.of(1L, 2L)), Command.create(vals))));
    assertThrows(IllegalArgumentException.class, () -> Command.link(0));
    assertThrows(IllegalArgumentException.class, () -> Command.set(List.of(3L, -1L)));
    assertThrows(NullPointerException.class, () -> Command.create(null));
    assertEquals(Command.link(4), Command.link(4));
    assertEquals(6, Command.set(List.of()).code());
  }

  @Test
  void contextMergeLetsLaterKeysWin() {
    Context client = Context.empty().lang("en_US").tz("Europe/Brussels");
    Context call = Context.empty().lang("fr_FR").activeTest(false);
    Context merged = client.merge(call);
    assertEquals(Map.of("lang", "fr_FR", "tz", "Europe/Brussels", "active_test", false), merged.asMap());
    assertEquals(List.of("lang", "tz", "active_test"), new ArrayList<>(merged.asMap().keySet()), "insertion order kept");
    assertEquals(client, client.merge(Context.empty()));
    assertEquals(call, Context.empty().merge(call));
    assertEquals(Map.of("lang", "en_US", "tz", "Europe/Brussels"), client.asMap(), "immutable");
    assertEquals("2024-03-15", Context.empty().with("date", LocalDate.of(2024, 3, 15)).get("date").orElseThrow());
    assertThrows(UnsupportedOperationException.class, () -> merged.asMap().put("x", 1));
    assertThrows(NullPointerException.class, () -> Context.empty().with("x", null));
  }

  @Test
  void callAndQueryValidateAndStayImmutable() {
    assertThrows(IllegalArgumentException.class, () -> Call.method(" "));
    assertThrows(IllegalArgumentException.class, () -> Call.method("write").ids(0));
    Call c = Call.method("write").ids(1, 2).arg("vals", Map.of());
    assertEquals(Optional.of(List.of(1L, 2L)), c.ids());
    assertFalse(c.isIdempotent());
    assertTrue(Call.method("search_read").isIdempotent());
    assertTrue(Call.method("action_x").idempotent(true).isIdempotent());
    assertFalse(Call.method("read").idempotent(false).isIdempotent());
    Query q = Query.all();
    Query q2 = q.limit(5).offset(2).order("name").fields("a");
    assertTrue(q.limit().isEmpty());
    assertEquals(5, q2.limit().getAsInt());
    assertThrows(IllegalArgumentException.class, () -> q.limit(0));
    assertThrows(IllegalArgumentException.class, () -> q.offset(-1));
  }

  // ---------- Record ----------

  private static Record row() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", 7L);
    m.put("name", "WIRE");
    m.put("ref", false);
    m.put("partner_id", List.of(3L, "Acme"));
    m.put("country_id", false);
    m.put("tag_ids", List.of(1L, 2L));
    m.put("date", "2024-03-15");
    m.put("create_date", "2026-11-22 12:20:50");
    m.put("amount", 215.63);
    m.put("qty", 3L);
    m.put("active", true);
    m.put("bad_date", "15/03/2024");
    return new Record(m);
  }

  @Test
  void recordGettersApplyOdooConventions() {
    Record r = row();
    assertEquals(7L, r.id());
    assertEquals(Optional.of("WIRE"), r.getString("name"));
    assertEquals(Optional.empty(), r.getString("ref"));
    assertEquals(Optional.of(new Many2one(3, "Acme")), r.getMany2one("partner_id"));
    assertEquals(Optional.empty(), r.getMany2one("country_id"));
    assertEquals(List.of(1L, 2L), r.getIds("tag_ids"));
    assertEquals(List.of(), r.getIds("country_id"));
    assertEquals(Optional.of(LocalDate.of(2024, 3, 15)), r.getDate("date"));
    assertEquals(Optional.of(Instant.parse("2026-11-22T12:20:50Z")), r.getDateTime("create_date"));
    assertEquals(new BigDecimal("215.63"), r.getDecimal("amount"));
    assertEquals(3L, r.getLong("qty"));
    assertEquals(3.0, r.getDouble("qty"));
    assertTrue(r.getBoolean("active"));
    assertFalse(r.getBoolean("ref"));
    assertEquals(Optional.empty(), r.get("ref"));
  }

  @Test
  void recordGettersOnWrongTypesNameTheField() {
    Record r = row();
    List<Runnable> wrong = List.of(() -> r.getString("qty"), () -> r.getLong("name"), () -> r.getLong("amount"),
        () -> r.getDouble("name"), () -> r.getBoolean("name"), () -> r.getMany2one("name"), () -> r.getMany2one("tag_ids"),
        () -> r.getIds("name"), () -> r.getIds("partner_id"), () -> r.getDate("bad_date"), () -> r.getDateTime("date"),
        () -> r.getDate("qty"), () -> r.getDecimal("name"));
    for (Runnable w : wrong) {
      OdooValueException e = assertThrows(OdooValueException.class, w::run);
      assertTrue(e.getMessage().startsWith("field '"), e.getMessage());
    }
    OdooValueException missing = assertThrows(OdooValueException.class, () -> r.getString("wire_absent"));
    assertTrue(missing.getMessage().contains("wire_absent") && missing.getMessage().contains("fields read"));
  }

  @Test
  void loadResultAndServerVersionDecoding() {
    LoadResult ok = LoadResult.of(Map.of("ids", List.of(5L, 6L), "messages", List.of(), "nextrow", 0L));
    assertTrue(ok.isSuccess());
    assertEquals(List.of(5L, 6L), ok.ids());
    assertThrows(OdooValueException.class, () -> LoadResult.of(List.of()));
    assertThrows(OdooValueException.class, () -> ServerVersion.of(Map.of("version", "x")));
    assertEquals(new ServerVersion("17.0", 17, 0, false), ServerVersion.of(Map.of("server_version_info",
        List.of(17L, 0L, 0L, "final", 0L, ""), "server_version", "17.0")));
  }

  // ---------- ValueEncoder ----------

  @Test
  void valueEncoderConvertsSdkValues() {
    assertEquals("2024-03-15", ValueEncoder.toWire(LocalDate.of(2024, 3, 15)));
    assertEquals("2026-11-22 12:20:50", ValueEncoder.toWire(Instant.parse("2026-11-22T12:20:50.987Z")), "no fraction");
    assertEquals("2026-11-22 11:20:50",
        ValueEncoder.toWire(ZonedDateTime.of(2026, 11, 22, 12, 20, 50, 0, ZoneId.of("Europe/Brussels"))), "to UTC");
    assertEquals("2026-11-22 17:20:50",
        ValueEncoder.toWire(OffsetDateTime.of(2026, 11, 22, 12, 20, 50, 0, ZoneOffset.ofHours(-5))));
    assertEquals("2026-11-22 12:20:50", ValueEncoder.toWire(LocalDateTime.of(2026, 11, 22, 12, 20, 50, 5)));
    assertEquals(7L, ValueEncoder.toWire(new Many2one(7, "x")));
    assertEquals(false, ValueEncoder.toWire(Optional.empty()));
    assertEquals("a", ValueEncoder.toWire(Optional.of("a")));
    assertEquals(new BigDecimal("12.50"), ValueEncoder.toWire(new BigDecimal("12.50")));
    assertEquals(0.1, ValueEncoder.toWire(0.1f), "a float is sent as its own shortest text");
    assertEquals(3, ValueEncoder.toWire((short) 3));
    assertEquals(List.of(1L, 2L), ValueEncoder.toWire(new long[] {1, 2}));
    assertEquals(Map.of("d", "2024-03-15"), ValueEncoder.toWire(Map.of("d", LocalDate.of(2024, 3, 15))));
    assertEquals("{\"amount\": 12.50, \"when\": \"2024-03-15\"}", JsonCodec.write(new LinkedHashMap<>(Map.of("amount",
        new BigDecimal("12.50")))).replace("}", ", \"when\": \"2024-03-15\"}"));
    for (Object nan : List.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, List.of(1.0, Double.NEGATIVE_INFINITY))) {
      assertThrows(IllegalArgumentException.class, () -> ValueEncoder.toWire(nan), () -> "accepted " + nan);
    }
    assertThrows(IllegalArgumentException.class, () -> ValueEncoder.toWire(new Object()));
    assertThrows(IllegalArgumentException.class, () -> JsonCodec.write(Map.of("x", Double.NaN)));
  }

  @Test
  void doublesAreFormattedAsPythonRepr() {
    assertEquals("100.0", ValueEncoder.formatDouble(100.0));
    assertEquals("12.5", ValueEncoder.formatDouble(12.5));
    assertEquals("-74.0059728", ValueEncoder.formatDouble(-74.0059728));
    assertEquals("0.1", ValueEncoder.formatDouble(0.1));
    assertEquals("0.0001", ValueEncoder.formatDouble(0.0001));
    assertEquals("1e-05", ValueEncoder.formatDouble(0.00001));
    assertEquals("1.5e-07", ValueEncoder.formatDouble(1.5e-7));
    assertEquals("1e+16", ValueEncoder.formatDouble(1e16));
    assertEquals("1234567890123456.0", ValueEncoder.formatDouble(1234567890123456.0));
    assertEquals("-2.5e+20", ValueEncoder.formatDouble(-2.5e20));
    assertEquals("0.0", ValueEncoder.formatDouble(0.0));
    assertEquals("-0.0", ValueEncoder.formatDouble(-0.0));
    assertThrows(IllegalArgumentException.class, () -> ValueEncoder.formatDouble(Double.NaN));
  }
}
