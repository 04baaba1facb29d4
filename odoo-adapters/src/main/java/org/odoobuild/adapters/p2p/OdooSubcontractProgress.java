package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.adapters.AdapterException;
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
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.finance.ProgressClaim;
import org.odoobuild.model.finance.ProgressClaimLine;
import org.odoobuild.model.finance.ProgressClaimStatus;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * Subcontractor progress and retention on Odoo. A subcontract is a confirmed purchase order whose
 * service lines are the schedule of values; a {@link ProgressClaim certified progress claim} for a
 * period states the work completed to date per line, and this class:
 *
 * <ol>
 *   <li>checks everything before writing ({@link P2pException}): the claim is valid and certified,
 *       the order confirmed and in the claim's currency, every line a service line of the order
 *       that is not on hold, no line certified beyond 100 % ({@link P2pException.Problem#OVER_CERTIFIED})
 *       nor below what was already billed;</li>
 *   <li>sets each line's received quantity ({@code qty_received}) to the work to date. For a
 *       service Odoo receives by hand: {@code _compute_qty_received_method} gives {@code manual}
 *       for a service product, and {@code _inverse_qty_received} keeps a written
 *       {@code qty_received} only for such lines (addons/purchase/models/purchase_order_line.py,
 *       17.0 and 19.0; purchase_stock gives goods {@code stock_moves});</li>
 *   <li>bills the period: one vendor bill ({@code account.move}, {@code in_invoice}, posted) with a
 *       line per order line for the quantity added since the last bill (to date minus
 *       {@code qty_invoiced}), linked by {@code purchase_line_id} and carrying the line's analytic
 *       distribution, so the job cost gets the whole certified value; and one negative line on the
 *       retention account for the retention held back;</li>
 *   <li>at completion (every line billed in full), releases the retention: a bill with one
 *       positive line on the retention account for what the subcontract's bills hold there;</li>
 *   <li>publishes {@code subcontractor_progress_certified} from what Odoo then holds (received
 *       quantities, the bill's lines), keyed by the bill.</li>
 * </ol>
 *
 * <p>Why retention is a negative line on a liability account: Odoo has no retention on vendor
 * bills, and a bill is one payable per vendor. A negative line on a payable-type account
 * ({@code liability_current} or {@code liability_payable}, e.g. "Retention payable") lowers what
 * the bill asks to pay by the retention while the expense and the analytic cost stay at the full
 * certified value; the retained amount then sits as a credit on that account, visible in its
 * ledger per vendor until the release bill moves it back into the vendor's payable. It is what an
 * accountant does by hand in Odoo, needs no extra module, and is the same on 17 and 19. The
 * account is named by its code ({@link Builder#retentionAccount}); without one, no retention may
 * be held.
 *
 * <p>Idempotent per subcontract and period: the period's bill has the external id
 * {@code construction_sdk.progress_claim_odoo-po-<order id>_<period end>}, looked up before
 * anything is written; a claim applied before (the same claim re-run, or another claim for the
 * same period) writes nothing and announces the same event again under the same key. After a
 * crash a re-run finds what was done: the received quantities are set again to the same values,
 * a bill loaded but not posted is posted, a bill not loaded is loaded once (the external id makes
 * {@code load} an upsert). The release bill has the order's external id
 * ({@code …_retention_release}). Thread-safe when its client is, but not for one subcontract
 * certified concurrently.
 * <pre>{@code
 * OdooSubcontractProgress progress = OdooSubcontractProgress.builder(odoo).references(known)
 *     .retentionAccount("2180").retentionPercent(new BigDecimal("10"))
 *     .publisher(P2pPublisher.toEngine(engine, "p2p-events")).build();
 * engine.register(Flow.builder("progress-claims", ProgressClaim.class).source(pm).sink(progress.sink()).build());
 * }</pre>
 */
public final class OdooSubcontractProgress {
  private static final String MOVE = "account.move";
  private static final String MOVE_LINE = "account.move.line";
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private final OdooClient odoo;
  private final MappingContext ctx;
  private final OdooOrders orders;
  private final Upserter upserter;
  private final Optional<String> retentionAccount;
  private final BigDecimal retentionPercent;
  private final P2pPublisher publisher;
  private final Clock clock;

  /**
   * What certifying a claim did in Odoo.
   *
   * @param bill the period's bill ({@code account.move} id); empty when the period added nothing to bill
   * @param releaseBill the retention release bill, when this claim completed the subcontract
   * @param alreadyApplied whether the period had been billed before (nothing was written now)
   * @param event the event published
   */
  public record Outcome(Optional<Long> bill, Optional<Long> releaseBill, boolean alreadyApplied, P2pEvent.ProgressCertified event) {}

  private OdooSubcontractProgress(Builder b) {
    this.odoo = b.odoo;
    this.ctx = MappingContext.live(b.odoo, b.known);
    this.orders = new OdooOrders(b.odoo, ctx);
    this.upserter = Upserter.forClient(b.odoo);
    this.retentionAccount = b.retentionAccount;
    this.retentionPercent = b.retentionPercent;
    this.publisher = b.publisher;
    this.clock = b.clock;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** The engine sink: applied with the bill ({@code account.move,<id>}), skipped when the period was billed before, failed with the {@link P2pException}. */
  public Sink<ProgressClaim> sink() {
    return IdempotentSinks.oneByOne(r -> {
      Outcome o = certify(r);
      return o.alreadyApplied() ? SinkResult.skipped("period " + r.periodEnd() + " already billed: " + o.event().erpBill())
          : SinkResult.applied(o.event().erpBill());
    });
  }

  /** One claim line against its order line, with what it certifies. */
  private record Certified(ProgressClaimLine claim, OdooOrders.Line line, BigDecimal toDate, BigDecimal period) {}

  /**
   * Certifies one claim: received quantities, the period's bill less retention, the retention
   * release at completion, the event.
   *
   * @throws P2pException when the claim is refused (nothing was written)
   */
  public Outcome certify(ProgressClaim claim) {
    List<Violation> invalid = claim.validate().violations();
    if (!invalid.isEmpty()) {
      throw new P2pException(P2pException.Problem.INVALID, "claim " + claim.claimNumber() + ": " + invalid.stream()
          .map(v -> v.path() + ": " + v.message()).toList());
    }
    if (claim.status() != ProgressClaimStatus.CERTIFIED) {
      throw new P2pException(P2pException.Problem.INVALID, "claim " + claim.claimNumber() + " is " + claim.status() + ", not certified");
    }
    OdooOrders.Order order = orders.find(claim.subcontractRef());
    if (!order.confirmed()) {
      throw new P2pException(P2pException.Problem.ORDER_NOT_CONFIRMED, "claim " + claim.claimNumber() + ": subcontract "
          + order.name() + " is " + order.state() + ", not confirmed");
    }
    Optional<Currency> currency = ctx.refs().currencyOf(order.currency().id(), order.currency().displayName());
    if (currency.isEmpty() || !currency.get().equals(claim.currency())) {
      throw new P2pException(P2pException.Problem.CURRENCY_MISMATCH, "claim " + claim.claimNumber() + " is in " + claim.currency()
          + " but subcontract " + order.name() + " is in " + order.currency().displayName());
    }
    String xid = ExternalIds.MODULE + "." + ExternalIds.name(ProgressClaim.TYPE, SourceRef.of("odoo-po-" + order.id(),
        claim.periodEnd().toString()));
    Optional<Long> billed = XmlIds.lookup(odoo, xid);
    if (billed.isPresent() && "posted".equals(state(billed.get()))) {
      return outcome(claim, order, billed, Map.of(), true);
    }
    List<Certified> plan = plan(claim, order);
    BigDecimal percent = claim.retentionPercent().orElse(retentionPercent);
    BigDecimal gross = plan.stream().map(c -> c.period().multiply(c.line().price())).reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
    BigDecimal retention = gross.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    Optional<Long> account = retention.signum() > 0 && billed.isEmpty() ? Optional.of(retentionAccount()) : Optional.empty();

    Map<BigDecimal, List<Long>> received = new LinkedHashMap<>();
    plan.stream().filter(c -> c.toDate().compareTo(c.line().received()) != 0)
        .forEach(c -> received.computeIfAbsent(c.toDate(), k -> new ArrayList<>()).add(c.line().id()));
    received.forEach((q, ids) -> odoo.model("purchase.order.line").write(ids, Map.of("qty_received", q)));
    Map<Integer, BigDecimal> periods = new LinkedHashMap<>();
    plan.forEach(c -> periods.put(c.line().number(), c.period()));
    Optional<Long> bill = billed;
    if (gross.signum() > 0 || billed.isPresent()) {
      long id = billed.orElseGet(() -> load(xid, claim.claimNumber(), claim.certifiedDate().orElseThrow(), order,
          billLines(xid, claim, plan, retention, percent, account)));
      post(id);
      bill = Optional.of(id);
    }
    return outcome(claim, order, bill, periods, false);
  }

  /** The claim's lines against the order's, checked; nothing is written before this passes. */
  private List<Certified> plan(ProgressClaim claim, OdooOrders.Order order) {
    List<OdooOrders.Line> lines = orders.lines(order.id());
    Map<Long, String> held = LineHolds.held(odoo, lines.stream().map(OdooOrders.Line::id).toList());
    Map<Long, String> methods = new LinkedHashMap<>();
    for (Record r : odoo.model("purchase.order.line").read(lines.stream().map(OdooOrders.Line::id).toList(),
        List.of("qty_received_method"))) {
      methods.put(r.id(), r.getString("qty_received_method").orElse(""));
    }
    List<Certified> out = new ArrayList<>();
    for (ProgressClaimLine l : claim.lines()) {
      String at = "claim " + claim.claimNumber() + " line " + l.lineNumber() + ": ";
      OdooOrders.Line line = lines.stream().filter(x -> x.number() == l.orderLine()).findFirst().orElseThrow(() ->
          new P2pException(P2pException.Problem.UNKNOWN_ORDER_LINE, at + "subcontract " + order.name() + " has no line " + l.orderLine()));
      if (!"manual".equals(methods.get(line.id()))) {
        throw new P2pException(P2pException.Problem.INVALID, at + order.name() + " line " + line.number() + " (" + line.name()
            + ") is not a service line: its received quantity comes from receipts, not from progress claims");
      }
      if (held.containsKey(line.id())) {
        throw new P2pException(P2pException.Problem.LINE_ON_HOLD, at + order.name() + " line " + line.number() + " is on hold: "
            + held.get(line.id()));
      }
      BigDecimal toDate = l.quantityToDate().orElseGet(() -> line.ordered().multiply(l.percentComplete().orElseThrow())
          .divide(HUNDRED, 4, RoundingMode.HALF_UP));
      toDate = Analytics.plain(toDate);
      if (toDate.compareTo(line.ordered()) > 0) {
        throw new P2pException(P2pException.Problem.OVER_CERTIFIED, at + plain(toDate) + " of " + plain(line.ordered()) + " ("
            + percent(toDate, line.ordered()) + " %) of " + order.name() + " line " + line.number() + " (" + line.name()
            + ") would be certified: more than 100 %");
      }
      if (toDate.compareTo(line.invoiced()) < 0) {
        throw new P2pException(P2pException.Problem.BELOW_RECEIVED_OR_BILLED, at + plain(toDate) + " to date is below the "
            + plain(line.invoiced()) + " already billed on " + order.name() + " line " + line.number());
      }
      out.add(new Certified(l, line, toDate, toDate.subtract(line.invoiced())));
    }
    return out;
  }

  private List<Map<String, String>> billLines(String xid, ProgressClaim claim, List<Certified> plan, BigDecimal retention,
      BigDecimal percent, Optional<Long> account) {
    List<Map<String, String>> lines = new ArrayList<>();
    boolean lineSequence = ctx.schema().discovered(MOVE_LINE, "sequence").isPresent();
    for (Certified c : plan) {
      if (c.period().signum() == 0) {
        continue;
      }
      Map<String, String> l = new LinkedHashMap<>();
      l.put("id", xid + "_line_" + c.line().number());
      if (lineSequence) {
        l.put("sequence", String.valueOf(c.line().number()));
      }
      l.put("name", c.line().name() + " (" + claim.claimNumber() + ": " + percent(c.toDate(), c.line().ordered()) + " % to date)");
      l.put("product_id/.id", c.line().product().map(p -> String.valueOf(p.id())).orElse(""));
      l.put("quantity", c.period().toPlainString());
      l.put("product_uom_id/.id", String.valueOf(c.line().uom().id()));
      l.put("price_unit", c.line().price().toPlainString());
      l.put("purchase_line_id/.id", String.valueOf(c.line().id()));
      l.put("analytic_distribution", c.line().distribution().isEmpty() ? "" : Json.write(c.line().distribution()));
      lines.add(l);
    }
    if (retention.signum() > 0) {
      lines.add(accountLine(xid + "_retention", "Retention " + plain(percent) + " % of " + claim.claimNumber(), retention.negate(),
          account.orElseThrow()));
    }
    return lines;
  }

  private static Map<String, String> accountLine(String id, String name, BigDecimal amount, long account) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("id", id);
    l.put("name", name);
    l.put("quantity", "1");
    l.put("price_unit", amount.toPlainString());
    l.put("account_id/.id", String.valueOf(account));
    return l;
  }

  private long load(String xid, String ref, LocalDate date, OdooOrders.Order order, List<Map<String, String>> lines) {
    Map<String, String> head = new LinkedHashMap<>();
    head.put("move_type", "in_invoice");
    head.put("partner_id/.id", String.valueOf(order.partner().id()));
    head.put("ref", ref);
    head.put("invoice_date", date.toString());
    head.put("currency_id/.id", String.valueOf(order.currency().id()));
    head.put("invoice_origin", order.name());
    UpsertOutcome o = upserter.load(List.of(new LoadRecord(MOVE, xid, head, Optional.of("invoice_line_ids"), lines))).get(0);
    if (!o.isSuccess()) {
      throw new P2pException(P2pException.Problem.REFUSED, "bill " + ref + ": " + o.problems().stream().map(Violation::message).toList());
    }
    return o.odooId().orElseThrow();
  }

  private void post(long bill) {
    if ("draft".equals(state(bill))) {
      odoo.model(MOVE).call(Call.method("action_post").ids(bill));
    }
    String now = state(bill);
    if (!"posted".equals(now)) {
      throw new AdapterException(MOVE + " " + bill + " is " + now + " after action_post");
    }
  }

  /** When every line of the subcontract is billed in full, the bill releasing what its bills retained (once). */
  private Optional<Long> release(OdooOrders.Order order, ProgressClaim claim, List<OdooOrders.Line> now) {
    if (now.isEmpty() || now.stream().anyMatch(l -> l.invoiced().compareTo(l.ordered()) < 0)) {
      return Optional.empty();
    }
    String xid = ExternalIds.MODULE + "." + ExternalIds.name(ProgressClaim.TYPE, SourceRef.of("odoo-po-" + order.id(),
        "retention-release"));
    Optional<Long> done = XmlIds.lookup(odoo, xid);
    if (done.isEmpty()) {
      if (retentionAccount.isEmpty()) {
        return Optional.empty();
      }
      BigDecimal retained = retained(order, retentionAccount());
      if (retained.signum() <= 0) {
        return Optional.empty();
      }
      done = Optional.of(load(xid, claim.claimNumber() + " retention release", claim.certifiedDate().orElseThrow(), order,
          List.of(accountLine(xid + "_line", "Retention release: " + order.name() + " complete", retained, retentionAccount()))));
    }
    post(done.get());
    return done;
  }

  /** What the subcontract's bills (not cancelled) hold on the retention account: withheld minus released. */
  private BigDecimal retained(OdooOrders.Order order, long account) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Record r : odoo.model(MOVE_LINE).searchRead(Query.where(Domain.where("account_id", "=", account)
        .and(Domain.where("move_id.move_type", "=", "in_invoice")).and(Domain.where("move_id.state", "!=", "cancel"))
        .and(Domain.where("move_id.partner_id", "=", order.partner().id()))
        .and(Domain.where("move_id.invoice_origin", "=", order.name()))).fields("price_subtotal"))) {
      sum = sum.add(r.getDecimal("price_subtotal"));
    }
    return sum.negate();
  }

  private long retentionAccount() {
    String code = retentionAccount.orElseThrow(() -> new AdapterException(
        "retention is held but no retention account is configured (OdooSubcontractProgress.Builder.retentionAccount)"));
    return odoo.model("account.account").search(Query.where(Domain.where("code", "=", code)).limit(1)).stream().findFirst()
        .orElseThrow(() -> new AdapterException("the retention account " + code + " is not in Odoo's chart of accounts"));
  }

  private String state(long move) {
    return odoo.model(MOVE).read(move, "state").flatMap(r -> r.getString("state")).orElse("");
  }

  /** The event from what Odoo now holds (received quantities, the bill's lines); published. */
  private Outcome outcome(ProgressClaim claim, OdooOrders.Order order, Optional<Long> bill, Map<Integer, BigDecimal> periods,
      boolean again) {
    List<OdooOrders.Line> now = orders.lines(order.id());
    Optional<Long> release = release(order, claim, now);
    BigDecimal certified = BigDecimal.ZERO;
    BigDecimal held = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    Map<Long, BigDecimal> thisBill = new LinkedHashMap<>();
    if (bill.isPresent()) {
      for (Record r : odoo.model(MOVE_LINE).searchRead(Query.where(Domain.where("move_id", "=", bill.get()))
          .fields("purchase_line_id", "quantity", "price_subtotal"))) {
        Optional<Many2one> pl = r.getMany2one("purchase_line_id");
        if (pl.isPresent()) {
          certified = certified.add(r.getDecimal("price_subtotal"));
          thisBill.merge(pl.get().id(), r.getDecimal("quantity"), BigDecimal::add);
        } else {
          held = held.subtract(r.getDecimal("price_subtotal"));
        }
      }
      total = odoo.model(MOVE).read(bill.get(), "amount_total").map(r -> r.getDecimal("amount_total")).orElse(BigDecimal.ZERO);
    }
    BigDecimal released = release.flatMap(id -> odoo.model(MOVE).read(id, "amount_untaxed")).map(r -> r.getDecimal("amount_untaxed"))
        .orElse(BigDecimal.ZERO);
    List<P2pEvent.ProgressLine> lines = new ArrayList<>();
    for (ProgressClaimLine l : claim.lines()) {
      now.stream().filter(x -> x.number() == l.orderLine()).findFirst().ifPresent(x -> lines.add(new P2pEvent.ProgressLine(x.number(),
          x.name(), Analytics.plain(x.ordered()), Analytics.plain(x.received()),
          Analytics.plain(thisBill.getOrDefault(x.id(), periods.getOrDefault(x.number(), BigDecimal.ZERO))),
          new BigDecimal(percent(x.received(), x.ordered())))));
    }
    String subject = bill.map(b -> MOVE + "," + b).orElse("purchase.order," + order.id() + "/" + claim.periodEnd());
    P2pEvent.ProgressCertified event = new P2pEvent.ProgressCertified(claim.claimNumber(), order.name(), claim.periodEnd(), subject,
        claim.currency().getCurrencyCode(), Analytics.plain(certified), Analytics.plain(held), Analytics.plain(total),
        Analytics.plain(released), release.map(r -> MOVE + "," + r), lines);
    publisher.publish(P2pPublisher.record(event, clock.instant()));
    return new Outcome(bill, release, again, event);
  }

  private static String percent(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? "0" : plain(part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP));
  }

  private static String plain(BigDecimal v) {
    return Analytics.plain(v).toPlainString();
  }

  /** Configures {@link OdooSubcontractProgress}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private InMemoryReferences known = new InMemoryReferences();
    private Optional<String> retentionAccount = Optional.empty();
    private BigDecimal retentionPercent = BigDecimal.ZERO;
    private P2pPublisher publisher = P2pPublisher.none();
    private Clock clock = Clock.systemUTC();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** References shared with the sinks that wrote the subcontracts (canonical reference ↔ Odoo id). */
    public Builder references(InMemoryReferences known) {
      this.known = Objects.requireNonNull(known, "known");
      return this;
    }

    /** The code of the account retention is held on (a liability, e.g. "Retention payable"); required to hold any. */
    public Builder retentionAccount(String code) {
      this.retentionAccount = Optional.of(Objects.requireNonNull(code, "code"));
      return this;
    }

    /**
     * The retention held on claims that do not state theirs, in percent (default 0).
     *
     * @throws IllegalArgumentException outside 0 to 100
     */
    public Builder retentionPercent(BigDecimal percent) {
      if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
        throw new IllegalArgumentException("retention must be within 0 and 100 %, got " + percent.toPlainString());
      }
      this.retentionPercent = percent;
      return this;
    }

    /** Where {@code subcontractor_progress_certified} goes (default: nowhere). */
    public Builder publisher(P2pPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      return this;
    }

    /** The clock (event times). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The progress certifier. */
    public OdooSubcontractProgress build() {
      return new OdooSubcontractProgress(this);
    }
  }
}
