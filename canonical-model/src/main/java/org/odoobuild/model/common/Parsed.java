package org.odoobuild.model.common;

import java.util.List;
import java.util.Optional;

/**
 * The typed outcome of reading untrusted data (JSON, an Odoo record): the value when it could be
 * built, and every violation found. Never thrown, always returned.
 *
 * @param value the value, present when it could be built (it may still have business-rule
 *     violations, see {@link #isValid()})
 * @param violations every problem found (empty when valid)
 * @param <T> the value type
 */
public record Parsed<T>(Optional<T> value, List<Violation> violations) {

  /** Copies the violations. */
  public Parsed {
    value = value == null ? Optional.empty() : value;
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  /** A value without violations. */
  public static <T> Parsed<T> valid(T value) {
    return new Parsed<>(Optional.of(value), List.of());
  }

  /** No value, these violations. */
  public static <T> Parsed<T> invalid(List<Violation> violations) {
    return new Parsed<>(Optional.empty(), violations);
  }

  /** Whether a value was built and nothing is wrong with it. */
  public boolean isValid() {
    return value.isPresent() && violations.isEmpty();
  }

  /** The violations as a {@link ValidationResult}. */
  public ValidationResult result() {
    return ValidationResult.of(violations);
  }

  /** The value when valid, else throws {@link InvalidDataException} listing the violations. */
  public T orThrow() {
    if (!isValid()) {
      throw new InvalidDataException(violations);
    }
    return value.get();
  }
}
