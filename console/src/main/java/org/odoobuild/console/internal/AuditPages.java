package org.odoobuild.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.odoobuild.connectors.ops.Drift;
import org.odoobuild.connectors.ops.ReconciliationReport;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;

/** Audit search (correlation id, record key, entity, flow, action) and reconciliation drift reports. */
final class AuditPages {
  private static final int LIMIT = 200;
  private static final int DRIFTS_SHOWN = 200;
  private final Settings s;

  AuditPages(Settings s) {
    this.s = s;
  }

  Reply search(Request r) {
    Map<String, String> f = Map.of("correlation", r.param("correlation").trim(), "key", r.param("key").trim(),
        "entity", r.param("entity").trim(), "flow", r.param("flow").trim(), "action", r.param("action").trim());
    AuditQuery.Builder q = AuditQuery.builder().newestFirst().limit(LIMIT);
    if (!f.get("correlation").isEmpty()) {
      q.correlationId(f.get("correlation"));
    }
    if (!f.get("key").isEmpty()) {
      q.entityKey(f.get("key"));
    }
    if (!f.get("entity").isEmpty()) {
      q.entityType(f.get("entity"));
    }
    if (!f.get("flow").isEmpty()) {
      q.flow(f.get("flow"));
    }
    if (!f.get("action").isEmpty()) {
      q.action(f.get("action"));
    }
    StringBuilder b = new StringBuilder("<h1>Audit trail</h1><form method=\"get\" class=\"bar\" id=\"audit-search\" "
        + "action=\"").append(Html.esc(s.basePath() + "/audit")).append("\">");
    field(b, "correlation", "Correlation id", f);
    field(b, "key", "Record key", f);
    field(b, "entity", "Entity", f);
    field(b, "flow", "Flow", f);
    field(b, "action", "Action", f);
    b.append("<button type=\"submit\" class=\"secondary\">Search</button></form><p class=\"muted\">Newest first, at most ")
        .append(LIMIT).append(" lines.</p>");
    b.append(table(lines(s, q.build()), s.masker(), s.clock().instant()));
    return Reply.page("Audit", "audit", b.toString());
  }

  private static void field(StringBuilder b, String name, String label, Map<String, String> values) {
    b.append("<label>").append(Html.esc(label)).append(" <input type=\"text\" name=\"").append(name).append("\" value=\"")
        .append(Html.esc(values.get(name))).append("\"></label>");
  }

  /**
   * Audit lines, newest first. A record appears in the trail under three keys: the engine's
   * record key ({@code system:id:revision}), the record's idempotency key
   * ({@code type/system:id:revision}) and the store's outbox key ({@code flow|type/system:id:revision});
   * a search by any of them finds the lines of all three.
   */
  static List<AuditEntry> lines(Settings s, AuditQuery q) {
    if (q.entityKey().isEmpty()) {
      return s.store().audit(q);
    }
    String key = q.entityKey().get();
    String record = key.substring(key.indexOf('|') + 1);
    record = record.substring(record.indexOf('/') + 1);
    java.util.Set<String> keys = new java.util.LinkedHashSet<>(List.of(key, record));
    for (AuditEntry a : s.store().audit(AuditQuery.builder().entityKey(record).newestFirst().limit(50).build())) {
      if (!a.entityType().isEmpty()) {
        keys.add(a.entityType() + "/" + record);
        if (!a.flow().isEmpty()) {
          keys.add(a.flow() + "|" + a.entityType() + "/" + record);
        }
      }
    }
    List<AuditEntry> all = new java.util.ArrayList<>();
    for (String k : keys) {
      all.addAll(s.store().audit(new AuditQuery(q.flow(), q.entityType(), java.util.Optional.of(k), q.correlationId(),
          q.action(), q.since(), q.until(), q.limit(), true)));
    }
    all.sort(java.util.Comparator.comparing(AuditEntry::at).reversed());
    return all.size() <= q.limit() ? all : all.subList(0, q.limit());
  }

  /** Audit lines as a table; before/after JSON and free text are masked. */
  static String table(List<AuditEntry> lines, Masker masker, Instant now) {
    StringBuilder b = new StringBuilder("<table class=\"audit\"><tr><th>When</th><th>Who</th><th>Action</th><th>Flow</th>"
        + "<th>Entity</th><th>Record</th><th>Correlation</th><th>Detail</th><th>Change</th></tr>");
    for (AuditEntry a : lines) {
      String change = a.before().isEmpty() && a.after().isEmpty() ? ""
          : (a.before().isEmpty() ? "" : masker.json(a.before()) + " \u2192 ") + masker.json(a.after());
      b.append("<tr><td title=\"").append(Html.time(a.at())).append("\">").append(Html.age(Duration.between(a.at(), now)))
          .append(" ago</td><td class=\"actor\">").append(Html.esc(a.actor())).append("</td><td class=\"action\">")
          .append(Html.esc(a.action())).append("</td><td>").append(Html.esc(a.flow())).append("</td><td>")
          .append(Html.esc(a.entityType())).append("</td><td><code>").append(Html.esc(Html.cut(a.entityKey(), 60)))
          .append("</code></td><td><code>").append(Html.esc(a.correlationId())).append("</code></td><td>")
          .append(Html.esc(Html.cut(masker.text(a.detail()), 200))).append("</td><td><code>")
          .append(Html.esc(Html.cut(change, 200)))
          .append("</code></td></tr>");
    }
    if (lines.isEmpty()) {
      b.append("<tr><td colspan=\"9\" class=\"muted\">No audit lines match.</td></tr>");
    }
    return b.append("</table>").toString();
  }

  Reply reconciliation(Request r) {
    Collection<ReconciliationReport> reports = s.reconciliation().orElseThrow(() -> new HttpError(404, "Not found."))
        .get();
    StringBuilder b = new StringBuilder("<h1>Reconciliation</h1>");
    if (reports.isEmpty()) {
      b.append("<p class=\"muted\">No reconciliation has run yet.</p>");
    }
    for (ReconciliationReport rep : reports) {
      b.append("<h2>").append(Html.esc(rep.flow())).append(rep.inSync() ? " <span class=\"badge active\">in sync</span>"
          : " <span class=\"badge dead\">drift</span>").append("</h2><p>").append(Html.esc(rep.summary())).append("</p>");
      if (rep.inSync()) {
        continue;
      }
      b.append("<table class=\"drift\"><tr><th>Kind</th><th>Record</th><th>Field</th><th>Source</th><th>Odoo</th>"
          + "</tr>");
      int shown = 0;
      for (Drift d : rep.drifts()) {
        if (shown++ == DRIFTS_SHOWN) {
          break;
        }
        String audit = s.basePath() + "/audit?key=" + Html.url(d.key());
        if (d.fields().isEmpty()) {
          b.append("<tr><td>").append(d.kind()).append("</td><td><a href=\"").append(Html.esc(audit)).append("\">")
              .append(Html.esc(d.key())).append("</a></td><td></td><td></td><td></td></tr>");
        }
        d.fields().forEach((field, diff) -> {
          boolean hide = s.masker().sensitive(field);
          b.append("<tr><td>").append(d.kind()).append("</td><td><a href=\"").append(Html.esc(audit)).append("\">")
              .append(Html.esc(d.key())).append("</a></td><td>").append(Html.esc(field)).append("</td><td>")
              .append(Html.esc(hide ? Masker.MASK : s.masker().text(diff.source()))).append("</td><td>")
              .append(Html.esc(hide ? Masker.MASK : s.masker().text(diff.odoo()))).append("</td></tr>");
        });
      }
      b.append("</table>");
      if (rep.drifts().size() > DRIFTS_SHOWN) {
        b.append("<p class=\"muted\">").append(rep.drifts().size() - DRIFTS_SHOWN).append(" more not shown.</p>");
      }
    }
    return Reply.page("Reconciliation", "reconciliation", b.toString());
  }
}
