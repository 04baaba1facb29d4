package org.odoobuild.workflow.jobcost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job cost of a project: budget, committed, actual, remaining and variance per cost code
 * (see {@link JobCostLine}), as a console table, CSV or JSON, and the budget check of the
 * release gate ({@link #refusal}).
 *
 * @param project the project's code
 * @param currency the currency of every amount
 * @param lines one line per cost code, in cost-code order
 */
public record JobCostReport(String project, Currency currency, List<JobCostLine> lines) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates and copies. */
  public JobCostReport {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(currency, "currency");
    lines = List.copyOf(lines);
  }

  /** The line of a cost code. */
  public Optional<JobCostLine> line(String costCode) {
    return lines.stream().filter(l -> l.costCode().equals(costCode)).findFirst();
  }

  /** The sum of every line (cost code {@code total}). */
  public JobCostLine total() {
    JobCostLine t = new JobCostLine("total", "", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    for (JobCostLine l : lines) {
      t = t.plus(l, "total");
    }
    return t;
  }

  /**
   * Why an order charging these amounts per cost code may not be committed: the first cost code
   * whose amount exceeds what is left to commit ({@link JobCostLine#variance()}), with the
   * numbers; empty when every amount fits. A cost code without a line has no budget.
   */
  public Optional<String> refusal(String order, Map<String, BigDecimal> amountsByCostCode) {
    for (Map.Entry<String, BigDecimal> e : amountsByCostCode.entrySet()) {
      JobCostLine l = line(e.getKey()).orElse(new JobCostLine(e.getKey(), "", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
      if (e.getValue().compareTo(l.variance()) > 0) {
        return Optional.of(order + " would commit " + money(e.getValue()) + " " + currency + " on cost code " + e.getKey()
            + " of project " + project + " but only " + money(l.variance().max(BigDecimal.ZERO)) + " of its budget remain ("
            + "budget " + money(l.budget()) + ", committed " + money(l.committed()) + ", actual " + money(l.actual()) + ")");
      }
    }
    return Optional.empty();
  }

  /** A fixed-width table for the console, with a total line. */
  public String table() {
    StringBuilder b = new StringBuilder();
    String fmt = "%-10s %-26s %14s %14s %14s %14s %14s%n";
    b.append(String.format(Locale.ROOT, "Job cost of %s (%s)%n", project, currency));
    b.append(String.format(Locale.ROOT, fmt, "cost code", "name", "budget", "committed", "actual", "remaining", "variance"));
    List<JobCostLine> rows = new ArrayList<>(lines);
    rows.add(total());
    for (JobCostLine l : rows) {
      String name = l.name().length() > 26 ? l.name().substring(0, 25) + "…" : l.name();
      b.append(String.format(Locale.ROOT, fmt, l.costCode(), name, grouped(l.budget()), grouped(l.committed()),
          grouped(l.actual()), grouped(l.remaining()), grouped(l.variance())));
    }
    return b.toString();
  }

  /** CSV with a header row ({@code cost_code,name,budget,committed,actual,remaining,variance}), amounts with 2 decimals. */
  public String csv() {
    StringBuilder b = new StringBuilder("cost_code,name,budget,committed,actual,remaining,variance\n");
    for (JobCostLine l : lines) {
      b.append(csvCell(l.costCode())).append(',').append(csvCell(l.name())).append(',').append(money(l.budget())).append(',')
          .append(money(l.committed())).append(',').append(money(l.actual())).append(',').append(money(l.remaining()))
          .append(',').append(money(l.variance())).append('\n');
    }
    return b.toString();
  }

  /** JSON: project, currency, lines (with remaining and variance) and the total; amounts as numbers with 2 decimals. */
  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("project", project);
    root.put("currency", currency.getCurrencyCode());
    ArrayNode arr = root.putArray("lines");
    lines.forEach(l -> node(arr.addObject(), l));
    node(root.putObject("total"), total());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void node(ObjectNode n, JobCostLine l) {
    n.put("costCode", l.costCode());
    n.put("name", l.name());
    n.put("budget", scaled(l.budget()));
    n.put("committed", scaled(l.committed()));
    n.put("actual", scaled(l.actual()));
    n.put("remaining", scaled(l.remaining()));
    n.put("variance", scaled(l.variance()));
  }

  private static BigDecimal scaled(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_EVEN);
  }

  private static String money(BigDecimal v) {
    return scaled(v).toPlainString();
  }

  private static String grouped(BigDecimal v) {
    return String.format(Locale.ROOT, "%,.2f", scaled(v));
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
