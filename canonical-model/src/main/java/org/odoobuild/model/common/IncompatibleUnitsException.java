package org.odoobuild.model.common;

/** A conversion or arithmetic between units of different dimensions (e.g. kg to m3). */
public class IncompatibleUnitsException extends UnitException {
  private static final long serialVersionUID = 1L;
  private final UnitOfMeasure from;
  private final UnitOfMeasure to;

  /** The two units involved. */
  public IncompatibleUnitsException(UnitOfMeasure from, UnitOfMeasure to) {
    super("cannot convert " + from.symbol() + " (" + from.dimension().label() + ") to " + to.symbol() + " ("
        + to.dimension().label() + ")");
    this.from = from;
    this.to = to;
  }

  /** The source unit. */
  public UnitOfMeasure from() {
    return from;
  }

  /** The target unit. */
  public UnitOfMeasure to() {
    return to;
  }
}
