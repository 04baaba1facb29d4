package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.adapters.internal.InstalledModels;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetLine;
import org.odoobuild.workflow.jobcost.BudgetStore;
import org.odoobuild.workflow.jobcost.InMemoryBudgetStore;
import org.odoobuild.workflow.jobcost.JobCostLine;
import org.odoobuild.workflow.jobcost.JobCostReport;
import org.odoobuild.workflow.procurement.BudgetCheck;

/**
 * Job cost of a project from Odoo, per cost code (see {@link JobCostLine}):
 *
 * <ul>
 *   <li><b>actual</b>: {@code read_group} of {@code account.analytic.line} amounts (a cost is
 *       negative there) on the project's account ({@code account_id}) grouped by the cost-code
 *       plan's column ({@code x_plan<id>_id}, found with {@code fields_get});</li>
 *   <li><b>committed</b>: lines of confirmed purchase orders charged to the project: ordered minus
 *       posted-billed quantity ({@code read_group} of bill lines by {@code purchase_line_id}) at
 *       the order price, shared out by their analytic distribution;</li>
 *   <li><b>budget</b>: Odoo's budget lines ({@code budget.line}, Odoo 18+ with Accounting) when the
 *       database has that model ({@link #budgetModel()}, asked from {@code ir.model}), otherwise
 *       the SDK's {@link BudgetStore}.</li>
 * </ul>
 * {@link #budgetCheck(SourceRef)} is the release gate's budget guard. Thread-safe when its client
 * and budget store are.
 */
public final class OdooJobCost {
  /** The budget model of Odoo 18+ (Accounting): lines with one column per analytic plan. */
  public static final String ODOO_BUDGET_LINES = "budget.line";
  private static final String ANALYTIC_LINE = "account.analytic.line";
  private final OdooClient odoo;
  private final MappingContext ctx;
  private final Analytics analytics;
  private final BudgetStore budgets;

  private OdooJobCost(Builder b) {
    this.odoo = b.odoo;
    this.ctx = MappingContext.live(b.odoo, b.known);
    this.analytics = new Analytics(b.odoo, ctx);
    this.budgets = b.budgets;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** Odoo's budget model when the database has one ({@value #ODOO_BUDGET_LINES}), else empty: budgets come from the store. */
  public Optional<String> budgetModel() {
    return InstalledModels.find(odoo, ODOO_BUDGET_LINES);
  }

  /** The job cost of a project (by its canonical reference; its analytic account was written by the SDK). */
  public JobCostReport report(SourceRef project) {
    long account = projectAccount(project);
    String code = odoo.model("account.analytic.account").read(account, "code").flatMap(r -> r.getString("code")).orElse(project.id());
    Map<Long, String[]> costCodes = analytics.costCodeAccounts();
    Map<String, BigDecimal> budget = budget(project, account, costCodes);
    Map<String, BigDecimal> actual = actual(account, costCodes);
    Map<String, BigDecimal> committed = committed(account, costCodes);
    Map<String, String> names = new LinkedHashMap<>();
    costCodes.values().forEach(c -> names.put(c[0], c[1]));
    TreeMap<String, JobCostLine> lines = new TreeMap<>();
    for (Map<String, BigDecimal> m : List.of(budget, committed, actual)) {
      m.keySet().forEach(cc -> lines.computeIfAbsent(cc, k -> new JobCostLine(k, names.getOrDefault(k, ""), budget.getOrDefault(k,
          BigDecimal.ZERO), committed.getOrDefault(k, BigDecimal.ZERO), actual.getOrDefault(k, BigDecimal.ZERO))));
    }
    return new JobCostReport(code, budgets.find(project).map(Budget::currency).orElse(ctx.refs().companyCurrency()),
        new ArrayList<>(lines.values()));
  }

  /**
   * The release gate's budget guard for orders of a project: an order (Odoo id, as the gate's
   * {@code po} variable) is refused when what it would commit on a cost code exceeds what is left
   * to commit there. Confirmed orders are already counted as committed and pass.
   */
  public BudgetCheck budgetCheck(SourceRef project) {
    return po -> {
      long id = Long.parseLong(po);
      Record order = odoo.model("purchase.order").read(List.of(id), List.of("name", "state")).stream().findFirst()
          .orElseThrow(() -> new AdapterException("purchase.order " + id + " does not exist"));
      if (OdooOrders.CONFIRMED.contains(order.getString("state").orElse(""))) {
        return Optional.empty();
      }
      long account = projectAccount(project);
      Map<Long, String[]> costCodes = analytics.costCodeAccounts();
      Map<String, BigDecimal> amounts = new TreeMap<>();
      for (Record l : odoo.model("purchase.order.line").searchRead(Query.where(Domain.where("order_id", "=", id))
          .fields("product_qty", "price_unit", "analytic_distribution"))) {
        BigDecimal value = l.getDecimal("product_qty").multiply(l.getDecimal("price_unit"));
        Analytics.shares(OdooOrders.distribution(l), Optional.of(account), costCodes)
            .forEach((acc, share) -> amounts.merge(costCodes.get(acc)[0], value.multiply(share), BigDecimal::add));
      }
      return report(project).refusal(order.getString("name").orElse(po), amounts);
    };
  }

  private long projectAccount(SourceRef project) {
    return ctx.refs().idOf(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, project)).orElseThrow(() -> new AdapterException(
        "project " + project.key() + " has no analytic account in Odoo (external id " + ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, project) + ")"));
  }

  private Map<String, BigDecimal> actual(long projectAccount, Map<Long, String[]> costCodes) {
    Map<String, BigDecimal> out = new TreeMap<>();
    if (costCodes.isEmpty()) {
      return out;
    }
    String column = analytics.costCodeColumn();
    Domain d = Domain.where(column, "in", new ArrayList<>(costCodes.keySet()));
    if (!column.equals(Analytics.PROJECT_COLUMN)) {
      d = d.and(Domain.where(Analytics.PROJECT_COLUMN, "=", projectAccount));
    }
    for (Record g : odoo.model(ANALYTIC_LINE).readGroup(d, List.of("amount:sum"), List.of(column))) {
      g.getMany2one(column).map(Many2one::id).filter(costCodes::containsKey)
          .ifPresent(acc -> out.merge(costCodes.get(acc)[0], g.getDecimal("amount").negate(), BigDecimal::add));
    }
    return out;
  }

  private Map<String, BigDecimal> committed(long projectAccount, Map<Long, String[]> costCodes) {
    Map<String, BigDecimal> out = new TreeMap<>();
    // only the lines charged to the project are kept (the distribution is JSON: filtered here, read page by page)
    Map<Long, Record> lines = new LinkedHashMap<>();
    Map<Long, Map<Long, BigDecimal>> shares = new LinkedHashMap<>();
    odoo.model("purchase.order.line").stream(Query.where(Domain.where("order_id.state", "in", OdooOrders.CONFIRMED))
        .fields("product_qty", "price_unit", "analytic_distribution"), 500).forEach(l -> {
          Map<Long, BigDecimal> s = Analytics.shares(OdooOrders.distribution(l), Optional.of(projectAccount), costCodes);
          if (!s.isEmpty()) {
            lines.put(l.id(), l);
            shares.put(l.id(), s);
          }
        });
    if (shares.isEmpty()) {
      return out;
    }
    Map<Long, BigDecimal> billed = new LinkedHashMap<>();
    for (Record g : odoo.model("account.move.line").readGroup(Domain.where("purchase_line_id", "in", new ArrayList<>(shares.keySet()))
        .and(Domain.where("move_id.state", "=", "posted")).and(Domain.where("move_id.move_type", "=", "in_invoice")),
        List.of("quantity:sum"), List.of("purchase_line_id"))) {
      g.getMany2one("purchase_line_id").ifPresent(pl -> billed.merge(pl.id(), g.getDecimal("quantity"), BigDecimal::add));
    }
    shares.forEach((id, s) -> {
      Record l = lines.get(id);
      BigDecimal open = l.getDecimal("product_qty").subtract(billed.getOrDefault(id, BigDecimal.ZERO)).max(BigDecimal.ZERO)
          .multiply(l.getDecimal("price_unit"));
      s.forEach((acc, share) -> out.merge(costCodes.get(acc)[0], open.multiply(share), BigDecimal::add));
    });
    return out;
  }

  private Map<String, BigDecimal> budget(SourceRef project, long projectAccount, Map<Long, String[]> costCodes) {
    Map<String, BigDecimal> out = new TreeMap<>();
    if (budgetModel().isPresent()) {
      String column = analytics.costCodeColumn();
      if (!costCodes.isEmpty() && odoo.model(ODOO_BUDGET_LINES).fields().containsKey(column)) {
        Domain d = Domain.where(column, "in", new ArrayList<>(costCodes.keySet()))
            .and(Domain.where("budget_analytic_id.state", "!=", "canceled"));
        if (!column.equals(Analytics.PROJECT_COLUMN)) {
          d = d.and(Domain.where(Analytics.PROJECT_COLUMN, "=", projectAccount));
        }
        for (Record g : odoo.model(ODOO_BUDGET_LINES).readGroup(d, List.of("budget_amount:sum"), List.of(column))) {
          g.getMany2one(column).map(Many2one::id).filter(costCodes::containsKey)
              .ifPresent(acc -> out.merge(costCodes.get(acc)[0], g.getDecimal("budget_amount").abs(), BigDecimal::add));
        }
        return out;
      }
    }
    budgets.find(project).ifPresent(b -> {
      for (BudgetLine l : b.lines()) {
        l.costCode().ifPresent(cc -> out.merge(cc, l.amount().amount(), BigDecimal::add));
      }
    });
    return out;
  }

  /** Configures {@link OdooJobCost}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private InMemoryReferences known = new InMemoryReferences();
    private BudgetStore budgets = new InMemoryBudgetStore();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** References shared with the sinks that wrote the project and its cost codes. */
    public Builder references(InMemoryReferences known) {
      this.known = Objects.requireNonNull(known, "known");
      return this;
    }

    /** Where budgets are kept when Odoo has no budget model (default in memory; {@code JdbcBudgetStore.in(syncStore)}). */
    public Builder budgets(BudgetStore budgets) {
      this.budgets = Objects.requireNonNull(budgets, "budgets");
      return this;
    }

    /** The job cost reader. */
    public OdooJobCost build() {
      return new OdooJobCost(this);
    }
  }
}
