package org.odoobuild.model.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * An exact quantity in a unit of measure. JSON form: {@code {"value": 12.5, "unit": "CY"}}.
 *
 * @param value the amount of units
 * @param unit the unit
 */
public record Quantity(@JsonProperty("value") BigDecimal value, @JsonProperty("unit") UnitOfMeasure unit) {
  /** Precision used for conversions (34 significant digits). */
  public static final MathContext PRECISION = MathContext.DECIMAL128;

  /** Rejects nulls. */
  @JsonCreator
  public Quantity {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
  }

  /** {@code value} of {@code unit}. */
  public static Quantity of(String value, UnitOfMeasure unit) {
    return new Quantity(new BigDecimal(value), unit);
  }

  /** {@code value} of {@code unit}. */
  public static Quantity of(BigDecimal value, UnitOfMeasure unit) {
    return new Quantity(value, unit);
  }

  /** {@code value} of the unit with this symbol; throws {@link UnknownUnitException}. */
  public static Quantity of(String value, String unitSymbol) {
    return new Quantity(new BigDecimal(value), UnitOfMeasure.of(unitSymbol));
  }

  /**
   * The same quantity in another unit (34 significant digits, trailing zeros stripped); throws
   * {@link IncompatibleUnitsException} across dimensions.
   */
  public Quantity convertTo(UnitOfMeasure target) {
    if (target == unit) {
      return this;
    }
    if (!unit.isCompatibleWith(target)) {
      throw new IncompatibleUnitsException(unit, target);
    }
    BigDecimal base = value.multiply(unit.factor(), PRECISION);
    BigDecimal converted = base.divide(target.factor(), PRECISION).stripTrailingZeros();
    if (converted.scale() < 0) {
      converted = converted.setScale(0);
    }
    return new Quantity(converted, target);
  }

  /** The sum, in this quantity's unit; throws {@link IncompatibleUnitsException} across dimensions. */
  public Quantity plus(Quantity other) {
    return new Quantity(value.add(other.convertTo(unit).value), unit);
  }

  /** Compares magnitudes across compatible units; throws {@link IncompatibleUnitsException} otherwise. */
  public int compareMagnitude(Quantity other) {
    return value.compareTo(other.convertTo(unit).value);
  }

  /** Whether the value is below zero (derived: not part of the JSON form). */
  @JsonIgnore
  public boolean isNegative() {
    return value.signum() < 0;
  }

  @Override
  public String toString() {
    return value.toPlainString() + " " + unit.symbol();
  }
}
