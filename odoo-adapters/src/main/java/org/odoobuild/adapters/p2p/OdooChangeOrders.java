package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooField;
import org.odoobuild.adapters.mapping.ProjectMapping;
import org.odoobuild.client.OdooClient;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetLine;
import org.odoobuild.model.finance.ChangeOrder;
import org.odoobuild.model.finance.ChangeOrderLine;
import org.odoobuild.model.finance.ChangeOrderStatus;
import org.odoobuild.model.finance.ImmutableBudget;
import org.odoobuild.model.finance.ImmutableBudgetLine;
import org.odoobuild.model.finance.ImmutableChangeOrder;
import org.odoobuild.workflow.changeorder.BudgetImpact;
import org.odoobuild.workflow.changeorder.ChangeOrderWorkflow;
import org.odoobuild.workflow.changeorder.CommitmentFlag;
import org.odoobuild.workflow.jobcost.BudgetStore;
import org.odoobuild.workflow.jobcost.JobCostLine;
import org.odoobuild.workflow.jobcost.JobCostReport;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * An approved {@link ChangeOrder} in Odoo: it amends its confirmed purchase order as Odoo allows
 * for a confirmed order, revises the budget of the cost codes it touches, and publishes
 * {@code change_order_approved}.
 *
 * <p>What Odoo allows (addons/purchase/models/purchase_order_line.py and
 * addons/purchase_stock/models/purchase_order_line.py, 17.0 and 19.0): lines may be added to a
 * confirmed order ({@code create} on a {@code purchase} order runs {@code _create_or_update_picking}:
 * the receipt expects the new goods) and a line's quantity and price may be written
 * ({@code write}: a quantity change updates the receipt, a price change the open moves), but a
 * confirmed line is never deleted ({@code _unlink_except_purchase_or_done}). A quantity below
 * what was billed only schedules a refund activity on the bill, and below what was received
 * creates no return: the SDK refuses both ({@link P2pException.Problem#BELOW_RECEIVED_OR_BILLED}).
 * A locked order (17: state {@code done}; 19: the {@code locked} flag) is read-only in Odoo's
 * form: refused ({@link P2pException.Problem#ORDER_LOCKED}).
 *
 * <p>Every check passes before anything is written. Each order line changed or added carries
 * {@code [<change order>/<line>]} in its description, and the budget lines {@code <change order>:}
 * in theirs, so applying the same change order again changes nothing (and announces the same
 * event again, under the same key). Not thread-safe for one change order applied concurrently.
 * {@link #port} wires it into {@link ChangeOrderWorkflow}: approving through the workflow amends
 * the order in Odoo.
 */
public final class OdooChangeOrders {
  private final OdooClient odoo;
  private final InMemoryReferences known;
  private final MappingContext ctx;
  private final OdooOrders orders;
  private final BudgetStore budgets;
  private final P2pPublisher publisher;
  private final Clock clock;

  private OdooChangeOrders(OdooClient odoo, InMemoryReferences known, BudgetStore budgets, P2pPublisher publisher, Clock clock) {
    this.odoo = Objects.requireNonNull(odoo, "odoo");
    this.known = Objects.requireNonNull(known, "known");
    this.ctx = MappingContext.live(odoo, known);
    this.orders = new OdooOrders(odoo, ctx);
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Change orders applied through {@code odoo}, budgets in {@code budgets}, events to {@code publisher}. */
  public static OdooChangeOrders of(OdooClient odoo, InMemoryReferences known, BudgetStore budgets, P2pPublisher publisher) {
    return new OdooChangeOrders(odoo, known, budgets, publisher, Clock.systemUTC());
  }

  /**
   * The {@link ChangeOrderWorkflow.Port} on Odoo: when the workflow approves a change order, the
   * port finds it with {@code changeOrders} (by number), {@linkplain #apply applies} it as
   * approved on the day of approval (the workflow's approval is the approval: a change order
   * still pending in the source system is applied as {@code APPROVED}), and answers the impact
   * from Odoo's job cost after the amendment ({@link OdooJobCost#report}): the revised budget of
   * every cost code of the project, its total, and the cost codes whose projected cost
   * (commitments and actual cost) now exceeds their budget, which the workflow passes to
   * {@code flags}. Applying again is idempotent, like {@link #apply}.
   * <pre>{@code
   * WorkflowEngine<ChangeOrderWorkflow.State, ChangeOrderWorkflow.Event, String> cos = new WorkflowEngine<>(
   *     ChangeOrderWorkflow.definition(changes.port(pm::changeOrder, (owner, flag) -> mail.send(owner, flag))),
   *     JdbcInstanceStore.in(store), Clock.systemUTC());
   * }</pre>
   *
   * @param changeOrders the change order of a number, empty when unknown
   * @param flags receives (owner, commitment above budget)
   * @return the port
   */
  public ChangeOrderWorkflow.Port port(Function<String, Optional<ChangeOrder>> changeOrders, BiConsumer<String, CommitmentFlag> flags) {
    Objects.requireNonNull(changeOrders, "changeOrders");
    Objects.requireNonNull(flags, "flags");
    OdooJobCost jobCost = OdooJobCost.builder(odoo).references(known).budgets(budgets).build();
    return new ChangeOrderWorkflow.Port() {
      @Override
      public BudgetImpact apply(String changeOrder) {
        ChangeOrder co = changeOrders.apply(changeOrder).orElseThrow(() ->
            new P2pException(P2pException.Problem.INVALID, "change order " + changeOrder + " is unknown"));
        if (co.status() != ChangeOrderStatus.APPROVED) {
          co = ImmutableChangeOrder.copyOf(co).withStatus(ChangeOrderStatus.APPROVED)
              .withApprovedDate(co.approvedDate().orElse(LocalDate.now(clock)));
        }
        OdooChangeOrders.this.apply(co);
        return impact(co, jobCost.report(co.projectRef()));
      }

      @Override
      public void flag(String owner, CommitmentFlag flag) {
        flags.accept(owner, flag);
      }
    };
  }

  /** The revised budget per cost code from the job cost, and the cost codes projected above it. */
  static BudgetImpact impact(ChangeOrder co, JobCostReport report) {
    Map<String, Money> revised = new LinkedHashMap<>();
    List<CommitmentFlag> over = new ArrayList<>();
    for (JobCostLine l : report.lines()) {
      Money budget = Money.of(l.budget(), report.currency());
      revised.put(l.costCode(), budget);
      if (l.projected().compareTo(l.budget()) > 0) {
        over.add(new CommitmentFlag(l.costCode(), budget, Money.of(l.projected(), report.currency())));
      }
    }
    return new BudgetImpact(co.number(), revised, Money.of(report.total().budget(), report.currency()), over);
  }

  /**
   * What applying a change order did.
   *
   * @param event the event published
   * @param budget the revised budget (empty when the project has none in the store)
   */
  public record Amendment(P2pEvent.ChangeOrderApproved event, Optional<Budget> budget) {}

  /**
   * Applies an approved change order.
   *
   * @throws P2pException when it is not approved or invalid, its order is unknown, not confirmed
   *     or locked, a line is unknown, or a quantity would go below what was received or billed
   */
  public Amendment apply(ChangeOrder co) {
    if (co.status() != ChangeOrderStatus.APPROVED) {
      throw new P2pException(P2pException.Problem.INVALID, "change order " + co.number() + " is " + co.status());
    }
    if (!co.validate().isValid()) {
      throw new P2pException(P2pException.Problem.INVALID, "change order " + co.number() + ": " + co.validate().violations());
    }
    List<ChangeOrderLine> amending = co.lines().stream().filter(ChangeOrderLine::amendsCommitment).toList();
    List<Long> changed = new ArrayList<>();
    List<Long> added = new ArrayList<>();
    String poName = "";
    String subject = "project," + co.projectRef().key();
    if (!amending.isEmpty()) {
      OdooOrders.Order order = orders.find(co.commitmentRef().orElseThrow());
      poName = order.name();
      subject = "purchase.order," + order.id();
      if (!order.confirmed()) {
        throw new P2pException(P2pException.Problem.ORDER_NOT_CONFIRMED, order.name() + " is " + order.state());
      }
      if (locked(order)) {
        throw new P2pException(P2pException.Problem.ORDER_LOCKED, order.name() + " is locked; unlock it in Odoo first");
      }
      List<OdooOrders.Line> lines = orders.lines(order.id());
      List<Runnable> writes = new ArrayList<>();
      int next = lines.stream().mapToInt(OdooOrders.Line::number).max().orElse(0);
      for (ChangeOrderLine l : amending) {
        String marker = "[" + co.number() + "/" + l.lineNumber() + "]";
        Optional<OdooOrders.Line> done = lines.stream().filter(x -> x.name().contains(marker)).findFirst();
        if (done.isPresent()) {
          (l.orderLine().isPresent() ? changed : added).add(done.get().id());
          continue;
        }
        if (l.orderLine().isPresent()) {
          OdooOrders.Line line = lines.stream().filter(x -> x.number() == l.orderLine().get()).findFirst().orElseThrow(() ->
              new P2pException(P2pException.Problem.UNKNOWN_ORDER_LINE, order.name() + " has no line " + l.orderLine().get()));
          BigDecimal qty = line.ordered().add(l.quantityDelta().orElse(BigDecimal.ZERO));
          BigDecimal floor = line.received().max(line.invoiced());
          if (qty.compareTo(floor) < 0) {
            throw new P2pException(P2pException.Problem.BELOW_RECEIVED_OR_BILLED, order.name() + " line " + line.number() + ": "
                + qty.toPlainString() + " ordered would be below " + floor.toPlainString() + " received or billed");
          }
          BigDecimal price = line.price().add(l.unitPriceDelta().map(Money::amount).orElse(BigDecimal.ZERO));
          if (price.signum() < 0) {
            throw new P2pException(P2pException.Problem.INVALID, order.name() + " line " + line.number() + ": negative price");
          }
          Map<String, Object> vals = new LinkedHashMap<>();
          vals.put("product_qty", qty);
          vals.put("price_unit", price);
          vals.put("name", line.name() + " " + marker);
          writes.add(() -> {
            odoo.model("purchase.order.line").write(List.of(line.id()), vals);
            changed.add(line.id());
          });
        } else {
          String code = l.productCode().orElseThrow();
          long product = ctx.refs().productId(code).orElseThrow(() ->
              new P2pException(P2pException.Problem.INVALID, "product " + code + " is not in Odoo"));
          Map<String, Object> vals = new LinkedHashMap<>();
          vals.put("order_id", order.id());
          vals.put("sequence", ++next);
          vals.put("product_id", product);
          vals.put("name", l.description() + " " + marker);
          vals.put("product_qty", l.quantityDelta().orElseThrow());
          vals.put("price_unit", l.unitPriceDelta().orElseThrow().amount());
          productUom(product).ifPresent(u -> vals.put(ctx.schema().field(OdooField.PURCHASE_LINE_UOM), u));
          l.costCode().ifPresent(cc -> vals.put("analytic_distribution", distribution(co, cc)));
          writes.add(() -> added.add(odoo.model("purchase.order.line").create(vals)));
        }
      }
      writes.forEach(Runnable::run);
    }
    Map<String, BigDecimal> change = new LinkedHashMap<>();
    co.lines().forEach(l -> change.merge(l.costCode().orElse(""), l.amount().amount(), BigDecimal::add));
    Optional<Budget> budget = budgets.find(co.projectRef()).map(b -> revise(b, co));
    P2pEvent.ChangeOrderApproved event = new P2pEvent.ChangeOrderApproved(co.number(), poName, subject,
        co.currency().getCurrencyCode(), change, changed, added);
    publisher.publish(P2pPublisher.record(event, clock.instant()));
    return new Amendment(event, budget);
  }

  /** The budget with the change order's lines, saved; unchanged when it already has them. */
  private Budget revise(Budget b, ChangeOrder co) {
    String prefix = co.number() + ":";
    if (b.lines().stream().anyMatch(l -> l.description().startsWith(prefix))) {
      return b;
    }
    int n = b.lines().stream().mapToInt(BudgetLine::lineNumber).max().orElse(0);
    List<BudgetLine> lines = new ArrayList<>(b.lines());
    for (ChangeOrderLine l : co.lines()) {
      lines.add(ImmutableBudgetLine.builder().lineNumber(++n).costCode(l.costCode())
          .description(prefix + " " + l.description()).amount(l.amount()).build());
    }
    Budget revised = ImmutableBudget.copyOf(b).withLines(lines);
    budgets.save(revised);
    return revised;
  }

  /** 19 has a {@code locked} flag; 17 locks with state {@code done}. */
  private boolean locked(OdooOrders.Order order) {
    if ("done".equals(order.state())) {
      return true;
    }
    if (!odoo.model("purchase.order").fields().containsKey("locked")) {
      return false;
    }
    return odoo.model("purchase.order").read(List.of(order.id()), List.of("locked")).stream().findFirst()
        .map(r -> r.getBoolean("locked")).orElse(false);
  }

  private Optional<Long> productUom(long product) {
    return odoo.model("product.product").read(List.of(product), List.of("uom_id")).stream().findFirst()
        .flatMap(r -> r.getMany2one("uom_id")).map(m -> m.id());
  }

  private Map<String, Object> distribution(ChangeOrder co, String costCode) {
    long cc = ctx.refs().costCodeAccount(costCode).orElseThrow(() ->
        new P2pException(P2pException.Problem.INVALID, "cost code " + costCode + " has no analytic account in Odoo"));
    Optional<Long> project = ctx.refs().idOf(ExternalIds.of(ProjectMapping.ACCOUNT_TYPE, co.projectRef()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(project.map(p -> p + "," + cc).orElse(String.valueOf(cc)), 100);
    return m;
  }
}
