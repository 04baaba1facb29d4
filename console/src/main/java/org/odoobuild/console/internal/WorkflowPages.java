package org.odoobuild.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.odoobuild.console.Role;
import org.odoobuild.workflow.kit.Instance;
import org.odoobuild.workflow.kit.TransitionRecord;
import org.odoobuild.workflow.kit.WorkflowException;

/** Workflow instances on hold or blocked: reason, owner, deadline, history; the allowed actions. */
final class WorkflowPages {
  private static final int LIMIT = 200;
  private final Settings s;
  private final Console.Auditor auditor;

  WorkflowPages(Settings s, Console.Auditor auditor) {
    this.s = s;
    this.auditor = auditor;
  }

  Reply list(Request r) {
    Instant now = s.clock().instant();
    StringBuilder b = new StringBuilder("<h1>Workflows on hold or blocked</h1>");
    for (WorkflowView w : s.workflows()) {
      List<Instance> held = w.held(LIMIT);
      b.append("<h2>").append(Html.esc(w.name())).append(" <span class=\"muted\">(")
          .append(Html.esc(String.join(", ", w.shownStates()))).append(")</span></h2>");
      b.append("<table class=\"instances\" data-workflow=\"").append(Html.esc(w.name())).append("\"><tr><th>Instance</th>"
          + "<th>State</th><th>Reason</th><th>Owner</th><th>Since</th><th>Deadline</th><th>Actions allowed</th></tr>");
      for (Instance i : held) {
        List<TransitionRecord> h = w.history(i.id());
        String reason = h.isEmpty() ? "" : h.get(h.size() - 1).reason();
        b.append("<tr><td><a href=\"").append(Html.esc(link(w, i.id()))).append("\">").append(Html.esc(i.id()))
            .append("</a></td><td>").append(Html.esc(i.state())).append("</td><td>").append(Html.esc(Html.cut(s.masker().text(reason), 140)))
            .append("</td><td>").append(Html.esc(i.variable("owner").orElse(""))).append("</td><td>")
            .append(Html.age(Duration.between(i.updatedAt(), now))).append("</td><td>").append(deadline(i, now))
            .append("</td><td>").append(Html.esc(String.join(", ", w.actions(i.state())))).append("</td></tr>");
      }
      if (held.isEmpty()) {
        b.append("<tr><td colspan=\"7\" class=\"muted\">None.</td></tr>");
      }
      b.append("</table>");
    }
    return Reply.page("Workflows", "workflows", b.toString());
  }

  private String link(WorkflowView w, String id) {
    return s.basePath() + "/workflows/instance?workflow=" + Html.url(w.name()) + "&id=" + Html.url(id);
  }

  private static String deadline(Instance i, Instant now) {
    if (i.deadline().isEmpty()) {
      return "<span class=\"muted\">none</span>";
    }
    Instant d = i.deadline().get();
    String when = Html.time(d);
    return d.isBefore(now) ? "<span class=\"badge dead\">overdue</span> " + when : when;
  }

  Reply detail(Request r) {
    WorkflowView w = view(r.param("workflow"));
    String id = r.param("id");
    Instance i = w.instance(id).orElseThrow(() -> new HttpError(404, "No instance " + Html.cut(id, 64) + "."));
    Instant now = s.clock().instant();
    StringBuilder b = new StringBuilder("<h1>").append(Html.esc(w.name())).append(" ").append(Html.esc(id))
        .append("</h1><dl id=\"instance\"><dt>State</dt><dd id=\"state\">").append(Html.esc(i.state()))
        .append("</dd><dt>Deadline</dt><dd>").append(deadline(i, now)).append("</dd>");
    i.variables().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> b.append("<dt>")
        .append(Html.esc(e.getKey())).append("</dt><dd>").append(Html.esc(s.masker().sensitive(e.getKey())
            ? Masker.MASK : s.masker().text(e.getValue()))).append("</dd>"));
    b.append("</dl>");
    List<String> actions = w.actions(i.state());
    if (r.user.role().includes(Role.OPERATOR) && !actions.isEmpty()) {
      b.append("<form method=\"post\" class=\"bar\" action=\"").append(Html.esc(s.basePath() + "/workflows/fire"))
          .append("\">").append(Html.csrfField(r.csrf)).append("<input type=\"hidden\" name=\"workflow\" value=\"")
          .append(Html.esc(w.name())).append("\"><input type=\"hidden\" name=\"id\" value=\"").append(Html.esc(id))
          .append("\"><input type=\"text\" name=\"reason\" placeholder=\"reason (kept in the history)\" size=\"40\" "
          + "aria-label=\"reason\">");
      for (String a : actions) {
        b.append("<button type=\"submit\" name=\"action\" value=\"").append(Html.esc(a)).append("\">")
            .append(Html.esc(a)).append("</button>");
      }
      b.append("</form>");
    }
    b.append("<h2>History</h2><table id=\"history\"><tr><th>When</th><th>From</th><th>Event</th><th>To</th>"
        + "<th>Who</th><th>Reason</th></tr>");
    for (TransitionRecord t : w.history(id)) {
      b.append("<tr><td>").append(Html.time(t.at())).append("</td><td>").append(Html.esc(t.from())).append("</td><td>")
          .append(Html.esc(t.event())).append("</td><td>").append(Html.esc(t.to())).append("</td><td>")
          .append(Html.esc(t.actor())).append("</td><td>").append(Html.esc(s.masker().text(t.reason())))
          .append("</td></tr>");
    }
    b.append("</table>");
    return Reply.page(w.name() + " " + id, "workflows", b.toString());
  }

  Reply fire(Request r) {
    WorkflowView w = view(r.param("workflow"));
    String id = r.param("id");
    String action = r.param("action");
    String reason = r.param("reason").trim();
    String back = "/workflows/instance?workflow=" + Html.url(w.name()) + "&id=" + Html.url(id);
    Optional<Instance> i = w.instance(id);
    if (i.isEmpty() || !w.actions(i.get().state()).contains(action)) {
      return Reply.redirect(back, "!" + action + " is not allowed here now.");
    }
    if (reason.isEmpty()) {
      return Reply.redirect(back, "!Give a reason; it is kept in the history.");
    }
    try {
      TransitionRecord t = w.fire(id, action, reason, r.user.name());
      auditor.audit(r.user, "workflow_action", "", w.name(), id, action + ": " + t.from() + " -> " + t.to() + "; " + reason);
      return Reply.redirect(back, action + " done: " + t.from() + " \u2192 " + t.to() + ".");
    } catch (WorkflowException | IllegalArgumentException e) {
      return Reply.redirect(back, "!" + action + " refused: " + e.getMessage());
    }
  }

  private WorkflowView view(String name) {
    return s.workflows().stream().filter(w -> w.name().equals(name)).findFirst()
        .orElseThrow(() -> new HttpError(404, "No workflow " + Html.cut(name, 64) + "."));
  }
}
