package org.odoobuild.model.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Units of measure used on construction documents, with exact conversion factors to the base
 * unit of their {@link Dimension}. JSON form: the {@link #symbol()} ({@code "m3"}, {@code "CY"}).
 * {@link #parse(String)} also accepts common aliases ({@code "sq ft"}, {@code "m²"},
 * {@code "units"}, {@code "hrs"}…), case-insensitively.
 */
public enum UnitOfMeasure {
  /** Metre. */
  M("m", Dimension.LENGTH, "1", "meter", "metre", "meters", "metres"),
  /** Millimetre. */
  MM("mm", Dimension.LENGTH, "0.001", "millimeter", "millimetre"),
  /** Kilometre. */
  KM("km", Dimension.LENGTH, "1000", "kilometer", "kilometre"),
  /** Inch. */
  IN("in", Dimension.LENGTH, "0.0254", "inch", "inches"),
  /** International foot. */
  FT("ft", Dimension.LENGTH, "0.3048", "foot", "feet"),
  /** Linear foot (the estimating term; same length as a foot). */
  LF("LF", Dimension.LENGTH, "0.3048", "lin ft", "linear foot", "linear feet"),
  /** Yard. */
  YD("yd", Dimension.LENGTH, "0.9144", "yard", "yards"),
  /** Statute mile. */
  MI("mi", Dimension.LENGTH, "1609.344", "mile", "miles"),
  /** Square metre. */
  M2("m2", Dimension.AREA, "1", "m²", "sqm", "sq m", "square meter", "square metre"),
  /** Square foot. */
  SF("SF", Dimension.AREA, "0.09290304", "ft2", "ft²", "sq ft", "sqft", "square foot", "square feet"),
  /** Square yard. */
  SY("SY", Dimension.AREA, "0.83612736", "yd2", "sq yd", "square yard"),
  /** Hectare. */
  HA("ha", Dimension.AREA, "10000", "hectare"),
  /** Cubic metre. */
  M3("m3", Dimension.VOLUME, "1", "m³", "cu m", "cubic meter", "cubic metre"),
  /** Litre. */
  L("L", Dimension.VOLUME, "0.001", "liter", "litre", "liters", "litres"),
  /** US liquid gallon. */
  GAL("gal", Dimension.VOLUME, "0.003785411784", "gallon", "gallons", "usg"),
  /** Cubic foot. */
  CF("CF", Dimension.VOLUME, "0.028316846592", "ft3", "ft³", "cu ft", "cubic foot", "cubic feet"),
  /** Cubic yard (also written yd3). */
  CY("CY", Dimension.VOLUME, "0.764554857984", "yd3", "yd³", "cu yd", "cubic yard", "cubic yards"),
  /** Kilogram. */
  KG("kg", Dimension.MASS, "1", "kilogram", "kilograms", "kgs"),
  /** Gram. */
  G("g", Dimension.MASS, "0.001", "gram", "grams"),
  /** Metric tonne (1000 kg). */
  T("t", Dimension.MASS, "1000", "tonne", "tonnes", "metric ton"),
  /** Avoirdupois pound. */
  LB("lb", Dimension.MASS, "0.45359237", "lbs", "pound", "pounds"),
  /** US short ton (2000 lb). */
  TON("ton", Dimension.MASS, "907.18474", "short ton", "us ton", "tons"),
  /** Minute. */
  MIN("min", Dimension.TIME, "0.016666666666666666666666666666666667", "minute", "minutes", "mins"),
  /** Hour. */
  H("h", Dimension.TIME, "1", "hr", "hrs", "hour", "hours"),
  /** Day (24 hours). */
  DAY("day", Dimension.TIME, "24", "d", "days"),
  /** Week (7 days). */
  WK("wk", Dimension.TIME, "168", "week", "weeks"),
  /** Each (one counted item). */
  EA("ea", Dimension.COUNT, "1", "each", "unit", "units", "pc", "pcs", "piece", "pieces", "no", "nr"),
  /** Dozen. */
  DOZ("doz", Dimension.COUNT, "12", "dozen"),
  /** Lump sum (one whole item of work, counted). */
  LS("LS", Dimension.COUNT, "1", "lump sum", "lot");

  private static final Map<String, UnitOfMeasure> BY_NAME = new HashMap<>();

  static {
    for (UnitOfMeasure u : values()) {
      BY_NAME.put(u.symbol.toLowerCase(Locale.ROOT), u);
      BY_NAME.put(u.name().toLowerCase(Locale.ROOT), u);
      for (String a : u.aliases) {
        BY_NAME.put(a.toLowerCase(Locale.ROOT), u);
      }
    }
  }

  private final String symbol;
  private final Dimension dimension;
  private final BigDecimal factor;
  private final List<String> aliases;

  UnitOfMeasure(String symbol, Dimension dimension, String factor, String... aliases) {
    this.symbol = symbol;
    this.dimension = dimension;
    this.factor = new BigDecimal(factor);
    this.aliases = List.of(aliases);
  }

  /** The canonical symbol, also the JSON form. */
  @JsonValue
  public String symbol() {
    return symbol;
  }

  /** The dimension. */
  public Dimension dimension() {
    return dimension;
  }

  /** How many base units of the dimension one of this unit is (exact, e.g. ft → 0.3048 m). */
  public BigDecimal factor() {
    return factor;
  }

  /** Accepted aliases (besides the symbol and the enum name). */
  public List<String> aliases() {
    return aliases;
  }

  /** Whether quantities in the two units can be converted into each other. */
  public boolean isCompatibleWith(UnitOfMeasure other) {
    return dimension == other.dimension;
  }

  /** The unit with this symbol or alias (case-insensitive, surrounding blanks and a trailing dot ignored). */
  public static Optional<UnitOfMeasure> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String k = text.strip().toLowerCase(Locale.ROOT);
    if (k.endsWith(".")) {
      k = k.substring(0, k.length() - 1);
    }
    return Optional.ofNullable(BY_NAME.get(k));
  }

  /** Like {@link #parse(String)} but throws {@link UnknownUnitException}. */
  @JsonCreator
  public static UnitOfMeasure of(String text) {
    return parse(text).orElseThrow(() -> new UnknownUnitException(text));
  }
}
