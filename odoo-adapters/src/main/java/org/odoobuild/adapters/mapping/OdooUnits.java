package org.odoobuild.adapters.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.model.common.UnitOfMeasure;

/**
 * The names Odoo's standard {@code uom.uom} records carry (data of the {@code uom} module, 17
 * and 19) and the canonical unit each one is.
 */
public final class OdooUnits {
  private static final Map<String, UnitOfMeasure> BY_NAME = Map.ofEntries(
      Map.entry("units", UnitOfMeasure.EA), Map.entry("unit", UnitOfMeasure.EA),
      Map.entry("dozens", UnitOfMeasure.DOZ), Map.entry("dozen", UnitOfMeasure.DOZ),
      Map.entry("hours", UnitOfMeasure.H), Map.entry("hour", UnitOfMeasure.H),
      Map.entry("days", UnitOfMeasure.DAY), Map.entry("day", UnitOfMeasure.DAY),
      Map.entry("kg", UnitOfMeasure.KG), Map.entry("g", UnitOfMeasure.G), Map.entry("t", UnitOfMeasure.T),
      Map.entry("lb", UnitOfMeasure.LB), Map.entry("lbs", UnitOfMeasure.LB),
      Map.entry("m", UnitOfMeasure.M), Map.entry("km", UnitOfMeasure.KM), Map.entry("mm", UnitOfMeasure.MM),
      Map.entry("ft", UnitOfMeasure.FT), Map.entry("in", UnitOfMeasure.IN), Map.entry("mi", UnitOfMeasure.MI),
      Map.entry("yd", UnitOfMeasure.YD),
      Map.entry("l", UnitOfMeasure.L), Map.entry("m³", UnitOfMeasure.M3), Map.entry("m3", UnitOfMeasure.M3),
      Map.entry("gal (us)", UnitOfMeasure.GAL), Map.entry("ft³", UnitOfMeasure.CF),
      Map.entry("m²", UnitOfMeasure.M2), Map.entry("m2", UnitOfMeasure.M2), Map.entry("ft²", UnitOfMeasure.SF));

  private OdooUnits() {
  }

  /** The canonical unit for an Odoo unit name, falling back to {@link UnitOfMeasure#parse(String)}. */
  public static Optional<UnitOfMeasure> fromOdooName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    UnitOfMeasure u = BY_NAME.get(name.strip().toLowerCase(Locale.ROOT));
    return u != null ? Optional.of(u) : UnitOfMeasure.parse(name);
  }

  /** The name of the standard Odoo unit for a canonical unit (used for live lookups). */
  public static String odooName(UnitOfMeasure unit) {
    return switch (unit) {
      case EA, LS -> "Units";
      case DOZ -> "Dozens";
      case H -> "Hours";
      case DAY -> "Days";
      case M3 -> "m³";
      case M2 -> "m²";
      case SF -> "ft²";
      case CF -> "ft³";
      case GAL -> "gal (US)";
      default -> unit.symbol();
    };
  }
}
