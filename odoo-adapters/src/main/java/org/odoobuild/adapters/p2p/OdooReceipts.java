package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.adapters.internal.IdempotentSinks;
import org.odoobuild.adapters.internal.LineHolds;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooField;
import org.odoobuild.client.Call;
import org.odoobuild.client.Context;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.IncompatibleUnitsException;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.model.procurement.GoodsReceiptLine;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * Applies deliveries reported from the field ({@link GoodsReceipt}) to the incoming receipt Odoo
 * created when the purchase order was confirmed: the received quantities go on the receipt's
 * moves, the receipt is validated ({@code button_validate}), and a partial delivery leaves a
 * backorder exactly as Odoo makes it (through the "Create Backorder?" wizard, called with the
 * context of the action {@code button_validate} returned; {@link Backorders#CANCEL} closes the
 * rest instead). Then {@code delivery_received_on_site} is published from the validated receipt.
 *
 * <ul>
 *   <li>Idempotent by the delivery: before anything is written the receipt chosen for it gets the
 *       delivery's external id ({@code construction_sdk.goods_receipt_<system>_<id>}); a delivery
 *       sent again finds its receipt done and changes nothing (its event is published again with
 *       the same key, which the outbox ignores).</li>
 *   <li>Refused before any write, as {@link P2pException}: an invalid delivery (e.g. a negative
 *       quantity), an unknown or unconfirmed order, an order line the order does not have, a unit
 *       that does not convert into the move's unit, more than the receipt still expects.</li>
 *   <li>Field names come from {@code fields_get}: the move quantity ({@code quantity}) and
 *       {@code picked} (both 17 and 19).</li>
 * </ul>
 * Rejected (damaged) quantities are not received: they stay on the backorder and are reported in
 * the event. Thread-safe when its client is.
 * <pre>{@code
 * OdooReceipts receipts = OdooReceipts.builder(odoo).references(known).publisher(P2pPublisher.toEngine(engine, "p2p-events")).build();
 * engine.register(Flow.builder("deliveries", GoodsReceipt.class).source(fieldApp).sink(receipts.sink()).build());
 * }</pre>
 */
public final class OdooReceipts {
  private static final String PICKING = "stock.picking";
  private static final String MOVE = "stock.move";
  private final OdooClient odoo;
  private final MappingContext ctx;
  private final OdooOrders orders;
  private final Backorders backorders;
  private final P2pPublisher publisher;
  private final Clock clock;

  /** What happens to the rest of a partially received receipt. */
  public enum Backorders {
    /** A backorder expects the rest (Odoo's "Create Backorder"). */
    CREATE,
    /** The rest is cancelled (Odoo's "No Backorder"). */
    CANCEL
  }

  /**
   * What a delivery did in Odoo.
   *
   * @param picking the validated receipt ({@code stock.picking} id)
   * @param backorder the receipt of the rest, if any
   * @param alreadyApplied whether the delivery had been applied before (nothing changed now)
   * @param event the event published
   */
  public record Outcome(long picking, Optional<Long> backorder, boolean alreadyApplied, P2pEvent.DeliveryReceived event) {}

  private OdooReceipts(Builder b) {
    this.odoo = b.odoo;
    this.ctx = MappingContext.live(b.odoo, b.known);
    this.orders = new OdooOrders(b.odoo, ctx);
    this.backorders = b.backorders;
    this.publisher = b.publisher;
    this.clock = b.clock;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** The engine sink: applied with {@code stock.picking,<id>}, skipped when applied before, failed with the {@link P2pException}. */
  public Sink<GoodsReceipt> sink() {
    return IdempotentSinks.oneByOne(r -> {
      Outcome o = apply(r);
      return o.alreadyApplied() ? SinkResult.skipped("delivery " + r.number() + " already received in "
          + PICKING + "," + o.picking()) : SinkResult.applied(PICKING + "," + o.picking());
    });
  }

  /**
   * Applies one delivery.
   *
   * @throws P2pException when the delivery is refused (nothing was written)
   */
  public Outcome apply(GoodsReceipt receipt) {
    List<Violation> invalid = receipt.validate().violations();
    if (!invalid.isEmpty()) {
      throw new P2pException(P2pException.Problem.INVALID, "delivery " + receipt.number() + ": " + invalid.stream()
          .map(v -> v.path() + ": " + v.message()).toList());
    }
    OdooOrders.Order order = orders.find(receipt.purchaseOrderRef());
    if (!order.confirmed()) {
      throw new P2pException(P2pException.Problem.ORDER_NOT_CONFIRMED, "purchase order " + order.name() + " is " + order.state()
          + ", not confirmed: nothing to receive");
    }
    List<OdooOrders.Line> lines = orders.lines(order.id());
    String xid = ExternalIds.of(GoodsReceipt.TYPE, receipt.primaryRef());
    Optional<Long> marked = XmlIds.lookup(odoo, xid);
    if (marked.isPresent() && "done".equals(state(marked.get()))) {
      return outcome(receipt, order, lines, marked.get(), true);
    }
    long picking = marked.orElseGet(() -> openReceipt(order));
    String qtyField = ctx.schema().field(OdooField.STOCK_MOVE_QUANTITY);
    String uomField = ctx.schema().field(OdooField.STOCK_MOVE_UOM);
    List<Record> moves = odoo.model(MOVE).searchRead(Query.where(Domain.where("picking_id", "=", picking)
        .and(Domain.where("state", "not in", List.of("done", "cancel")))).fields("purchase_line_id", "product_uom_qty", uomField)
        .order("id"));
    Map<Long, BigDecimal> quantities = quantities(receipt, order, lines, moves, uomField);
    if (marked.isEmpty()) {
      XmlIds.register(odoo, xid, PICKING, picking);
    }
    boolean picked = ctx.schema().discovered(MOVE, "picked").isPresent();
    Map<BigDecimal, List<Long>> byQuantity = new LinkedHashMap<>();
    for (Record m : moves) {
      byQuantity.computeIfAbsent(quantities.getOrDefault(m.id(), BigDecimal.ZERO), k -> new ArrayList<>()).add(m.id());
    }
    byQuantity.forEach((q, ids) -> {
      Map<String, Object> vals = new LinkedHashMap<>();
      vals.put(qtyField, q);
      if (picked) {
        vals.put("picked", q.signum() > 0);
      }
      odoo.model(MOVE).write(ids, vals);
    });
    validate(picking);
    if (!"done".equals(state(picking))) {
      throw new IllegalStateException(PICKING + " " + picking + " is not done after validation");
    }
    return outcome(receipt, order, lines, picking, false);
  }

  /** The quantities per move, checked against what the moves still expect; nothing is written before this passes. */
  private Map<Long, BigDecimal> quantities(GoodsReceipt receipt, OdooOrders.Order order, List<OdooOrders.Line> lines,
      List<Record> moves, String uomField) {
    Map<Long, BigDecimal> out = new LinkedHashMap<>();
    Map<Long, String> held = LineHolds.held(odoo, lines.stream().map(OdooOrders.Line::id).toList());
    for (GoodsReceiptLine l : receipt.lines()) {
      OdooOrders.Line line = lines.stream().filter(x -> x.number() == l.orderLineNumber()).findFirst()
          .orElseThrow(() -> new P2pException(P2pException.Problem.UNKNOWN_ORDER_LINE, "delivery " + receipt.number() + " line "
              + l.lineNumber() + ": purchase order " + order.name() + " has no line " + l.orderLineNumber()));
      if (held.containsKey(line.id()) && l.quantity().value().signum() > 0) {
        throw new P2pException(P2pException.Problem.LINE_ON_HOLD, "delivery " + receipt.number() + " line " + l.lineNumber()
            + ": " + order.name() + " line " + line.number() + " (" + line.name() + ") is on hold: " + held.get(line.id()));
      }
      Record move = moves.stream().filter(m -> m.getMany2one("purchase_line_id").map(Many2one::id).orElse(0L) == line.id())
          .findFirst().orElseThrow(() -> new P2pException(P2pException.Problem.OVER_RECEIPT, "delivery " + receipt.number()
              + " line " + l.lineNumber() + ": " + order.name() + " line " + line.number() + " (" + line.name()
              + ") expects nothing more: " + plain(line.received()) + " of " + plain(line.ordered()) + " received"));
      Many2one uom = move.getMany2one(uomField).orElse(OdooOrders.NONE);
      UnitOfMeasure unit = ctx.refs().unitOf(uom.id(), uom.displayName()).orElseThrow(() -> new P2pException(
          P2pException.Problem.UNIT_MISMATCH, "delivery " + receipt.number() + " line " + l.lineNumber() + ": the receipt's unit "
          + uom.displayName() + " is not a known unit"));
      BigDecimal q;
      try {
        q = l.quantity().convertTo(unit).value();
      } catch (IncompatibleUnitsException e) {
        throw new P2pException(P2pException.Problem.UNIT_MISMATCH, "delivery " + receipt.number() + " line " + l.lineNumber()
            + ": " + l.quantity() + " cannot be received in " + unit.symbol() + " (" + e.getMessage() + ")");
      }
      BigDecimal total = out.merge(move.id(), q, BigDecimal::add);
      BigDecimal expected = move.getDecimal("product_uom_qty");
      if (total.compareTo(expected) > 0) {
        throw new P2pException(P2pException.Problem.OVER_RECEIPT, "delivery " + receipt.number() + " line " + l.lineNumber()
            + ": " + plain(total) + " " + unit.symbol() + " received but " + order.name() + " line " + line.number() + " ("
            + line.name() + ") only expects " + plain(expected) + " more");
      }
    }
    return out;
  }

  /** The oldest receipt of the order that is neither done nor cancelled. */
  private long openReceipt(OdooOrders.Order order) {
    List<Long> open = odoo.model(PICKING).search(Query.where(Domain.where("id", "in", pickings(order.id()))
        .and(Domain.where("state", "not in", List.of("done", "cancel")))
        .and(Domain.where("picking_type_code", "=", "incoming"))).order("id"));
    if (open.isEmpty()) {
      throw new P2pException(P2pException.Problem.OVER_RECEIPT, "purchase order " + order.name()
          + " has no open receipt: everything ordered was received or cancelled");
    }
    return open.get(0);
  }

  private List<Long> pickings(long orderId) {
    return odoo.model("purchase.order").read(orderId, "picking_ids").map(r -> r.getIds("picking_ids")).orElse(List.of());
  }

  /** {@code button_validate}; a short receipt answers the backorder wizard's action, which is answered with its context. */
  private void validate(long picking) {
    Object answer = odoo.model(PICKING).call(Call.method("button_validate").ids(picking)).orElse(Boolean.TRUE);
    if (answer instanceof Map<?, ?> action && "stock.backorder.confirmation".equals(action.get("res_model"))) {
      Context c = Context.empty();
      if (action.get("context") instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
          c = c.with(String.valueOf(e.getKey()), e.getValue());
        }
      }
      long wizard = odoo.model("stock.backorder.confirmation").withContext(c).create(Map.of());
      String button = backorders == Backorders.CREATE ? "process" : "process_cancel_backorder";
      odoo.model("stock.backorder.confirmation").call(Call.method(button).ids(wizard).context(c));
    }
  }

  private String state(long picking) {
    return odoo.model(PICKING).read(picking, "state").flatMap(r -> r.getString("state")).orElse("");
  }

  /** The event from what Odoo now holds; published (again, for a delivery applied before: same key). */
  private Outcome outcome(GoodsReceipt receipt, OdooOrders.Order order, List<OdooOrders.Line> before, long picking, boolean again) {
    Optional<Long> backorder = odoo.model(PICKING).search(Query.where(Domain.where("backorder_id", "=", picking)).order("id").limit(1))
        .stream().findFirst();
    List<OdooOrders.Line> now = orders.lines(order.id());
    List<P2pEvent.ReceivedLine> received = new ArrayList<>();
    for (GoodsReceiptLine l : receipt.lines()) {
      Optional<OdooOrders.Line> line = now.stream().filter(x -> x.number() == l.orderLineNumber()).findFirst();
      if (line.isEmpty()) {
        continue;
      }
      UnitOfMeasure unit = line.get().unit().orElse(l.quantity().unit());
      received.add(new P2pEvent.ReceivedLine(l.orderLineNumber(), l.productCode().orElse(""), convert(l.quantity(), unit),
          l.rejectedQuantity().map(q -> convert(q, unit)).orElse(BigDecimal.ZERO),
          Analytics.plain(line.get().ordered().subtract(line.get().received()).max(BigDecimal.ZERO)), unit.symbol()));
    }
    P2pEvent.DeliveryReceived event = new P2pEvent.DeliveryReceived(receipt.number(), order.name(), PICKING + "," + picking,
        backorder.map(b -> PICKING + "," + b), receipt.receivedDate(), received);
    publisher.publish(P2pPublisher.record(event, clock.instant()));
    return new Outcome(picking, backorder, again, event);
  }

  private static BigDecimal convert(Quantity q, UnitOfMeasure unit) {
    try {
      return Analytics.plain(q.convertTo(unit).value());
    } catch (IncompatibleUnitsException e) {
      return Analytics.plain(q.value());
    }
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  /** Configures {@link OdooReceipts}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private InMemoryReferences known = new InMemoryReferences();
    private Backorders backorders = Backorders.CREATE;
    private P2pPublisher publisher = P2pPublisher.none();
    private Clock clock = Clock.systemUTC();

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** References shared with the sinks that wrote the orders (canonical reference ↔ Odoo id). */
    public Builder references(InMemoryReferences known) {
      this.known = Objects.requireNonNull(known, "known");
      return this;
    }

    /** What happens to the rest of a short receipt (default {@link Backorders#CREATE}). */
    public Builder backorders(Backorders backorders) {
      this.backorders = Objects.requireNonNull(backorders, "backorders");
      return this;
    }

    /** Where {@code delivery_received_on_site} goes (default: nowhere). */
    public Builder publisher(P2pPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      return this;
    }

    /** The clock stamping events. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The applier. */
    public OdooReceipts build() {
      return new OdooReceipts(this);
    }
  }
}
