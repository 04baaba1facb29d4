package org.odoobuild.model.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome of validating canonical data: every {@link Violation} found, in the order found.
 * Valid when there is none.
 */
public final class ValidationResult {
  private static final ValidationResult OK = new ValidationResult(List.of());
  private final List<Violation> violations;

  private ValidationResult(List<Violation> violations) {
    this.violations = List.copyOf(violations);
  }

  /** No violation. */
  public static ValidationResult ok() {
    return OK;
  }

  /** These violations. */
  public static ValidationResult of(List<Violation> violations) {
    return violations.isEmpty() ? OK : new ValidationResult(violations);
  }

  /** A single violation. */
  public static ValidationResult of(String path, String code, String message) {
    return new ValidationResult(List.of(new Violation(path, code, message)));
  }

  /** Whether nothing is wrong. */
  public boolean isValid() {
    return violations.isEmpty();
  }

  /** The violations, in order found (empty when valid). */
  public List<Violation> violations() {
    return violations;
  }

  /** The violations' {@code path + " " + code} pairs, handy for assertions. */
  public Set<String> pathsAndCodes() {
    return violations.stream().map(v -> v.path() + " " + v.code()).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Whether some violation has this code. */
  public boolean hasCode(String code) {
    return violations.stream().anyMatch(v -> v.code().equals(code));
  }

  /** Both results' violations. */
  public ValidationResult and(ValidationResult other) {
    if (other.isValid()) {
      return this;
    }
    if (isValid()) {
      return other;
    }
    List<Violation> all = new ArrayList<>(violations);
    all.addAll(other.violations);
    return new ValidationResult(all);
  }

  /** This result with every path placed under {@code prefix}. */
  public ValidationResult under(String prefix) {
    return of(violations.stream().map(v -> v.under(prefix)).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidationResult r && r.violations.equals(violations);
  }

  @Override
  public int hashCode() {
    return violations.hashCode();
  }

  @Override
  public String toString() {
    return isValid() ? "valid" : "invalid " + violations;
  }
}
