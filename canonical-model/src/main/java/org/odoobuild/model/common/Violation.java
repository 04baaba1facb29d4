package org.odoobuild.model.common;

import java.util.Objects;

/**
 * One problem found in canonical data.
 *
 * @param path where, as a JSON-style path relative to the checked record, e.g.
 *     {@code lines[2].costCode} ({@code ""} for the record itself); list indexes are 0-based
 * @param code a stable machine-readable code, see {@link ViolationCodes}
 * @param message a human-readable explanation
 */
public record Violation(String path, String code, String message) {

  /** Rejects nulls (a violation always says where, what and why). */
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** This violation with its path placed under {@code prefix}. */
  public Violation under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return new Violation(prefix, code, message);
    }
    return new Violation(path.startsWith("[") ? prefix + path : prefix + "." + path, code, message);
  }

  @Override
  public String toString() {
    return (path.isEmpty() ? "<root>" : path) + ": " + code + " (" + message + ")";
  }
}
