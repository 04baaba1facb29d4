package org.odoobuild.model.common;

import java.util.List;

/** Thrown only by explicit "or throw" conveniences; carries the violations found. */
public class InvalidDataException extends ModelException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  /** An exception listing these violations. */
  public InvalidDataException(List<Violation> violations) {
    super(violations.size() + " violation(s): " + violations.stream().limit(10).map(Violation::toString).toList());
    this.violations = List.copyOf(violations);
  }

  /** The violations. */
  public List<Violation> violations() {
    return violations;
  }
}
