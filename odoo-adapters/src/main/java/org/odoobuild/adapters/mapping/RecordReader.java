package org.odoobuild.adapters.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;

/** Typed, non-throwing reads of an Odoo {@link Record}: problems are collected as violations. */
final class RecordReader {
  private final Record record;
  private final String prefix;
  private final List<Violation> problems;

  RecordReader(Record record, String prefix, List<Violation> problems) {
    this.record = record;
    this.prefix = prefix;
    this.problems = problems;
  }

  RecordReader(Record record) {
    this(record, "", new ArrayList<>());
  }

  List<Violation> problems() {
    return problems;
  }

  Record record() {
    return record;
  }

  RecordReader child(Record r, String path) {
    return new RecordReader(r, path + ".", problems);
  }

  void problem(String field, String code, String message) {
    problems.add(new Violation(prefix + field, code, message));
  }

  boolean has(String field) {
    return record.has(field);
  }

  private <T> Optional<T> safe(String field, Supplier<Optional<T>> read) {
    if (!record.has(field)) {
      return Optional.empty();
    }
    try {
      return read.get();
    } catch (RuntimeException e) {
      problem(field, ViolationCodes.WRONG_TYPE, String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  Optional<String> string(String field) {
    return safe(field, () -> record.getString(field)).filter(s -> !s.isEmpty());
  }

  String required(String field) {
    Optional<String> s = string(field);
    if (s.isEmpty() && problems.stream().noneMatch(v -> v.path().equals(prefix + field))) {
      problem(field, ViolationCodes.REQUIRED, "Odoo value is empty");
    }
    return s.orElse("");
  }

  Optional<Long> id() {
    return record.id() > 0 ? Optional.of(record.id()) : Optional.empty();
  }

  Optional<BigDecimal> decimal(String field) {
    return safe(field, () -> {
      Object raw = record.asMap().get(field);
      if (raw instanceof Double d && !Double.isFinite(d)) {
        problem(field, ViolationCodes.NOT_FINITE, "Odoo sent a non-finite number");
        return Optional.empty();
      }
      return Optional.of(record.getDecimal(field));
    });
  }

  Optional<Long> integer(String field) {
    return safe(field, () -> Optional.of(record.getLong(field)));
  }

  Optional<Boolean> bool(String field) {
    return safe(field, () -> Optional.of(record.getBoolean(field)));
  }

  Optional<Many2one> m2o(String field) {
    return safe(field, () -> record.getMany2one(field));
  }

  Optional<LocalDate> date(String field) {
    return safe(field, () -> record.getDate(field));
  }

  Optional<LocalDate> dateOfDateTime(String field) {
    return safe(field, () -> record.getDateTime(field).map((Instant i) -> i.atZone(ZoneOffset.UTC).toLocalDate()));
  }

  Optional<List<Long>> ids(String field) {
    return safe(field, () -> Optional.of(record.getIds(field)));
  }

  /** The rows of an x2many read expanded (list of dicts), when it was. */
  Optional<List<Record>> expanded(String field) {
    Object v = record.asMap().get(field);
    if (v instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(o -> o instanceof Map<?, ?>)) {
      List<Record> out = new ArrayList<>();
      for (Object o : l) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        out.add(new Record(m));
      }
      return Optional.of(out);
    }
    return Optional.empty();
  }

  /** An analytic distribution ({@code {"12": 100.0}} or {@code {"3,12": 100.0}}): the account ids of its first key. */
  List<Long> analyticAccounts(String field) {
    Object v = record.asMap().get(field);
    List<Long> out = new ArrayList<>();
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      String key = String.valueOf(m.keySet().iterator().next());
      for (String part : key.split(",")) {
        try {
          out.add(Long.parseLong(part.strip()));
        } catch (NumberFormatException e) {
          problem(field, ViolationCodes.WRONG_TYPE, "analytic distribution key is not an id list: " + key);
        }
      }
    } else if (v != null && !Boolean.FALSE.equals(v) && !(v instanceof Map<?, ?>)) {
      problem(field, ViolationCodes.WRONG_TYPE, "analytic distribution is not an object");
    }
    return out;
  }
}
