package org.odoobuild.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.DeadLetterQuery;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.console.Role;

/** Dead letters: paged list with filters, one with its masked payload; replay one or many; route to an owner. */
final class DeadLetterPages {
  static final int PAGE = 50;
  /** The owner filter value that means "routed to nobody". */
  static final String NOBODY = "-";
  private final Settings s;

  DeadLetterPages(Settings s) {
    this.s = s;
  }

  Reply list(Request r) {
    String flow = r.param("flow");
    String type = r.param("type");
    String owner = r.param("owner");
    long after = number(r.param("after"));
    DeadLetterQuery.Builder q = DeadLetterQuery.builder().afterId(after).limit(PAGE);
    if (!flow.isEmpty()) {
      q.flow(flow);
    }
    if (!type.isEmpty()) {
      q.errorType(type);
    }
    if (!owner.isEmpty()) {
      q.owner(owner.equals(NOBODY) ? "" : owner);
    }
    List<DeadLetter> page = s.store().deadLetters(q.build());
    boolean operator = r.user.role().includes(Role.OPERATOR);
    Instant now = s.clock().instant();
    String base = s.basePath();
    StringBuilder b = new StringBuilder("<h1>Dead letters</h1>");
    b.append("<p class=\"muted\" id=\"totals\">").append(totals(flow)).append("</p>");
    b.append("<form method=\"get\" class=\"bar\" action=\"").append(Html.esc(base + "/dead-letters")).append("\">")
        .append("<label>Flow <select name=\"flow\"><option value=\"\">all</option>");
    s.engine().ifPresent(e -> e.flowNames().forEach(f -> b.append("<option").append(f.equals(flow) ? " selected" : "")
        .append(" value=\"").append(Html.esc(f)).append("\">").append(Html.esc(f)).append("</option>")));
    b.append("</select></label><label>Error type <input type=\"text\" name=\"type\" value=\"").append(Html.esc(type))
        .append("\"></label><label>Owner <input type=\"text\" name=\"owner\" placeholder=\"- for nobody\" value=\"")
        .append(Html.esc(owner)).append("\"></label><button type=\"submit\" class=\"secondary\">Filter</button></form>");
    if (operator) {
      b.append("<form method=\"post\" action=\"").append(Html.esc(base + "/dead-letters/replay")).append("\">")
          .append(Html.csrfField(r.csrf)).append("<input type=\"hidden\" name=\"flow\" value=\"").append(Html.esc(flow))
          .append("\">");
    }
    b.append("<table id=\"dead-letters\"><tr>").append(operator ? "<th></th>" : "").append("<th>Id</th><th>Flow</th>"
        + "<th>Event</th><th>Record</th><th>Error</th><th>Reason</th><th>Owner</th><th class=\"num\">Attempts</th>"
        + "<th>Age</th></tr>");
    for (DeadLetter d : page) {
      List<String> secrets = s.masker().secretsIn(d.payload(), d.headers());
      b.append("<tr data-id=\"").append(d.id()).append("\">");
      if (operator) {
        b.append("<td><input type=\"checkbox\" name=\"id\" value=\"").append(d.id()).append("\" aria-label=\"select ")
            .append(d.id()).append("\"></td>");
      }
      b.append("<td><a href=\"").append(Html.esc(base + "/dead-letters/" + d.id())).append("\">").append(d.id())
          .append("</a></td><td>").append(Html.esc(d.flow())).append("</td><td>")
          .append(Html.esc(d.headers().getOrDefault("event_type", ""))).append("</td><td><code>")
          .append(Html.esc(Html.cut(s.masker().hide(record(d), secrets), 60))).append("</code></td><td>")
          .append(Html.esc(d.errorType())).append("</td><td class=\"reason\">")
          .append(Html.esc(Html.cut(s.masker().hide(reason(d), secrets), 140))).append("</td><td>")
          .append(d.owner().isEmpty() ? "<span class=\"muted\">nobody</span>" : Html.esc(d.owner()))
          .append("</td><td class=\"num\">").append(d.attempts()).append("</td><td>")
          .append(Html.age(Duration.between(d.firstFailureAt(), now))).append("</td></tr>");
    }
    if (page.isEmpty()) {
      b.append("<tr><td colspan=\"10\" class=\"muted\">No dead letters").append(after > 0 ? " after this point" : "")
          .append(".</td></tr>");
    }
    b.append("</table>");
    if (operator) {
      b.append("<div class=\"bar\"><button type=\"submit\" name=\"replay\" id=\"replay-selected\">Replay selected"
          + "</button><span class=\"muted\">or route selected to</span><input type=\"text\" name=\"owner\" "
          + "placeholder=\"owner\" aria-label=\"owner\"><button type=\"submit\" class=\"secondary\" formaction=\"")
          .append(Html.esc(base + "/dead-letters/route")).append("\" name=\"route\">Route</button></div></form>");
    }
    b.append("<div class=\"bar\">");
    String filters = "flow=" + Html.url(flow) + "&type=" + Html.url(type) + "&owner=" + Html.url(owner);
    if (after > 0) {
      b.append("<a href=\"").append(Html.esc(base + "/dead-letters?" + filters)).append("\">First page</a>");
    }
    if (page.size() == PAGE) {
      b.append("<a id=\"next-page\" href=\"").append(Html.esc(base + "/dead-letters?" + filters + "&after="
          + page.get(page.size() - 1).id())).append("\">Next page</a>");
    }
    b.append("</div>");
    return Reply.page("Dead letters", "dead-letters", b.toString());
  }

  private String totals(String flow) {
    if (s.engine().isEmpty()) {
      return "";
    }
    long total = 0;
    for (String f : s.engine().get().flowNames()) {
      if (flow.isEmpty() || flow.equals(f)) {
        total += s.store().outboxCounts(f).get(OutboxStatus.DEAD);
      }
    }
    return total + " dead letter" + (total == 1 ? "" : "s") + (flow.isEmpty() ? " in all flows" : " in " + flow)
        + ", oldest first, " + PAGE + " a page.";
  }

  /** The error message without the error type it starts with by convention ({@code "Type: message"}). */
  private static String reason(DeadLetter d) {
    String m = d.errorMessage();
    String prefix = d.errorType() + ": ";
    return m.startsWith(prefix) && m.length() > prefix.length() ? m.substring(prefix.length()) : m;
  }

  private static String record(DeadLetter d) {
    String system = d.headers().getOrDefault("source_system", "");
    String id = d.headers().getOrDefault("source_id", "");
    return id.isEmpty() ? d.idempotencyKey() : system.isEmpty() ? id : system + ":" + id;
  }

  Reply detail(Request r, String idText) {
    long id = number(idText);
    Optional<DeadLetter> found = s.store().deadLetter(id);
    if (found.isEmpty()) {
      throw new HttpError(404, "No dead letter " + id + " (it may have been replayed or discarded).");
    }
    DeadLetter d = found.get();
    List<String> secrets = s.masker().secretsIn(d.payload(), d.headers());
    Instant now = s.clock().instant();
    boolean operator = r.user.role().includes(Role.OPERATOR);
    String base = s.basePath();
    StringBuilder b = new StringBuilder("<h1>Dead letter ").append(id).append("</h1><dl id=\"summary\">");
    row(b, "Flow", d.flow());
    row(b, "Event", d.headers().getOrDefault("event_type", ""));
    row(b, "Record", s.masker().hide(record(d), secrets));
    row(b, "Idempotency key", s.masker().hide(d.idempotencyKey(), secrets));
    row(b, "Ordering key", d.orderingKey().isEmpty() ? "none" : s.masker().hide(d.orderingKey(), secrets));
    row(b, "Error type", d.errorType());
    row(b, "Reason", s.masker().hide(reason(d), secrets));
    row(b, "Owner", d.owner().isEmpty() ? "nobody" : d.owner());
    row(b, "Attempts", String.valueOf(d.attempts()));
    row(b, "First failure", Html.time(d.firstFailureAt()) + " (" + Html.age(Duration.between(d.firstFailureAt(), now))
        + " ago)");
    row(b, "Last failure", Html.time(d.lastFailureAt()));
    b.append("</dl>");
    if (operator) {
      b.append("<div class=\"bar\">").append(Html.button(base + "/dead-letters/replay", r.csrf,
          Map.of("id", String.valueOf(id)), "Replay", "replay")).append("<form class=\"inline\" method=\"post\" action=\"")
          .append(Html.esc(base + "/dead-letters/route")).append("\">").append(Html.csrfField(r.csrf))
          .append("<input type=\"hidden\" name=\"id\" value=\"").append(id).append("\"><input type=\"text\" "
          + "name=\"owner\" placeholder=\"owner\" aria-label=\"owner\"><button type=\"submit\" class=\"secondary\" "
          + "name=\"route\">Route</button></form></div>");
    }
    b.append("<h2>Payload</h2><pre id=\"payload\">").append(Html.esc(s.masker().payload(d.payload()))).append("</pre>");
    b.append("<h2>Headers</h2><table id=\"headers\">");
    s.masker().headers(d.headers()).forEach((k, v) -> b.append("<tr><th>").append(Html.esc(k)).append("</th><td>")
        .append(Html.esc(s.masker().hide(v, secrets))).append("</td></tr>"));
    b.append("</table><h2>Audit trail of this record</h2>");
    List<AuditEntry> lines = AuditPages.lines(s, AuditQuery.builder().entityKey(d.idempotencyKey()).newestFirst()
        .limit(50).build());
    Masker hiding = s.masker();
    b.append(AuditPages.table(lines.stream().map(a -> a.withDetail(hiding.hide(a.detail(), secrets))).toList(), hiding,
        now));
    return Reply.page("Dead letter " + id, "dead-letters", b.toString());
  }

  private static void row(StringBuilder b, String name, String value) {
    b.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(Html.esc(value)).append("</dd>");
  }

  Reply replay(Request r) {
    List<Long> ids = Console.ids(r);
    if (ids.isEmpty()) {
      return Reply.redirect(back(r), "!Select the dead letters to replay.");
    }
    int n = 0;
    for (long id : ids) {
      if (s.store().replay(id, r.user.name())) {
        n++;
      }
    }
    return Reply.redirect(back(r), "Replayed " + n + " dead letter" + (n == 1 ? "" : "s")
        + (n < ids.size() ? " (" + (ids.size() - n) + " no longer dead)" : "")
        + "; the flow applies them on its next run.");
  }

  Reply route(Request r) {
    List<Long> ids = Console.ids(r);
    String owner = r.param("owner").trim();
    if (ids.isEmpty() || owner.isEmpty() || owner.length() > 128 || owner.chars().anyMatch(Character::isISOControl)) {
      return Reply.redirect(back(r), "!Select dead letters and name an owner (up to 128 characters).");
    }
    int n = s.store().route(ids, owner, r.user.name());
    return Reply.redirect(back(r), "Routed " + n + " dead letter" + (n == 1 ? "" : "s") + " to " + owner + ".");
  }

  private String back(Request r) {
    String flow = r.param("flow");
    return flow.isEmpty() ? "/dead-letters" : "/dead-letters?flow=" + Html.url(flow);
  }

  private static long number(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    try {
      long v = Long.parseLong(text);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new HttpError(400, "Not a dead-letter id: " + Html.cut(text, 40));
    }
  }
}
