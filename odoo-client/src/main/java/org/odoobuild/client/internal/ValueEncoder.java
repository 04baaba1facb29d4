package org.odoobuild.client.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Command;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooDates;

/**
 * Turns SDK values into the plain values Odoo expects on the wire: dates and datetimes as
 * Odoo text in UTC, references as ids, commands and domains as lists, {@code Optional.empty()}
 * as {@code false}.
 */
public final class ValueEncoder {

  /**
   * Odoo's datetime text layout, always UTC: {@code 2026-11-22 12:20:50}.
   *
   * @deprecated internal; use {@link org.odoobuild.client.OdooDates} (kept until the other modules moved)
   */
  @Deprecated(forRemoval = true)
  public static final DateTimeFormatter ODOO_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ValueEncoder() {}

  /**
   * Receives a value as a stream of wire-level events (the encoders for JSON and XML-RPC), so that
   * a request body is written in one pass from the caller's values, with no converted copy.
   */
  public interface WireWriter {
    /** {@code null} / {@code None}. */
    void nil() throws java.io.IOException;

    /** A boolean. */
    void bool(boolean b) throws java.io.IOException;

    /** An integer (Odoo's ints, ids). */
    void integer(long l) throws java.io.IOException;

    /** A finite double. */
    void number(double d) throws java.io.IOException;

    /** A decimal, as given. */
    void decimal(BigDecimal d) throws java.io.IOException;

    /** A text. */
    void string(String s) throws java.io.IOException;

    /** Binary content. */
    void binary(byte[] b) throws java.io.IOException;

    /** Starts a list. */
    void startList() throws java.io.IOException;

    /** Ends a list. */
    void endList() throws java.io.IOException;

    /** Starts a dict. */
    void startMap() throws java.io.IOException;

    /** A dict key; the entry's value follows, then {@link #endEntry()}. */
    void key(String k) throws java.io.IOException;

    /** Ends a dict entry. */
    void endEntry() throws java.io.IOException;

    /** Ends a dict. */
    void endMap() throws java.io.IOException;
  }

  /**
   * Writes one value (deeply) to {@code w} as Odoo expects it on the wire: the conversions of
   * {@link #toWire(Object)}, without building the converted value.
   *
   * @throws IllegalArgumentException for a value Odoo cannot store (an unknown type, NaN)
   */
  public static void write(Object v, WireWriter w) throws java.io.IOException {
    if (v == null) {
      w.nil();
    } else if (v instanceof String s) {
      w.string(s);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      w.integer(((Number) v).longValue());
    } else if (v instanceof Boolean b) {
      w.bool(b);
    } else if (v instanceof Double d) {
      w.number(finite(d));
    } else if (v instanceof Map<?, ?> m) {
      w.startMap();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.key(String.valueOf(e.getKey()));
        write(e.getValue(), w);
        w.endEntry();
      }
      w.endMap();
    } else if (v instanceof Collection<?> c) {
      w.startList();
      for (Object o : c) {
        write(o, w);
      }
      w.endList();
    } else if (v instanceof Many2one m) {
      w.integer(m.id());
    } else if (v instanceof Optional<?> o) {
      if (o.isPresent()) {
        write(o.get(), w);
      } else {
        w.bool(false);
      }
    } else if (v instanceof BigDecimal d) {
      w.decimal(d);
    } else if (v instanceof Domain d) {
      write(d.terms(), w);
    } else if (v instanceof Command c) {
      write(c.toWire(), w);
    } else if (v instanceof Float || v instanceof LocalDate || v instanceof LocalDateTime || v instanceof Instant || v instanceof OffsetDateTime
        || v instanceof ZonedDateTime || v instanceof Enum<?>) {
      // scalars whose wire form is a small value of its own
      write(toWire(v), w);
    } else if (v instanceof Object[] arr) {
      w.startList();
      for (Object o : arr) {
        write(o, w);
      }
      w.endList();
    } else if (v instanceof byte[] b) {
      w.binary(b);
    } else if (v instanceof long[] arr) {
      w.startList();
      for (long l : arr) {
        w.integer(l);
      }
      w.endList();
    } else {
      throw new IllegalArgumentException("cannot send a " + v.getClass().getName() + " to Odoo");
    }
  }

  private static double finite(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("Odoo cannot store the number " + d);
    }
    return d;
  }

  /** Converts one value (deeply for maps and collections). */
  public static Object toWire(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer) {
      return v;
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("Odoo cannot store the number " + d);
      }
      return d;
    }
    if (v instanceof Many2one m) {
      return m.id();
    }
    if (v instanceof Domain d) {
      return toWire(d.terms());
    }
    if (v instanceof Command c) {
      return toWire(c.toWire());
    }
    if (v instanceof Optional<?> o) {
      return o.isPresent() ? toWire(o.get()) : Boolean.FALSE;
    }
    if (v instanceof Float f) {
      // the float's own shortest text (0.1f is sent as 0.1, not 0.10000000149011612)
      return toWire(Double.valueOf(f.toString()));
    }
    if (v instanceof Short || v instanceof Byte) {
      return ((Number) v).intValue();
    }
    if (v instanceof BigDecimal) {
      return v;
    }
    if (v instanceof LocalDate d) {
      return OdooDates.formatDate(d);
    }
    if (v instanceof LocalDateTime dt) {
      return OdooDates.formatDateTime(dt);
    }
    if (v instanceof Instant i) {
      return OdooDates.formatDateTime(i);
    }
    if (v instanceof OffsetDateTime o) {
      return toWire(o.toInstant());
    }
    if (v instanceof ZonedDateTime z) {
      return toWire(z.toInstant());
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, m.size() * 2));
      m.forEach((k, val) -> out.put(String.valueOf(k), toWire(val)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object o : c) {
        out.add(toWire(o));
      }
      return out;
    }
    if (v instanceof Object[] arr) {
      List<Object> out = new ArrayList<>(arr.length);
      for (Object o : arr) {
        out.add(toWire(o));
      }
      return out;
    }
    if (v instanceof byte[]) {
      return v;
    }
    if (v instanceof long[] arr) {
      List<Object> out = new ArrayList<>(arr.length);
      for (long l : arr) {
        out.add(l);
      }
      return out;
    }
    throw new IllegalArgumentException("cannot send a " + v.getClass().getName() + " to Odoo");
  }

  /**
   * Formats a double as Python's {@code repr} does: the shortest text that reads back to the
   * same double, plain between 1e-4 and 1e16 ({@code 100.0}, {@code 0.001}), else scientific
   * ({@code 1e-05}, {@code 1.5e+16}).
   */
  public static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("Odoo cannot store " + d);
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    double abs = Math.abs(d);
    if (abs >= 1e-3 && abs < 1e7) {
      // Double.toString is then already plain, shortest digits and at least one decimal: Python's repr
      return Double.toString(d);
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (abs >= 1e-4 && abs < 1e16) {
      String s = exact.toPlainString();
      return s.contains(".") ? s : s + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
        + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }
}
