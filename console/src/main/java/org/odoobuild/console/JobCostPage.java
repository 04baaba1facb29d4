package org.odoobuild.console;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.odoobuild.workflow.jobcost.JobCostLine;
import org.odoobuild.workflow.jobcost.JobCostReport;

/**
 * The job-cost page: budget, committed, actual, remaining and variance per project and cost code,
 * from whatever computes the reports (e.g. odoo-adapters' {@code OdooJobCost}, asked on every
 * visit — keep it cheap or cached). Read-only; every value is escaped. Thread-safe when the
 * supplier is.
 * <pre>{@code
 * ConsoleServer.builder().page(new JobCostPage(() -> List.of(jobCost.report("P-2024-017"))))
 * }</pre>
 */
public final class JobCostPage implements ConsolePage {
  private final Supplier<? extends Collection<JobCostReport>> reports;

  /** A page over the reports the supplier returns. */
  public JobCostPage(Supplier<? extends Collection<JobCostReport>> reports) {
    this.reports = Objects.requireNonNull(reports, "reports");
  }

  @Override
  public String path() {
    return "job-cost";
  }

  @Override
  public String title() {
    return "Job cost";
  }

  @Override
  public String render(ConsoleUser user, Map<String, String> query) {
    StringBuilder b = new StringBuilder("<h1>Job cost</h1>");
    Collection<JobCostReport> all = reports.get();
    if (all.isEmpty()) {
      return b.append("<p class=\"muted\">No job-cost report.</p>").toString();
    }
    for (JobCostReport r : all) {
      b.append("<h2>").append(ConsolePage.escape(r.project())).append(" (")
          .append(ConsolePage.escape(r.currency().getCurrencyCode())).append(")</h2>")
          .append("<table><thead><tr><th>cost code</th><th>name</th><th>budget</th><th>committed</th><th>actual</th>")
          .append("<th>remaining</th><th>variance</th></tr></thead><tbody>");
      for (JobCostLine l : r.lines()) {
        row(b, l, false);
      }
      row(b, r.total(), true);
      b.append("</tbody></table>");
    }
    return b.toString();
  }

  private static void row(StringBuilder b, JobCostLine l, boolean total) {
    b.append(total ? "<tr class=\"total\">" : "<tr>").append("<td>").append(ConsolePage.escape(l.costCode())).append("</td><td>")
        .append(ConsolePage.escape(l.name())).append("</td>");
    for (BigDecimal v : List.of(l.budget(), l.committed(), l.actual(), l.remaining(), l.variance())) {
      b.append("<td class=\"num").append(v.signum() < 0 ? " negative" : "").append("\">")
          .append(ConsolePage.escape(String.format(java.util.Locale.ROOT, "%,.2f", v))).append("</td>");
    }
    b.append("</tr>");
  }
}
