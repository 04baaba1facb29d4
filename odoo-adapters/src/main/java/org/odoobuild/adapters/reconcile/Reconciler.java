package org.odoobuild.adapters.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.cases.CaseOpener;
import org.odoobuild.connectors.ops.Drift;
import org.odoobuild.connectors.ops.ReconciliationReport;

/**
 * Compares what a source says with what Odoo has and reports drift (missing, extra,
 * different) without changing anything. The source side is given as key → expected field
 * values (as Odoo would store them); the Odoo side is streamed page by page. With
 * {@link #cases(CaseOpener)}, every drift found becomes a {@code RECONCILIATION_DRIFT} case on the
 * case desk (one per flow, kind and record, however often it is found again), routed by the flow;
 * run it on a schedule with {@code ScheduledReconciliation}.
 * <pre>{@code
 * ReconciliationReport r = Reconciler.of("vendors", Set.of("name", "email"))
 *     .compare(expectedByRef, odoo.model("res.partner"), Query.where(Domain.where("supplier_rank", ">", 0)), rec -> rec.getString("ref").orElse(""));
 * }</pre>
 */
public final class Reconciler {
  private final String flow;
  private final Set<String> fields;
  private final java.util.Optional<CaseOpener> cases;

  private Reconciler(String flow, Set<String> fields, java.util.Optional<CaseOpener> cases) {
    this.flow = Objects.requireNonNull(flow, "flow");
    this.fields = Set.copyOf(fields);
    this.cases = cases;
  }

  /** A reconciler for a data set that compares the given fields. */
  public static Reconciler of(String flow, Set<String> fields) {
    return new Reconciler(flow, fields, java.util.Optional.empty());
  }

  /**
   * A copy that opens a case for every drift it reports.
   *
   * @param desk where drifts become cases (e.g. a {@code CaseDesk})
   * @return the reconciler
   */
  public Reconciler cases(CaseOpener desk) {
    return new Reconciler(flow, fields, java.util.Optional.of(Objects.requireNonNull(desk, "desk")));
  }

  /**
   * Compares expected values with the records of an Odoo model.
   *
   * @param expected key → field values the source says Odoo should have
   * @param model the Odoo model
   * @param scope which Odoo records belong to this data set (its fields are extended as needed)
   * @param keyOf the key of an Odoo record (records with an empty key are ignored)
   */
  public ReconciliationReport compare(Map<String, Map<String, Object>> expected, OdooModel model, Query scope,
      Function<Record, String> keyOf) {
    List<String> read = new ArrayList<>(fields);
    for (String f : scope.fields()) {
      if (!read.contains(f)) {
        read.add(f);
      }
    }
    try (Stream<Record> rows = model.stream(scope.fields(read), 1000)) {
      return compare(expected, rows.iterator(), keyOf);
    }
  }

  /** Compares expected values with any stream of actual records. */
  public ReconciliationReport compare(Map<String, Map<String, Object>> expected, Iterator<Record> actual,
      Function<Record, String> keyOf) {
    long start = System.nanoTime();
    Map<String, Boolean> seen = new HashMap<>(Math.max(16, expected.size() * 2));
    List<Drift> drifts = new ArrayList<>();
    long odooCount = 0;
    long matched = 0;
    while (actual.hasNext()) {
      Record r = actual.next();
      String key = keyOf.apply(r);
      if (key == null || key.isEmpty()) {
        continue;
      }
      odooCount++;
      Map<String, Object> want = expected.get(key);
      if (want == null) {
        drifts.add(new Drift(Drift.Kind.EXTRA, key, Map.of()));
        continue;
      }
      seen.put(key, Boolean.TRUE);
      Map<String, Drift.Difference> diff = new LinkedHashMap<>();
      for (String f : fields) {
        if (!want.containsKey(f)) {
          continue;
        }
        Object have = r.has(f) ? r.asMap().get(f) : null;
        if (!sameValue(want.get(f), have)) {
          diff.put(f, new Drift.Difference(text(want.get(f)), text(have)));
        }
      }
      if (diff.isEmpty()) {
        matched++;
      } else {
        drifts.add(new Drift(Drift.Kind.DIFFERENT, key, diff));
      }
    }
    for (String key : expected.keySet()) {
      if (!seen.containsKey(key)) {
        drifts.add(new Drift(Drift.Kind.MISSING, key, Map.of()));
      }
    }
    ReconciliationReport report = new ReconciliationReport(flow, expected.size(), odooCount, matched, drifts,
        java.time.Duration.ofNanos(System.nanoTime() - start));
    cases.ifPresent(desk -> desk.drifts(report));
    return report;
  }

  /** Equality with Odoo's conventions: false = empty, many2one compares by id, numbers by value. */
  static boolean sameValue(Object want, Object have) {
    Object w = normalize(want);
    Object h = normalize(have);
    if (w instanceof BigDecimal a && h instanceof BigDecimal b) {
      return a.compareTo(b) == 0;
    }
    return Objects.equals(w, h);
  }

  private static Object normalize(Object v) {
    if (v == null || Boolean.FALSE.equals(v) || "".equals(v)) {
      return null;
    }
    if (v instanceof java.util.Optional<?> o) {
      return normalize(o.orElse(null));
    }
    if (v instanceof Many2one m) {
      return BigDecimal.valueOf(m.id());
    }
    if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number n && l.get(1) instanceof String) {
      return BigDecimal.valueOf(n.longValue()); // [id, name]
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    return v;
  }

  private static String text(Object v) {
    Object n = normalize(v);
    return n == null ? "(empty)" : n instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : n.toString();
  }
}
