package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.adapters.internal.Activities;
import org.odoobuild.adapters.internal.AnalyticPostings;
import org.odoobuild.adapters.internal.IdempotentSinks;
import org.odoobuild.adapters.internal.Json;
import org.odoobuild.adapters.internal.LineHolds;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.Call;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.cases.CaseKind;
import org.odoobuild.connectors.cases.CaseOpener;
import org.odoobuild.connectors.cases.NewCase;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.IncompatibleUnitsException;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.finance.VendorBillLine;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceipt;
import org.odoobuild.model.procurement.ImmutableGoodsReceiptLine;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.ReceiptStatus;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.workflow.authority.ApprovalAuthority;
import org.odoobuild.workflow.authority.ControlRefusedException;
import org.odoobuild.workflow.authority.PostingControls;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.Instance;
import org.odoobuild.workflow.kit.InstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.p2p.MatchResult;
import org.odoobuild.workflow.p2p.MatchTolerance;
import org.odoobuild.workflow.p2p.MatchTolerances;
import org.odoobuild.workflow.p2p.P2pEvent;
import org.odoobuild.workflow.p2p.ProcureToPay;
import org.odoobuild.workflow.p2p.ThreeWayMatch;
import org.odoobuild.workflow.p2p.Variance;

/**
 * Vendor bills ({@link VendorBill}, from AP or OCR) into Odoo, matched and posted or held: the
 * procure-to-pay workflow ({@link ProcureToPay}) acting on Odoo.
 *
 * <ol>
 *   <li>Checked before any write ({@link P2pException}): valid bill, confirmed purchase order in
 *       Odoo, the order's vendor and currency, units that convert into the order lines' units.</li>
 *   <li>Written once per vendor and bill reference: an existing bill of the vendor with the same
 *       {@code ref} is looked up first (a bill from another channel is not duplicated); otherwise
 *       the bill is loaded ({@code account.move}, {@code move_type} {@code in_invoice}) with the
 *       external id {@code construction_sdk.vendor_bill_odoo-partner-<id>_<ref>}, its lines linked
 *       to the order lines ({@code purchase_line_id}), in the order line's unit, with the order
 *       line's analytic distribution (project and cost code), as Odoo's own "Create Bill" does.</li>
 *   <li>Three-way match on Odoo's data ({@link ThreeWayMatch}): the order line's price, the
 *       received quantity ({@code qty_received}) and what other bills already billed
 *       ({@code qty_invoiced}), with the {@link MatchTolerances} of the vendor and cost code.</li>
 *   <li>Within tolerance: posted ({@code action_post}), verified, and {@code cost_posted} published
 *       with the analytic lines Odoo made (project and cost code per line).</li>
 *   <li>Outside: the bill stays a draft, gets a To-Do activity for its owner listing the variances
 *       ({@code mail.activity}, {@code res_model_id} from {@code ir.model}), waits in the workflow's
 *       instance store (the exception queue, {@link #blocked()}) and
 *       {@code invoice_blocked_for_variance} is published; {@link #approve} posts it,
 *       {@link #reject} cancels it.</li>
 * </ol>
 * Controls, when configured: {@link Builder#postingControls} refuses a bill whose lines post to
 * a closed project or cost code ({@link P2pException.Problem#PROJECT_CLOSED},
 * {@link P2pException.Problem#COST_CODE_CLOSED}; nothing is written, and {@link #approve} checks
 * again); {@link Builder#authority} decides who may approve a held bill's variance, by the money at
 * stake on its project and cost code ({@link P2pException.Problem#OVER_APPROVAL_LIMIT},
 * {@link P2pException.Problem#NOT_AN_APPROVER}); {@link Builder#cases} opens a
 * {@link CaseKind#VARIANCE_HOLD} case on the case desk for every held bill (key
 * {@code variance_hold:account.move,<id>}), routed by flow, project, cost code and the money at
 * stake, and resolves it when the bill is approved or rejected.
 *
 * <p>Every step may run again after a crash: what Odoo holds is read before anything is written.
 * Thread-safe when its client and instance store are.
 */
public final class OdooVendorBills {
  private static final String MOVE = "account.move";
  private static final String HOLD = "Variance hold: ";
  private final OdooClient odoo;
  private final MappingContext ctx;
  private final OdooOrders orders;
  private final Analytics analytics;
  private final Upserter upserter;
  private final ThreeWayMatch matcher;
  private final String owner;
  private final Duration blockSla;
  private final P2pPublisher publisher;
  private final Clock clock;
  private final InstanceStore instances;
  private final Optional<CaseOpener> cases;
  private final String flow;
  private final Optional<ApprovalAuthority> authority;
  private final Optional<PostingControls> controls;
  private final WorkflowEngine<ProcureToPay.State, ProcureToPay.Event, ProcureToPay.Decision> workflow;

  /** Where a bill ended. */
  public enum Status {
    /** Posted in Odoo (matched, or its variance approved). */
    POSTED,
    /** A draft held for its variances, waiting for the owner. */
    BLOCKED,
    /** Cancelled by its owner. */
    REJECTED
  }

  /**
   * What happened to a bill.
   *
   * @param bill the {@code account.move} id
   * @param status where it ended
   * @param created whether this call created it in Odoo
   * @param match the three-way match (empty for an approval or rejection, which do not match again)
   */
  public record Outcome(long bill, Status status, boolean created, Optional<MatchResult> match) {}

  private OdooVendorBills(Builder b) {
    this.odoo = b.odoo;
    this.ctx = MappingContext.live(b.odoo, b.known);
    this.orders = new OdooOrders(b.odoo, ctx);
    this.analytics = new Analytics(b.odoo, ctx);
    this.upserter = Upserter.forClient(b.odoo);
    this.matcher = new ThreeWayMatch(b.tolerances);
    this.owner = b.owner;
    this.blockSla = b.blockSla;
    this.publisher = b.publisher;
    this.clock = b.clock;
    this.instances = b.instances;
    this.cases = b.cases;
    this.flow = b.flow;
    this.authority = b.authority;
    this.controls = b.controls;
    this.workflow = new WorkflowEngine<>(ProcureToPay.definition(new Port(), b.blockSla), b.instances, b.clock);
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** The engine sink: applied with {@code account.move,<id>} (posted or held), failed with the {@link P2pException}. */
  public Sink<VendorBill> sink() {
    return IdempotentSinks.oneByOne(r -> {
      Outcome o = submit(r);
      return SinkResult.applied(MOVE + "," + o.bill() + " " + o.status().name().toLowerCase(java.util.Locale.ROOT));
    });
  }

  /**
   * Writes (once), matches, and posts or holds a bill.
   *
   * @throws P2pException when the bill is refused (nothing was written)
   */
  public Outcome submit(VendorBill bill) {
    Prepared p = prepare(bill);
    Optional<Long> existing = existing(p.partner, bill.billNumber());
    if (existing.isPresent()) {
      String state = readMove(existing.get()).getString("state").orElse("");
      if (state.equals("cancel")) {
        return new Outcome(existing.get(), Status.REJECTED, false, Optional.empty());
      }
      if (state.equals("posted")) {
        // posted before (by this class or in Odoo): announce its cost again, under the same key
        new Port().post(String.valueOf(existing.get()));
        return new Outcome(existing.get(), Status.POSTED, false, Optional.empty());
      }
    }
    long id = existing.orElseGet(() -> write(bill, p));
    MatchResult match = match(bill, p, id);
    String wid = instanceId(id);
    Posting at = stake(match, p);
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("bill", String.valueOf(id));
    vars.put("owner", owner);
    vars.put("number", bill.billNumber());
    vars.put("project", at.project);
    vars.put("cost_code", at.costCode);
    vars.put("at_stake", at.amount.toPlainString());
    vars.put("postings", String.join("\n", p.postings));
    Instance inst = workflow.start(wid, vars,
        EventMeta.of("odoo-adapters", "vendor bill " + bill.billNumber(), "start:" + wid));
    ProcureToPay.State state = ProcureToPay.State.valueOf(inst.state());
    if (state == ProcureToPay.State.RECEIVED) {
      ProcureToPay.Event event = match.matched() ? ProcureToPay.Event.MATCHED : ProcureToPay.Event.VARIANCE_FOUND;
      workflow.fire(wid, event, new ProcureToPay.Decision(match, "", false),
          EventMeta.of("three-way-match", match.summary(), "match:" + wid));
      state = workflow.state(wid);
    }
    return new Outcome(id, status(state), existing.isEmpty(), Optional.of(match));
  }

  /**
   * The owner accepts a held bill's variances: the bill is posted and its hold activity removed.
   * With an {@link Builder#authority authority}, the approver's limit on the bill's project and
   * cost code must cover the money at stake (the variances priced: price difference × quantity,
   * quantity difference × price); with {@link Builder#postingControls posting controls}, its
   * projects and cost codes must still be open.
   *
   * @throws P2pException ({@code over_approval_limit}, {@code not_an_approver}, {@code project_closed},
   *     {@code cost_code_closed}) when a control refuses; nothing is changed
   * @throws org.odoobuild.workflow.kit.WorkflowException when the bill is not held (or the approver is blank)
   */
  public Outcome approve(long bill, String approver) {
    Optional<Instance> held = workflow.instance(instanceId(bill)); // none: fire() below refuses
    String project = held.flatMap(i -> i.variable("project")).orElse("");
    String costCode = held.flatMap(i -> i.variable("cost_code")).orElse("");
    BigDecimal atStake = held.flatMap(i -> i.variable("at_stake")).map(BigDecimal::new).orElse(BigDecimal.ZERO);
    MatchResult match = new MatchResult(held.flatMap(i -> i.variable("number")).orElse(String.valueOf(bill)), List.of());
    ProcureToPay.Decision decision;
    try {
      for (String posting : held.flatMap(i -> i.variable("postings")).orElse("").split("\n")) {
        if (!posting.isEmpty()) {
          checkPosting(posting);
        }
      }
      if (authority.isPresent()) {
        authority.get().check(approver, atStake, project, costCode);
        decision = authority.get().varianceDecision(match, approver, atStake, project, costCode);
      } else {
        decision = new ProcureToPay.Decision(match, approver, false); // no authority configured: any approver
      }
    } catch (ControlRefusedException e) {
      throw P2pException.of(e);
    }
    workflow.fire(instanceId(bill), ProcureToPay.Event.APPROVE_VARIANCE, decision,
        EventMeta.of(approver, "variance approved", "approve:" + bill));
    cases.ifPresent(desk -> desk.resolve(holdCase(bill), approver, "variance approved, bill posted"));
    return new Outcome(bill, status(workflow.state(instanceId(bill))), false, Optional.empty());
  }

  /** The owner refuses a held bill: it is cancelled in Odoo. */
  public Outcome reject(long bill, String approver, String reason) {
    workflow.fire(instanceId(bill), ProcureToPay.Event.REJECT, decision(bill, approver), new EventMeta(approver, reason, "", "reject:" + bill));
    cases.ifPresent(desk -> desk.resolve(holdCase(bill), approver, "bill rejected: " + reason));
    return new Outcome(bill, status(workflow.state(instanceId(bill))), false, Optional.empty());
  }

  /** An owner's decision (the workflow checks the approver; the match was made when the bill was held). */
  private ProcureToPay.Decision decision(long bill, String approver) {
    String number = workflow.instance(instanceId(bill)).flatMap(i -> i.variable("number")).orElse(String.valueOf(bill));
    return new ProcureToPay.Decision(new MatchResult(number, List.of()), approver, false);
  }

  /** The bills waiting for their owner (the exception queue): workflow instances held for variance. */
  public List<Instance> blocked() {
    return instances.due(workflow.workflow().name(), clock.instant().plus(Duration.ofDays(36_500))).stream()
        .filter(i -> i.state().equals(ProcureToPay.State.BLOCKED_FOR_VARIANCE.name())).toList();
  }

  /** Escalates holds older than the SLA (re-assigns a new activity); returns how many. */
  public int escalateOverdue() {
    return workflow.tick().size();
  }

  private static Status status(ProcureToPay.State s) {
    return switch (s) {
      case APPROVED_FOR_PAYMENT, VARIANCE_APPROVED -> Status.POSTED;
      case REJECTED -> Status.REJECTED;
      default -> Status.BLOCKED;
    };
  }

  private static String holdCase(long bill) {
    return "variance_hold:" + MOVE + "," + bill;
  }

  private static String instanceId(long bill) {
    return MOVE + "," + bill;
  }

  // ---- checks and writing -----------------------------------------------------------------

  /** A bill line with its order line and its quantity and price in the order line's unit. */
  private record LinePlan(VendorBillLine line, Optional<OdooOrders.Line> orderLine, BigDecimal quantity, BigDecimal price,
      long uom) {}

  private record Prepared(OdooOrders.Order order, List<OdooOrders.Line> lines, long partner, List<LinePlan> plans,
      List<String> postings) {}

  /** Where a bill posts and what is at stake: project code, cost code, money. */
  private record Posting(String project, String costCode, BigDecimal amount) {}

  private Prepared prepare(VendorBill bill) {
    List<Violation> invalid = bill.validate().violations();
    if (!invalid.isEmpty()) {
      throw new P2pException(P2pException.Problem.INVALID, "bill " + bill.billNumber() + ": " + invalid.stream()
          .map(v -> v.path() + ": " + v.message()).toList());
    }
    SourceRef poRef = bill.purchaseOrderRef().orElseThrow(() -> new P2pException(P2pException.Problem.UNKNOWN_PURCHASE_ORDER,
        "bill " + bill.billNumber() + " names no purchase order"));
    OdooOrders.Order order = orders.find(poRef);
    if (!order.confirmed()) {
      throw new P2pException(P2pException.Problem.ORDER_NOT_CONFIRMED, "bill " + bill.billNumber() + ": purchase order "
          + order.name() + " is " + order.state() + ", not confirmed");
    }
    long partner = ctx.refs().idOf(ExternalIds.of(Vendor.TYPE, bill.vendorRef())).orElseThrow(() -> new P2pException(
        P2pException.Problem.VENDOR_MISMATCH, "bill " + bill.billNumber() + ": vendor " + bill.vendorRef().key() + " is not in Odoo"));
    if (partner != order.partner().id()) {
      throw new P2pException(P2pException.Problem.VENDOR_MISMATCH, "bill " + bill.billNumber() + " is from vendor "
          + bill.vendorRef().key() + " but purchase order " + order.name() + " is with " + order.partner().displayName());
    }
    Optional<Currency> orderCurrency = ctx.refs().currencyOf(order.currency().id(), order.currency().displayName());
    if (orderCurrency.isEmpty() || !orderCurrency.get().equals(bill.currency())) {
      throw new P2pException(P2pException.Problem.CURRENCY_MISMATCH, "bill " + bill.billNumber() + " is in " + bill.currency()
          + " but purchase order " + order.name() + " is in " + order.currency().displayName());
    }
    List<OdooOrders.Line> lines = orders.lines(order.id());
    Map<Long, String> held = LineHolds.held(odoo, lines.stream().map(OdooOrders.Line::id).toList());
    List<LinePlan> plans = new ArrayList<>();
    for (VendorBillLine l : bill.lines()) {
      Optional<OdooOrders.Line> ol = l.orderLineNumber().flatMap(n -> lines.stream().filter(x -> x.number() == n).findFirst())
          .or(() -> l.productCode().flatMap(ctx.refs()::productId).flatMap(pid -> lines.stream()
              .filter(x -> x.product().map(Many2one::id).orElse(-1L).equals(pid)).findFirst()));
      if (l.orderLineNumber().isPresent() && ol.isEmpty()) {
        throw new P2pException(P2pException.Problem.UNKNOWN_ORDER_LINE, "bill " + bill.billNumber() + " line " + l.lineNumber()
            + ": purchase order " + order.name() + " has no line " + l.orderLineNumber().get());
      }
      if (ol.isPresent() && held.containsKey(ol.get().id())) {
        throw new P2pException(P2pException.Problem.LINE_ON_HOLD, "bill " + bill.billNumber() + " line " + l.lineNumber() + ": "
            + order.name() + " line " + ol.get().number() + " (" + ol.get().name() + ") is on hold: " + held.get(ol.get().id()));
      }
      if (ol.isEmpty()) {
        long uom = ctx.refs().uomId(l.quantity().unit()).orElseThrow(() -> new P2pException(P2pException.Problem.UNIT_MISMATCH,
            "bill " + bill.billNumber() + " line " + l.lineNumber() + ": no Odoo unit for " + l.quantity().unit().symbol()));
        plans.add(new LinePlan(l, ol, l.quantity().value(), l.unitPrice().amount(), uom));
        continue;
      }
      UnitOfMeasure unit = ol.get().unit().orElseThrow(() -> new P2pException(P2pException.Problem.UNIT_MISMATCH, "bill "
          + bill.billNumber() + " line " + l.lineNumber() + ": the order line's unit " + ol.get().uom().displayName() + " is not known"));
      Quantity q;
      try {
        q = l.quantity().convertTo(unit);
      } catch (IncompatibleUnitsException e) {
        throw new P2pException(P2pException.Problem.UNIT_MISMATCH, "bill " + bill.billNumber() + " line " + l.lineNumber() + ": "
            + l.quantity() + " cannot be billed against " + order.name() + " line " + ol.get().number() + " in " + unit.symbol());
      }
      BigDecimal price = q.value().signum() == 0 ? l.unitPrice().amount()
          : l.subtotal().amount().divide(q.value(), 6, RoundingMode.HALF_EVEN).stripTrailingZeros();
      plans.add(new LinePlan(l, ol, q.value(), price, ol.get().uom().id()));
    }
    List<String> postings = postings(plans);
    try {
      postings.forEach(this::checkPosting);
    } catch (ControlRefusedException e) {
      throw P2pException.of(e);
    }
    return new Prepared(order, lines, partner, plans, postings);
  }

  /** {@code project|cost code} of each line (codes; {@code ""} when none), from the order line's analytic distribution. */
  private List<String> postings(List<LinePlan> plans) {
    Map<Long, String[]> costCodes = analytics.costCodeAccounts();
    Map<Long, String> projectCodes = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    for (LinePlan lp : plans) {
      String[] at = AnalyticPostings.posting(odoo, lp.orderLine.map(OdooOrders.Line::distribution).orElse(Map.of()), costCodes,
          projectCodes);
      out.add(at[0] + "|" + (at[1].isEmpty() ? lp.line.costCode().orElse("") : at[1]));
    }
    return out;
  }

  private void checkPosting(String posting) {
    String[] pc = posting.split("\\|", -1);
    controls.ifPresent(c -> c.checkPosting(pc[0], pc.length > 1 ? pc[1] : ""));
  }

  /**
   * The money at stake in a match's variances (price difference × quantity, quantity difference ×
   * price, an unmatched line's subtotal), and the project and cost code of the line with the most.
   */
  private static Posting stake(MatchResult match, Prepared p) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal most = BigDecimal.valueOf(-1);
    String where = p.postings.isEmpty() ? "|" : p.postings.get(0);
    for (Variance v : match.variances()) {
      int i = 0;
      while (i < p.plans.size() && p.plans.get(i).line.lineNumber() != v.billLine()) {
        i++;
      }
      if (i == p.plans.size()) {
        continue;
      }
      LinePlan lp = p.plans.get(i);
      BigDecimal money = switch (v.kind()) {
        case PRICE -> v.delta().abs().multiply(lp.quantity);
        case QUANTITY -> v.delta().abs().multiply(lp.price);
        default -> lp.line.subtotal().amount().abs();
      };
      total = total.add(money);
      if (money.compareTo(most) > 0) {
        most = money;
        where = p.postings.get(i);
      }
    }
    String[] pc = where.split("\\|", -1);
    return new Posting(pc[0], pc.length > 1 ? pc[1] : "", Analytics.plain(total));
  }

  /** The vendor's bill with this reference (from the SDK or entered in Odoo), one not cancelled first. */
  private Optional<Long> existing(long partner, String ref) {
    return odoo.model(MOVE).search(Query.where(Domain.where("move_type", "=", "in_invoice").and(Domain.where("partner_id", "=", partner))
        .and(Domain.where("ref", "=", ref))).order("state desc, id").limit(1)).stream().findFirst();
  }

  private long write(VendorBill bill, Prepared p) {
    String xid = ExternalIds.MODULE + "." + ExternalIds.name(VendorBill.TYPE, SourceRef.of("odoo-partner-" + p.partner,
        bill.billNumber()));
    Map<String, String> head = new LinkedHashMap<>();
    head.put("move_type", "in_invoice");
    head.put("partner_id/.id", String.valueOf(p.partner));
    head.put("ref", bill.billNumber());
    head.put("invoice_date", bill.billDate().toString());
    head.put("invoice_date_due", bill.dueDate().map(LocalDate::toString).orElse(""));
    head.put("currency_id/.id", String.valueOf(p.order.currency().id()));
    head.put("invoice_origin", p.order.name());
    List<Map<String, String>> lines = new ArrayList<>();
    boolean lineSequence = ctx.schema().discovered("account.move.line", "sequence").isPresent();
    for (LinePlan lp : p.plans) {
      Map<String, String> l = new LinkedHashMap<>();
      l.put("id", xid + "_line_" + lp.line.lineNumber());
      if (lineSequence) {
        l.put("sequence", String.valueOf(lp.line.lineNumber()));
      }
      l.put("name", lp.line.description());
      Optional<Long> product = lp.orderLine.flatMap(OdooOrders.Line::product).map(Many2one::id)
          .or(() -> lp.line.productCode().flatMap(ctx.refs()::productId));
      l.put("product_id/.id", product.map(String::valueOf).orElse(""));
      l.put("quantity", lp.quantity.toPlainString());
      l.put("product_uom_id/.id", String.valueOf(lp.uom));
      l.put("price_unit", lp.price.toPlainString());
      l.put("purchase_line_id/.id", lp.orderLine.map(ol -> String.valueOf(ol.id())).orElse(""));
      Map<String, Object> distribution = lp.orderLine.map(OdooOrders.Line::distribution).filter(d -> !d.isEmpty())
          .orElseGet(() -> lp.line.costCode().flatMap(ctx.refs()::costCodeAccount).map(a -> Map.<String, Object>of(String.valueOf(a), 100))
              .orElse(Map.of()));
      l.put("analytic_distribution", distribution.isEmpty() ? "" : Json.write(distribution));
      lines.add(l);
    }
    UpsertOutcome o = upserter.load(List.of(new LoadRecord(MOVE, xid, head, Optional.of("invoice_line_ids"), lines))).get(0);
    if (!o.isSuccess()) {
      throw new P2pException(P2pException.Problem.REFUSED, "bill " + bill.billNumber() + ": " + o.problems().stream()
          .map(Violation::message).toList());
    }
    return o.odooId().orElseThrow();
  }


  // ---- matching ---------------------------------------------------------------------------

  /** The three-way match of a bill on Odoo's data: order lines (price), received quantities, billed quantities. */
  private MatchResult match(VendorBill bill, Prepared p, long billId) {
    List<OdooOrders.Line> now = orders.lines(p.order.id());
    Map<Long, BigDecimal> thisBill = new LinkedHashMap<>();
    for (Record r : odoo.model("account.move.line").searchRead(Query.where(Domain.where("move_id", "=", billId)
        .and(Domain.where("purchase_line_id", "!=", false))).fields("purchase_line_id", "quantity"))) {
      thisBill.merge(r.getMany2one("purchase_line_id").orElseThrow().id(), r.getDecimal("quantity"), BigDecimal::add);
    }
    ImmutablePurchaseOrder.Builder po = ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("odoo", "purchase.order:" + p.order.id()))
        .number(p.order.name()).vendorRef(bill.vendorRef()).orderDate(LocalDate.EPOCH).status(PurchaseOrderStatus.CONFIRMED)
        .currency(bill.currency());
    ImmutableGoodsReceipt.Builder received = ImmutableGoodsReceipt.builder().addSourceRefs(SourceRef.of("odoo", "received"))
        .number("received in Odoo").purchaseOrderRef(SourceRef.of("odoo", "purchase.order:" + p.order.id()))
        .receivedDate(LocalDate.EPOCH).status(ReceiptStatus.DONE);
    Map<Integer, Quantity> before = new LinkedHashMap<>();
    Map<Long, String[]> costCodes = analytics.costCodeAccounts();
    for (OdooOrders.Line l : now) {
      if (l.unit().isEmpty()) {
        continue;
      }
      UnitOfMeasure unit = l.unit().get();
      Optional<String> costCode = Analytics.shares(l.distribution(), Optional.empty(), costCodes).keySet().stream().findFirst()
          .map(a -> costCodes.get(a)[0]);
      po.addLines(ImmutablePurchaseOrderLine.builder().lineNumber(l.number()).description(l.name()).quantity(Quantity.of(l.ordered(), unit))
          .unitPrice(Money.of(l.price(), bill.currency())).costCode(costCode).build());
      received.addLines(ImmutableGoodsReceiptLine.builder().lineNumber(l.number()).orderLineNumber(l.number())
          .quantity(Quantity.of(l.received(), unit)).build());
      BigDecimal other = l.invoiced().subtract(thisBill.getOrDefault(l.id(), BigDecimal.ZERO));
      if (other.signum() > 0) {
        before.put(l.number(), Quantity.of(other, unit));
      }
    }
    PurchaseOrder order = po.build();
    List<GoodsReceipt> receipts = List.of(received.build());
    return matcher.match(order, receipts, bill, before);
  }

  // ---- the workflow's port on Odoo --------------------------------------------------------

  /** What the workflow does in Odoo; every step reads first and is idempotent. */
  private final class Port implements ProcureToPay.Port {
    @Override
    public void post(String bill) {
      long id = Long.parseLong(bill);
      Record move = readMove(id);
      if (move.getString("state").orElse("").equals("draft")) {
        odoo.model(MOVE).call(Call.method("action_post").ids(id));
        move = readMove(id);
      }
      if (!move.getString("state").orElse("").equals("posted")) {
        throw new AdapterException(MOVE + " " + id + " is " + move.getString("state").orElse("?") + " after action_post");
      }
      removeHolds(id);
      publisher.publish(P2pPublisher.record(costPosted(move), clock.instant()));
    }

    @Override
    public void block(String bill, String who, MatchResult match) {
      long id = Long.parseLong(bill);
      Record move = readMove(id);
      long model = modelId();
      List<Long> holds = holds(id, model);
      if (holds.isEmpty()) {
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("res_model_id", model);
        vals.put("res_id", id);
        vals.put("summary", HOLD + match.billNumber());
        vals.put("note", note(match));
        vals.put("date_deadline", LocalDate.ofInstant(clock.instant().plus(blockSla), clock.getZone()).toString());
        user(who, move).ifPresent(u -> vals.put("user_id", u));
        odoo.model(Activities.MODEL).create(vals);
        if (holds(id, model).isEmpty()) {
          throw new AdapterException("the hold activity of " + MOVE + " " + id + " is not there after create");
        }
      }
      if (cases.isPresent()) {
        Optional<Instance> held = workflow.instance(instanceId(id));
        Optional<BigDecimal> atStake = held.flatMap(i -> i.variable("at_stake")).map(BigDecimal::new);
        cases.get().open(NewCase.of(holdCase(id), CaseKind.VARIANCE_HOLD, HOLD + match.billNumber() + " ("
            + name(move, "partner_id") + ", " + move.getString("invoice_origin").orElse("") + "): " + match.summary())
            .withRecord(flow, MOVE, MOVE + "," + id)
            .withMoney(held.flatMap(i -> i.variable("project")).orElse(""), held.flatMap(i -> i.variable("cost_code")).orElse(""),
                atStake));
      }
      publisher.publish(P2pPublisher.record(new P2pEvent.InvoiceBlocked(match.billNumber(), name(move, "partner_id"),
          move.getString("invoice_origin").orElse(""), MOVE + "," + id, who, match.variances()), clock.instant()));
    }

    @Override
    public void escalate(String bill, String who) {
      long id = Long.parseLong(bill);
      Map<String, Object> vals = new LinkedHashMap<>();
      vals.put("res_model_id", modelId());
      vals.put("res_id", id);
      vals.put("summary", "Escalated: " + HOLD.trim() + " overdue");
      vals.put("date_deadline", LocalDate.ofInstant(clock.instant(), clock.getZone()).toString());
      odoo.model(Activities.MODEL).create(vals);
    }

    @Override
    public void reject(String bill, String reason) {
      long id = Long.parseLong(bill);
      if (!readMove(id).getString("state").orElse("").equals("cancel")) {
        removeHolds(id);
        odoo.model(MOVE).call(Call.method("button_cancel").ids(id));
      }
    }
  }

  private Record readMove(long id) {
    return odoo.model(MOVE).read(List.of(id), List.of("state", "name", "ref", "partner_id", "invoice_origin", "currency_id",
        "invoice_line_ids")).stream().findFirst().orElseThrow(() -> new AdapterException(MOVE + " " + id + " does not exist"));
  }

  private long modelId() {
    return Activities.modelId(odoo, MOVE);
  }

  private List<Long> holds(long bill, long model) {
    return Activities.find(odoo, model, bill, "=like", HOLD + "%");
  }

  private void removeHolds(long bill) {
    Activities.remove(odoo, holds(bill, modelId()));
  }

  /** The owner's user (by login), else the order's buyer; empty: Odoo assigns the caller. */
  private Optional<Long> user(String login, Record move) {
    List<Long> byLogin = odoo.model("res.users").search(Query.where(Domain.where("login", "=", login)).limit(1));
    if (!byLogin.isEmpty()) {
      return Optional.of(byLogin.get(0));
    }
    String origin = move.getString("invoice_origin").orElse("");
    return origin.isEmpty() ? Optional.empty() : odoo.model("purchase.order").searchRead(Query.where(Domain.where("name", "=", origin))
        .fields("user_id").limit(1)).stream().findFirst().flatMap(r -> r.getMany2one("user_id")).map(Many2one::id);
  }

  private static String note(MatchResult match) {
    StringBuilder b = new StringBuilder("<p>Three-way match: ").append(escape(match.summary())).append("</p><ul>");
    for (Variance v : match.variances()) {
      b.append("<li>").append(escape(v.message())).append("</li>");
    }
    return b.append("</ul>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String name(Record r, String field) {
    return r.getMany2one(field).map(Many2one::displayName).orElse("");
  }

  /** {@code cost_posted} from the analytic lines Odoo made when posting. */
  private P2pEvent.CostPosted costPosted(Record move) {
    List<Long> lineIds = move.getIds("invoice_line_ids");
    String ccColumn = analytics.costCodeColumn();
    Map<Long, String[]> costCodes = analytics.costCodeAccounts();
    List<String> fields = new ArrayList<>(List.of("amount", "unit_amount", Analytics.PROJECT_COLUMN));
    if (!ccColumn.equals(Analytics.PROJECT_COLUMN)) {
      fields.add(ccColumn);
    }
    List<P2pEvent.CostLine> lines = new ArrayList<>();
    Map<Long, String> projectCodes = new LinkedHashMap<>();
    List<Record> analytic = lineIds.isEmpty() ? List.of() : odoo.model("account.analytic.line").searchRead(Query.where(
        Domain.where("move_line_id", "in", lineIds)).fields(fields).order("id"));
    for (Record a : analytic) {
      Optional<Long> project = a.getMany2one(Analytics.PROJECT_COLUMN).map(Many2one::id).filter(x -> !costCodes.containsKey(x));
      Optional<Long> cc = a.getMany2one(ccColumn).map(Many2one::id).filter(costCodes::containsKey);
      String projectCode = project.map(pid -> projectCodes.computeIfAbsent(pid, k -> odoo.model("account.analytic.account")
          .read(k, "code").flatMap(r -> r.getString("code")).orElse(""))).orElse("");
      lines.add(new P2pEvent.CostLine(projectCode, cc.map(x -> costCodes.get(x)[0]).orElse(""),
          Analytics.plain(a.getDecimal("amount").negate()), Analytics.plain(a.getDecimal("unit_amount"))));
    }
    return new P2pEvent.CostPosted(move.getString("ref").orElse(""), name(move, "partner_id"), move.getString("invoice_origin").orElse(""),
        MOVE + "," + move.id(), move.getString("name").orElse(""), name(move, "currency_id"), lines);
  }

  /** Configures {@link OdooVendorBills}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private InMemoryReferences known = new InMemoryReferences();
    private MatchTolerances tolerances = MatchTolerances.of(MatchTolerance.standard());
    private InstanceStore instances = new InMemoryInstanceStore();
    private String owner = "project-manager";
    private Duration blockSla = Duration.ofDays(3);
    private P2pPublisher publisher = P2pPublisher.none();
    private Clock clock = Clock.systemUTC();
    private Optional<CaseOpener> cases = Optional.empty();
    private String flow = "";
    private Optional<ApprovalAuthority> authority = Optional.empty();
    private Optional<PostingControls> controls = Optional.empty();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** Opens a variance-hold case for every held bill on {@code desk} (e.g. a {@code CaseDesk}; default: none), flow {@code vendor-bills}. */
    public Builder cases(CaseOpener desk) {
      return cases(desk, "vendor-bills");
    }

    /** Opens a variance-hold case for every held bill on {@code desk}, routed as flow {@code flowName}. */
    public Builder cases(CaseOpener desk, String flowName) {
      this.cases = Optional.of(Objects.requireNonNull(desk, "desk"));
      this.flow = Objects.requireNonNull(flowName, "flowName");
      return this;
    }

    /** Who may approve how much (default: none configured, any approver is accepted). */
    public Builder authority(ApprovalAuthority a) {
      this.authority = Optional.of(Objects.requireNonNull(a, "authority"));
      return this;
    }

    /** Closed projects and cost codes, refused for bills and their approval (default: none closed). */
    public Builder postingControls(PostingControls c) {
      this.controls = Optional.of(Objects.requireNonNull(c, "controls"));
      return this;
    }

    /** References shared with the sinks that wrote vendors and orders (canonical reference ↔ Odoo id). */
    public Builder references(InMemoryReferences known) {
      this.known = Objects.requireNonNull(known, "known");
      return this;
    }

    /** Match tolerances per vendor and cost code (default {@link MatchTolerance#standard()}). */
    public Builder tolerances(MatchTolerances tolerances) {
      this.tolerances = Objects.requireNonNull(tolerances, "tolerances");
      return this;
    }

    /** Where held bills wait (default in memory; {@code JdbcInstanceStore.in(syncStore)} to survive restarts). */
    public Builder instances(InstanceStore instances) {
      this.instances = Objects.requireNonNull(instances, "instances");
      return this;
    }

    /** Who decides on held bills: an Odoo login (default {@code project-manager}; the order's buyer when no such user). */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /** How long a hold may wait before it is escalated (default 3 days). */
    public Builder blockSla(Duration blockSla) {
      this.blockSla = Objects.requireNonNull(blockSla, "blockSla");
      return this;
    }

    /** Where {@code invoice_blocked_for_variance} and {@code cost_posted} go (default: nowhere). */
    public Builder publisher(P2pPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      return this;
    }

    /** The clock (activity deadlines, events, SLA). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The bill processor. */
    public OdooVendorBills build() {
      return new OdooVendorBills(this);
    }
  }
}
