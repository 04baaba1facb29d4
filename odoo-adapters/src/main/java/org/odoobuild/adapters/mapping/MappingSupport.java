package org.odoobuild.adapters.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.OdooJson;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;

/** Helpers shared by the mappings (reference resolution, value formats, analytic distributions). */
final class MappingSupport {
  /** Time of day used when a canonical date goes into an Odoo datetime (noon UTC: same date in every timezone ±11 h). */
  static final LocalTime NOON = LocalTime.NOON;

  private MappingSupport() {
  }

  static long requireId(MappingContext ctx, String entityType, SourceRef ref, String path) {
    String xid = ExternalIds.of(entityType, ref);
    return ctx.refs().idOf(xid).orElseThrow(() -> MappingException.of(path, ViolationCodes.BAD_REFERENCE,
        "no Odoo record for " + entityType + " " + ref.key() + " (external id " + xid + ")"));
  }

  static <T> T require(Optional<T> v, String path, String what) {
    return v.orElseThrow(() -> MappingException.of(path, ViolationCodes.BAD_REFERENCE, "cannot resolve " + what));
  }

  static long uom(MappingContext ctx, UnitOfMeasure unit, String path) {
    return require(ctx.refs().uomId(unit), path, "unit " + unit.symbol() + " to an Odoo uom.uom");
  }

  static SourceRef ownRef(MappingContext ctx, String model, long id) {
    return ctx.refs().refOf(model, id).orElseGet(() -> odooRef(model, id));
  }

  static SourceRef odooRef(String model, long id) {
    return SourceRef.of("odoo", model + ":" + id);
  }

  /** Analytic distribution {@code {"<ids joined by comma>": 100}} for a cost code (and project account). */
  static Map<String, Object> distribution(MappingContext ctx, String costCode, Optional<Long> projectAccount, String path) {
    long cc = require(ctx.refs().costCodeAccount(costCode), path, "cost code " + costCode + " to an analytic account");
    String key = projectAccount.map(p -> p + "," + cc).orElse(String.valueOf(cc));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, 100);
    return m;
  }

  static Optional<String> costCodeOf(MappingContext ctx, List<Long> accounts) {
    for (Long a : accounts) {
      Optional<String> c = ctx.refs().costCodeOf(a);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  static LocalDateTime atNoon(LocalDate d) {
    return d.atTime(NOON);
  }

  static String odooDateTime(LocalDate d) {
    return d + " 12:00:00";
  }

  static Object orFalse(Optional<?> v) {
    return v.isPresent() ? v.get() : Boolean.FALSE;
  }

  static String text(Optional<?> v) {
    return v.map(MappingSupport::text).orElse("");
  }

  static String text(Object v) {
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return OdooJson.write(v);
    }
    return String.valueOf(v);
  }

  static void checkNoProblems(List<Violation> problems) {
    if (!problems.isEmpty()) {
      throw new MappingException(new ArrayList<>(problems));
    }
  }
}
