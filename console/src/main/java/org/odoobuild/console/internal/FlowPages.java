package org.odoobuild.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.RunRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.console.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flows: status, backlog, lag, dead letters, last runs; pause, resume, run now. */
final class FlowPages {
  private static final Logger LOG = LoggerFactory.getLogger(FlowPages.class);
  private final Settings s;
  private final ExecutorService runs;
  private final Console.Auditor auditor;
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  FlowPages(Settings s, ExecutorService runs, Console.Auditor auditor) {
    this.s = s;
    this.runs = runs;
    this.auditor = auditor;
  }

  private SortedSet<String> names() {
    return s.engine().map(SyncEngine::flowNames).orElseGet(TreeSet::new);
  }

  Reply list(Request r) {
    SyncStore store = s.store();
    Instant now = s.clock().instant();
    boolean operator = r.user.role().includes(Role.OPERATOR);
    StringBuilder b = new StringBuilder("<h1>Flows</h1>");
    if (names().isEmpty()) {
      return Reply.page("Flows", "flows", b.append("<p class=\"muted\">No sync engine is attached to this console."
          + "</p>").toString());
    }
    b.append("<table id=\"flows\"><tr><th>Flow</th><th>Status</th><th class=\"num\">Backlog</th><th>Lag</th>"
        + "<th class=\"num\">Dead letters</th><th>Last run</th><th class=\"num\">Applied</th>"
        + "<th class=\"num\">Dead-lettered</th><th class=\"num\">Rate</th>").append(operator ? "<th>Actions</th>" : "")
        .append("</tr>");
    for (String flow : names()) {
      Map<OutboxStatus, Long> counts = store.outboxCounts(flow);
      boolean paused = store.paused(flow);
      Optional<Instant> due = store.oldestDue(flow);
      List<RunRecord> last = store.runs(flow, 1);
      b.append("<tr data-flow=\"").append(Html.esc(flow)).append("\"><td><a href=\"")
          .append(Html.esc(s.basePath() + "/flows/detail?flow=" + Html.url(flow))).append("\">").append(Html.esc(flow))
          .append("</a></td><td>").append(status(flow, paused)).append("</td><td class=\"num\">")
          .append(counts.get(OutboxStatus.PENDING) + counts.get(OutboxStatus.CLAIMED)).append("</td><td>")
          .append(due.map(d -> Html.age(Duration.between(d, now))).orElse("\u2013")).append("</td><td class=\"num\">")
          .append("<a href=\"").append(Html.esc(s.basePath() + "/dead-letters?flow=" + Html.url(flow))).append("\">")
          .append(counts.get(OutboxStatus.DEAD)).append("</a></td>");
      if (last.isEmpty()) {
        b.append("<td class=\"muted\">never</td><td></td><td></td><td></td>");
      } else {
        RunRecord run = last.get(0);
        b.append("<td>").append(Html.age(Duration.between(run.startedAt(), now))).append(" ago")
            .append(run.completed() ? "" : " <span class=\"badge paused\">stopped early</span>")
            .append("</td><td class=\"num applied\">").append(run.applied()).append("</td><td class=\"num\">")
            .append(run.deadLettered()).append("</td><td class=\"num\">")
            .append(String.format("%.1f/s", run.appliedPerSecond())).append("</td>");
      }
      if (operator) {
        b.append("<td>").append(Html.button(s.basePath() + (paused ? "/flows/resume" : "/flows/pause"), r.csrf,
            Map.of("flow", flow), paused ? "Resume" : "Pause", paused ? "resume" : "pause")).append(' ')
            .append(Html.button(s.basePath() + "/flows/run", r.csrf, Map.of("flow", flow), "Run now", "run"))
            .append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</table><p class=\"muted\">Backlog: outbox entries waiting or in delivery. Lag: how long the "
        + "oldest waiting entry has been due. Rate: records applied per second in the last run.</p>");
    return Reply.page("Flows", "flows", b.toString());
  }

  private String status(String flow, boolean paused) {
    String st = paused ? "<span class=\"badge paused\">paused</span>" : "<span class=\"badge active\">active</span>";
    return running.contains(flow) ? st + " <span class=\"badge\">running</span>" : st;
  }

  Reply detail(Request r) {
    String flow = known(r.param("flow"));
    Instant now = s.clock().instant();
    List<RunRecord> runs = s.store().runs(flow, 50);
    StringBuilder b = new StringBuilder("<h1>Flow ").append(Html.esc(flow)).append("</h1><h2>Last runs</h2>");
    b.append("<table id=\"runs\"><tr><th>Started</th><th>Worker</th><th class=\"num\">Received</th>"
        + "<th class=\"num\">Applied</th><th class=\"num\">Skipped</th><th class=\"num\">Duplicates</th>"
        + "<th class=\"num\">Dead-lettered</th><th class=\"num\">Took</th><th class=\"num\">Rate</th><th></th></tr>");
    for (RunRecord run : runs) {
      b.append("<tr><td title=\"").append(Html.time(run.startedAt())).append("\">")
          .append(Html.age(Duration.between(run.startedAt(), now))).append(" ago</td><td>").append(Html.esc(run.worker()))
          .append("</td><td class=\"num\">").append(run.pulled()).append("</td><td class=\"num\">").append(run.applied())
          .append("</td><td class=\"num\">").append(run.skipped()).append("</td><td class=\"num\">")
          .append(run.duplicates()).append("</td><td class=\"num\">").append(run.deadLettered())
          .append("</td><td class=\"num\">").append(run.elapsed().toMillis()).append(" ms</td><td class=\"num\">")
          .append(String.format("%.1f/s", run.appliedPerSecond())).append("</td><td>")
          .append(run.completed() ? "" : "stopped early").append("</td></tr>");
    }
    if (runs.isEmpty()) {
      b.append("<tr><td colspan=\"10\" class=\"muted\">No runs yet.</td></tr>");
    }
    b.append("</table><p><a href=\"").append(Html.esc(s.basePath() + "/audit?flow=" + Html.url(flow)))
        .append("\">Audit trail of this flow</a></p>");
    return Reply.page("Flow " + flow, "flows", b.toString());
  }

  Reply act(Request r, String what) {
    String flow = known(r.param("flow"));
    String actor = r.user.name();
    switch (what) {
      case "pause" -> {
        s.store().pause(flow, actor);
        return Reply.redirect("/flows", "Paused " + flow + ".");
      }
      case "resume" -> {
        s.store().resume(flow, actor);
        return Reply.redirect("/flows", "Resumed " + flow + ".");
      }
      default -> {
        SyncEngine engine = s.engine().orElseThrow();
        if (!running.add(flow)) {
          return Reply.redirect("/flows", "!" + flow + " is already running.");
        }
        auditor.audit(r.user, "run_requested", flow, "", "", "run now, from the console");
        try {
          runs.execute(() -> {
            try {
              RunReport report = engine.run(flow);
              LOG.info("console run of {} by {}: {}", flow, actor, report.summary());
            } catch (RuntimeException e) {
              LOG.warn("console run of {} by {} failed: {}", flow, actor, e.toString());
            } finally {
              running.remove(flow);
            }
          });
        } catch (RejectedExecutionException e) {
          running.remove(flow);
          throw new HttpError(503, "The console is shutting down.");
        }
        return Reply.redirect("/flows", "Started a run of " + flow + "; its result appears under Last run.");
      }
    }
  }

  private String known(String flow) {
    if (!names().contains(flow)) {
      throw new HttpError(404, "No flow named " + Html.cut(flow, 64) + ".");
    }
    return flow;
  }
}
