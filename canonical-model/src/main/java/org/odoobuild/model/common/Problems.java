package org.odoobuild.model.common;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A collector of violations used by the entities' {@code validate()} methods: small helpers for
 * the recurring rules (positive amounts, line currency = header currency, unique line numbers…).
 */
public final class Problems {
  private final List<Violation> found = new ArrayList<>();

  /** Adds one violation. */
  public Problems add(String path, String code, String message) {
    found.add(new Violation(path, code, message));
    return this;
  }

  /** Adds every violation of {@code r}, with paths placed under {@code prefix}. */
  public Problems addAll(String prefix, ValidationResult r) {
    found.addAll(r.under(prefix).violations());
    return this;
  }

  /** The structural rules (text caps, blanks) of the value, see {@link Structure}. */
  public Problems structure(Object value) {
    found.addAll(Structure.check(value).violations());
    return this;
  }

  /** Adds {@code negative} when the number is below zero. */
  public Problems notNegative(String path, BigDecimal n) {
    if (n.signum() < 0) {
      add(path, ViolationCodes.NEGATIVE, "must not be negative, got " + n.toPlainString());
    }
    return this;
  }

  /** Adds {@code not_positive} when the number is zero or below. */
  public Problems positive(String path, BigDecimal n) {
    if (n.signum() <= 0) {
      add(path, n.signum() < 0 ? ViolationCodes.NEGATIVE : ViolationCodes.NOT_POSITIVE,
          "must be positive, got " + n.toPlainString());
    }
    return this;
  }

  /** Adds {@code currency_mismatch} when the money is not in the expected currency. */
  public Problems currency(String path, Money m, java.util.Currency expected) {
    if (!m.currency().equals(expected)) {
      add(path, ViolationCodes.CURRENCY_MISMATCH,
          "currency " + m.currency().getCurrencyCode() + " differs from the document currency " + expected.getCurrencyCode());
    }
    return this;
  }

  /** Adds {@code incompatible_unit} when the quantity's unit is not of the dimension. */
  public Problems dimension(String path, Quantity q, Dimension expected) {
    if (q.unit().dimension() != expected) {
      add(path, ViolationCodes.INCOMPATIBLE_UNIT,
          "unit " + q.unit().symbol() + " is a " + q.unit().dimension().label() + " unit, expected " + expected.label());
    }
    return this;
  }

  /** Adds {@code date_order} when {@code later} is before {@code earlier}. */
  public Problems order(String path, Optional<LocalDate> earlier, Optional<LocalDate> later, String what) {
    if (earlier.isPresent() && later.isPresent() && later.get().isBefore(earlier.get())) {
      add(path, ViolationCodes.DATE_ORDER, what + ": " + later.get() + " is before " + earlier.get());
    }
    return this;
  }

  /** Adds {@code missing_cost_code} when the cost code is absent or blank. */
  public Problems costCode(String path, Optional<String> costCode) {
    if (costCode.isEmpty() || costCode.get().isBlank()) {
      add(path, ViolationCodes.MISSING_COST_CODE, "missing cost code");
    }
    return this;
  }

  /**
   * Adds {@code duplicate} at {@code <listName>[i].<key>} for every element whose key was
   * already used by an earlier element.
   */
  public <T, K> Problems unique(String listName, String key, Collection<T> items, Function<T, K> keyOf) {
    Map<K, Integer> seen = new HashMap<>();
    int i = 0;
    for (T item : items) {
      K k = keyOf.apply(item);
      Integer first = seen.putIfAbsent(k, i);
      if (first != null) {
        add(listName + "[" + i + "]." + key, ViolationCodes.DUPLICATE, key + " " + k + " already used by " + listName + "[" + first + "]");
      }
      i++;
    }
    return this;
  }

  /** Adds {@code required} when a list is empty. */
  public Problems nonEmpty(String path, Collection<?> items, String what) {
    if (items.isEmpty()) {
      add(path, ViolationCodes.REQUIRED, "at least one " + what + " is required");
    }
    return this;
  }

  /** Everything collected. */
  public ValidationResult result() {
    return ValidationResult.of(found);
  }
}
