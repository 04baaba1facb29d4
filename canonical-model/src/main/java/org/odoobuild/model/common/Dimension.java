package org.odoobuild.model.common;

/** The physical dimension of a unit of measure; units only convert within one dimension. */
public enum Dimension {
  /** Length, base unit metre. */
  LENGTH("length", "m"),
  /** Area, base unit square metre. */
  AREA("area", "m2"),
  /** Volume, base unit cubic metre. */
  VOLUME("volume", "m3"),
  /** Mass, base unit kilogram. */
  MASS("mass", "kg"),
  /** Time (durations), base unit hour. */
  TIME("time", "h"),
  /** Counted items, base unit each. */
  COUNT("count", "ea");

  private final String label;
  private final String base;

  Dimension(String label, String base) {
    this.label = label;
    this.base = base;
  }

  /** Lower-case name used in messages. */
  public String label() {
    return label;
  }

  /** Symbol of the base unit conversions go through. */
  public String baseSymbol() {
    return base;
  }
}
