package org.odoobuild.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row as Odoo returned it ({@code read}, {@code search_read}, {@code read_group}), with typed
 * accessors that apply Odoo's conventions: {@code false} is an empty char, date, datetime or
 * many2one; a many2one is {@code [id, name]}; x2many values are id lists; datetimes are UTC text.
 */
public final class Record {
  private final Map<String, Object> values;

  /** Wraps decoded values (kept as they are, not copied). */
  public Record(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The record id ({@code 0} when the row has none, e.g. a group). */
  public long id() {
    Object v = values.get("id");
    return v instanceof Number n ? n.longValue() : 0L;
  }

  /** Whether the row contains this field. */
  public boolean has(String field) {
    return values.containsKey(field);
  }

  /** The raw value, empty when it is {@code false}/{@code null}. */
  public Optional<Object> get(String field) {
    Object v = raw(field);
    return v == null || Boolean.FALSE.equals(v) ? Optional.empty() : Optional.of(v);
  }

  /** A char/text/selection/html value; empty when Odoo sent {@code false}. */
  public Optional<String> getString(String field) {
    Object v = raw(field);
    if (v == null || Boolean.FALSE.equals(v)) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    throw mismatch(field, "text", v);
  }

  /** An integer value (Odoo sends {@code 0}, never {@code false}, for an unset integer). */
  public long getLong(String field) {
    Object v = raw(field);
    if (v instanceof Long || v instanceof Integer) {
      return ((Number) v).longValue();
    }
    if (Boolean.FALSE.equals(v) || v == null) {
      return 0L;
    }
    throw mismatch(field, "integer", v);
  }

  /** A float value ({@code 0.0} when unset). */
  public double getDouble(String field) {
    Object v = raw(field);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (Boolean.FALSE.equals(v) || v == null) {
      return 0.0;
    }
    throw mismatch(field, "number", v);
  }

  /** A float or monetary value as an exact decimal of its shortest text form. */
  public BigDecimal getDecimal(String field) {
    Object v = raw(field);
    if (v instanceof Long || v instanceof Integer) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double d) {
      return BigDecimal.valueOf(d);
    }
    if (Boolean.FALSE.equals(v) || v == null) {
      return BigDecimal.ZERO;
    }
    throw mismatch(field, "number", v);
  }

  /** A boolean value. */
  public boolean getBoolean(String field) {
    Object v = raw(field);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v == null) {
      return false;
    }
    throw mismatch(field, "boolean", v);
  }

  /** A many2one value; empty when Odoo sent {@code false}. */
  public Optional<Many2one> getMany2one(String field) {
    Object v = raw(field);
    if (v == null || Boolean.FALSE.equals(v)) {
      return Optional.empty();
    }
    if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number id
        && (l.get(1) instanceof String || Boolean.FALSE.equals(l.get(1)))) {
      // the display name may be false for a record without one
      Object name = l.get(1);
      return Optional.of(new Many2one(id.longValue(), name instanceof String s ? s : ""));
    }
    if (v instanceof Number id) {
      return Optional.of(Many2one.of(id.longValue()));
    }
    throw mismatch(field, "many2one [id, name]", v);
  }

  /** A one2many/many2many value: the ids (empty list when none). */
  public List<Long> getIds(String field) {
    Object v = raw(field);
    if (v == null || Boolean.FALSE.equals(v)) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      List<Long> ids = new ArrayList<>(l.size());
      for (Object o : l) {
        if (!(o instanceof Number n)) {
          throw mismatch(field, "list of ids", v);
        }
        ids.add(n.longValue());
      }
      return Collections.unmodifiableList(ids);
    }
    throw mismatch(field, "list of ids", v);
  }

  /** A date value ({@code "2024-03-15"}); empty when Odoo sent {@code false}. */
  public Optional<LocalDate> getDate(String field) {
    return getString(field).map(s -> {
      try {
        return OdooDates.parseDate(s.length() > 10 ? s.substring(0, 10) : s);
      } catch (OdooValueException e) {
        throw mismatch(field, "date", s);
      }
    });
  }

  /** A datetime value ({@code "2026-11-22 12:20:50"}, UTC); empty when Odoo sent {@code false}. */
  public Optional<Instant> getDateTime(String field) {
    return getString(field).map(s -> {
      try {
        return OdooDates.parseInstant(s);
      } catch (OdooValueException e) {
        throw mismatch(field, "datetime", s);
      }
    });
  }

  /** All fields and raw values, read-only. */
  public Map<String, Object> asMap() {
    return values;
  }

  private Object raw(String field) {
    if (!values.containsKey(field)) {
      throw new OdooValueException("field '" + field + "' is not in this row (fields read: " + values.keySet() + ")");
    }
    return values.get(field);
  }

  private static OdooValueException mismatch(String field, String expected, Object v) {
    String shown = String.valueOf(v);
    if (shown.length() > 80) {
      shown = shown.substring(0, 80) + "…";
    }
    return new OdooValueException("field '" + field + "' is not a " + expected + ": " + shown);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r && r.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Record" + values;
  }
}
