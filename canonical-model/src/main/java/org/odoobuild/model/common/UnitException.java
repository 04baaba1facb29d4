package org.odoobuild.model.common;

/** A problem with units of measure (unknown unit, incompatible dimensions). */
public class UnitException extends ModelException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public UnitException(String message) {
    super(message);
  }
}
