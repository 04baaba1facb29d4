package org.odoobuild.model.common;

/** A unit symbol that is not in {@link UnitOfMeasure}. */
public class UnknownUnitException extends UnitException {
  private static final long serialVersionUID = 1L;
  private final String unit;

  /** The unknown symbol. */
  public UnknownUnitException(String unit) {
    super("unknown unit of measure '" + Texts.preview(unit) + "'");
    this.unit = unit == null ? "" : unit;
  }

  /** The text that was not recognised. */
  public String unit() {
    return unit;
  }
}
