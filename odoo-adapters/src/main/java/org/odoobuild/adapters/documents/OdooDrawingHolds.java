package org.odoobuild.adapters.documents;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.adapters.internal.Activities;
import org.odoobuild.adapters.internal.AnalyticPostings;
import org.odoobuild.adapters.internal.LineHolds;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
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
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.documents.DocumentRevision;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderLine;

/**
 * Drawing supersession on Odoo: purchase order lines are linked to the drawing revisions they
 * were bought for ({@link PurchaseOrderLine#drawingRefs()}) when they are written, as URL
 * attachments of the line; a revision that is superseded finds its lines from those links and
 * holds them until a review {@linkplain #release releases} or {@linkplain #cancel cancels} them.
 *
 * <p>Odoo has no hold on a purchase line (addons/purchase and purchase_stock, 17.0 and 19.0), so a
 * hold is what Odoo offers plus the SDK's gate:
 * <ul>
 *   <li>the link attachment's description says {@code ON HOLD: <reason>}; the SDK's receipts and
 *       bills ({@code OdooReceipts}, {@code OdooVendorBills}) refuse a held line
 *       ({@code line_on_hold});</li>
 *   <li>the line's open receipt move is unreserved (quantity 0, not picked), so validating the
 *       receipt in Odoo leaves the line for a backorder;</li>
 *   <li>the order's buyer gets an activity on the order listing the held lines, and the
 *       notifier tells the owner;</li>
 *   <li>with {@link Builder#cases}, a {@link CaseKind#DRAWING_HOLD} case is opened per order and
 *       superseded revision (key {@code drawing_hold:purchase.order,<id>:<reason>}), routed by
 *       flow, the held lines' project and cost code (their analytic distribution) and the amount
 *       held (their subtotal); resolved when the order's last held line is released or
 *       cancelled.</li>
 * </ul>
 * A cancelled line keeps what was received: Odoo refuses to delete a confirmed line and says to
 * set its quantity instead ({@code purchase_order_line.py} {@code _unlink_except_purchase_or_done}),
 * which reduces the receipt ({@code purchase_stock} {@code _create_or_update_picking}). Every
 * step reads first and is idempotent. Thread-safe when its client is.
 */
public final class OdooDrawingHolds {
  private static final String ORDER = "purchase.order";
  private static final String ACTIVITY = "On hold: ";
  private final OdooClient odoo;
  private final InMemoryReferences known;
  private final BiConsumer<String, String> notifier;
  private final Optional<CaseOpener> cases;
  private final String flow;

  /**
   * A held (or just released) line.
   *
   * @param order the {@code purchase.order} id
   * @param orderName the order's number
   * @param line the {@code purchase.order.line} id
   * @param lineNumber the line number ({@code sequence})
   * @param description the line's description
   * @param reason why it is held
   */
  public record HeldLine(long order, String orderName, long line, int lineNumber, String description, String reason) {}

  private OdooDrawingHolds(Builder b) {
    this.odoo = b.odoo;
    this.known = b.known;
    this.notifier = b.notifier;
    this.cases = b.cases;
    this.flow = b.flow;
  }

  /** A builder. */
  public static Builder builder(OdooClient odoo) {
    return new Builder(odoo);
  }

  /** {@code orders}, then the drawing links of every order it applied. */
  public Sink<PurchaseOrder> linking(Sink<PurchaseOrder> orders) {
    Objects.requireNonNull(orders, "orders");
    return batch -> {
      List<SinkResult> results = orders.apply(batch);
      List<SinkResult> out = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        SinkResult r = results.get(i);
        if (r.outcome() == SinkResult.Outcome.APPLIED) {
          try {
            link(batch.get(i).payload());
          } catch (AdapterException e) {
            r = SinkResult.failed(e);
          }
        }
        out.add(r);
      }
      return out;
    };
  }

  /**
   * Links the order's lines in Odoo to the drawing revisions they were bought for (lines found
   * by line number); returns the linked line ids. Links already there are kept.
   *
   * @throws AdapterException when the order or one of its lines is not in Odoo
   */
  public List<Long> link(PurchaseOrder order) {
    long id = orderId(order);
    Map<Integer, Long> byNumber = new LinkedHashMap<>();
    for (Record r : odoo.model(LineHolds.LINE).searchRead(Query.where(Domain.where("order_id", "=", id)).fields("sequence"))) {
      byNumber.putIfAbsent((int) r.getLong("sequence"), r.id());
    }
    List<Long> linked = new ArrayList<>();
    for (PurchaseOrderLine l : order.lines()) {
      if (l.drawingRefs().isEmpty()) {
        continue;
      }
      Long line = byNumber.get(l.lineNumber());
      if (line == null) {
        throw new AdapterException("purchase order " + order.number() + " has no line " + l.lineNumber() + " in Odoo");
      }
      List<String> have = LineHolds.links(odoo, List.of(line)).stream().map(r -> r.getString("url").orElse("")).toList();
      for (SourceRef drawing : l.drawingRefs()) {
        String url = LineHolds.url(drawing.key());
        if (!have.contains(url)) {
          odoo.model(LineHolds.ATTACHMENT).create(Map.of("name", "Drawing " + drawing.id(), "type", "url", "url", url,
              "res_model", LineHolds.LINE, "res_id", line, "description", "bought for drawing " + drawing.id()));
        }
      }
      linked.add(line);
    }
    return linked;
  }

  /**
   * Holds every line linked to the superseded revision (found from the links, in Odoo), tells
   * the buyers; returns the lines held by this revision (also those held before by it).
   */
  public List<HeldLine> supersede(DocumentRevision superseded) {
    String reason = "drawing " + superseded.documentNumber() + " rev " + superseded.revisionCode() + " superseded"
        + superseded.supersededBy().map(s -> " by " + s.id()).orElse("");
    List<Record> links = new ArrayList<>();
    for (SourceRef ref : superseded.sourceRefs()) {
      links.addAll(odoo.model(LineHolds.ATTACHMENT).searchRead(Query.where(Domain.where("res_model", "=", LineHolds.LINE)
          .and(Domain.where("url", "=", LineHolds.url(ref.key())))).fields("res_id", "description").order("id")));
    }
    Map<Long, List<HeldLine>> byOrder = new LinkedHashMap<>();
    for (Record link : links) {
      long line = link.getLong("res_id");
      Record l = line(line);
      long order = l.getMany2one("order_id").map(Many2one::id).orElse(0L);
      if (!link.getString("description").orElse("").startsWith(LineHolds.HELD)) {
        odoo.model(LineHolds.ATTACHMENT).write(link.id(), Map.of("description", LineHolds.HELD + reason));
        reserve(line, false);
      }
      byOrder.computeIfAbsent(order, k -> new ArrayList<>()).add(new HeldLine(order,
          l.getMany2one("order_id").map(Many2one::displayName).orElse(""), line, (int) l.getLong("sequence"),
          l.getString("name").orElse(""), reason));
    }
    byOrder.forEach((order, lines) -> {
      tell(order, reason, lines);
      cases.ifPresent(desk -> openCase(desk, order, reason, lines));
    });
    return byOrder.values().stream().flatMap(List::stream).toList();
  }

  /** The held lines of an order. */
  public List<HeldLine> held(long purchaseOrder) {
    List<HeldLine> out = new ArrayList<>();
    LineHolds.heldOf(odoo, purchaseOrder).forEach((line, reason) -> {
      Record l = line(line);
      out.add(new HeldLine(purchaseOrder, l.getMany2one("order_id").map(Many2one::displayName).orElse(""), line,
          (int) l.getLong("sequence"), l.getString("name").orElse(""), reason));
    });
    return out;
  }

  /** Review: the line stands; its receipt move is reserved again and it can be received and billed. */
  public void release(long line, String note) {
    List<String> reasons = unhold(line, "released after review: " + note);
    if (!reasons.isEmpty()) {
      reserve(line, true);
    }
    clearActivity(line, reasons, "released after review: " + note);
  }

  /**
   * Review: the line goes; its quantity becomes what was received (Odoo keeps confirmed lines),
   * which cancels what its receipt still expected.
   */
  public void cancel(long line, String reason) {
    Record l = line(line);
    List<String> reasons = unhold(line, "cancelled after review: " + reason);
    if (!reasons.isEmpty()) {
      BigDecimal received = l.getDecimal("qty_received");
      if (l.getDecimal("product_qty").compareTo(received) != 0) {
        odoo.model(LineHolds.LINE).write(line, Map.of("product_qty", received));
      }
    }
    clearActivity(line, reasons, "cancelled after review: " + reason);
  }

  /** Lifts the line's holds; returns their reasons (none: it was not held). */
  private List<String> unhold(long line, String description) {
    List<String> reasons = new ArrayList<>();
    for (Record link : LineHolds.links(odoo, List.of(line))) {
      String d = link.getString("description").orElse("");
      if (d.startsWith(LineHolds.HELD)) {
        odoo.model(LineHolds.ATTACHMENT).write(link.id(), Map.of("description", description));
        reasons.add(d.substring(LineHolds.HELD.length()));
      }
    }
    return reasons;
  }

  /** Unreserves (quantity 0) or reserves in full the line's open receipt moves. */
  private void reserve(long line, boolean reserve) {
    for (Record m : odoo.model("stock.move").searchRead(Query.where(Domain.where("purchase_line_id", "=", line)
        .and(Domain.where("state", "not in", List.of("done", "cancel"))))
        .fields("product_uom_qty"))) {
      Map<String, Object> vals = new LinkedHashMap<>();
      vals.put("quantity", reserve ? m.getDecimal("product_uom_qty") : BigDecimal.ZERO);
      vals.put("picked", false);
      odoo.model("stock.move").write(m.id(), vals);
    }
  }

  private void tell(long order, String reason, List<HeldLine> lines) {
    Record po = odoo.model(ORDER).read(List.of(order), List.of("name", "user_id")).stream().findFirst()
        .orElseThrow(() -> new AdapterException(ORDER + " " + order + " does not exist"));
    long model = orderModel();
    String summary = ACTIVITY + reason;
    List<Long> existing = Activities.find(odoo, model, order, "=", summary);
    if (existing.isEmpty()) {
      StringBuilder note = new StringBuilder("<p>").append(reason).append(": held until reviewed</p><ul>");
      lines.forEach(l -> note.append("<li>line ").append(l.lineNumber()).append(": ").append(l.description()).append("</li>"));
      Map<String, Object> vals = new LinkedHashMap<>();
      vals.put("res_model_id", model);
      vals.put("res_id", order);
      vals.put("summary", summary);
      vals.put("note", note.append("</ul>").toString());
      vals.put("date_deadline", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
      po.getMany2one("user_id").ifPresent(u -> vals.put("user_id", u.id()));
      odoo.model(Activities.MODEL).create(vals);
      String owner = po.getMany2one("user_id").map(Many2one::displayName).orElse("buyer");
      notifier.accept(owner, po.getString("name").orElse("") + ": " + lines.size() + " line(s) on hold, " + reason);
    }
  }

  /** One case per order and reason, with the held lines' project, cost code and subtotal. */
  private void openCase(CaseOpener desk, long order, String reason, List<HeldLine> lines) {
    List<Record> rows = odoo.model(LineHolds.LINE).read(lines.stream().map(HeldLine::line).toList(),
        List.of("analytic_distribution", "price_subtotal"));
    BigDecimal amount = BigDecimal.ZERO;
    String[] posting = {"", ""};
    Map<Long, String[]> costCodes = AnalyticPostings.costCodeAccounts(odoo, MappingContext.live(odoo, known).refs().costCodePlanId());
    Map<Long, String> projectCodes = new LinkedHashMap<>();
    for (Record r : rows) {
      amount = amount.add(r.getDecimal("price_subtotal"));
      String[] at = AnalyticPostings.posting(odoo, AnalyticPostings.distribution(r), costCodes, projectCodes);
      posting[0] = posting[0].isEmpty() ? at[0] : posting[0];
      posting[1] = posting[1].isEmpty() ? at[1] : posting[1];
    }
    String name = lines.get(0).orderName();
    desk.open(NewCase.of(caseKey(order, reason), CaseKind.DRAWING_HOLD,
        name + ": " + lines.size() + " line(s) on hold, " + reason)
        .withRecord(flow, ORDER, ORDER + "," + order)
        .withMoney(posting[0], posting[1], Optional.of(amount.setScale(Math.max(0, amount.stripTrailingZeros().scale()),
            java.math.RoundingMode.UNNECESSARY))));
  }

  private static String caseKey(long order, String reason) {
    String key = "drawing_hold:" + ORDER + "," + order + ":" + reason;
    return key.length() > 500 ? key.substring(0, 500) : key;
  }

  /** Removes the order's hold activities, and resolves its hold cases, once none of its lines is held. */
  private void clearActivity(long line, List<String> reasons, String resolution) {
    long order = line(line).getMany2one("order_id").map(Many2one::id).orElse(0L);
    if (LineHolds.heldOf(odoo, order).isEmpty()) {
      cases.ifPresent(desk -> reasons.forEach(r -> desk.resolve(caseKey(order, r), "review", resolution)));
      Activities.remove(odoo, Activities.find(odoo, orderModel(), order, "=like", ACTIVITY + "%"));
    }
  }

  private Record line(long line) {
    return odoo.model(LineHolds.LINE).read(List.of(line), List.of("order_id", "sequence", "name", "product_qty", "qty_received"))
        .stream().findFirst().orElseThrow(() -> new AdapterException(LineHolds.LINE + " " + line + " does not exist"));
  }

  private long orderModel() {
    return Activities.modelId(odoo, ORDER);
  }

  private long orderId(PurchaseOrder order) {
    Optional<Long> id = known.idOf(order.externalId());
    if (id.isEmpty()) {
      id = odoo.model("ir.model.data").searchRead(Query.where(Domain.where("model", "=", ORDER)
          .and(Domain.where("module", "=", ExternalIds.MODULE))
          .and(Domain.where("name", "=", order.externalId().substring(ExternalIds.MODULE.length() + 1)))).fields("res_id").limit(1))
          .stream().findFirst().map(r -> r.getLong("res_id"));
    }
    return id.orElseThrow(() -> new AdapterException("purchase order " + order.number() + " is not in Odoo"));
  }

  /** Configures {@link OdooDrawingHolds}; not thread-safe, settings copied at {@link #build()}. */
  public static final class Builder {
    private final OdooClient odoo;
    private InMemoryReferences known = new InMemoryReferences();
    private BiConsumer<String, String> notifier = (owner, message) -> { };
    private Optional<CaseOpener> cases = Optional.empty();
    private String flow = "";

    private Builder(OdooClient odoo) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
    }

    /** References shared with the sinks that wrote the orders. */
    public Builder references(InMemoryReferences known) {
      this.known = Objects.requireNonNull(known, "known");
      return this;
    }

    /** Receives (owner, message) when lines go on hold. */
    public Builder notifier(BiConsumer<String, String> notifier) {
      this.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /** Opens a drawing-hold case for every order with lines put on hold on {@code desk} (e.g. a {@code CaseDesk}; default: none), flow {@code drawings}. */
    public Builder cases(CaseOpener desk) {
      return cases(desk, "drawings");
    }

    /** Opens a drawing-hold case for every order with lines put on hold on {@code desk}, routed as flow {@code flowName}. */
    public Builder cases(CaseOpener desk, String flowName) {
      this.cases = Optional.of(Objects.requireNonNull(desk, "desk"));
      this.flow = Objects.requireNonNull(flowName, "flowName");
      return this;
    }

    /** The holds. */
    public OdooDrawingHolds build() {
      return new OdooDrawingHolds(this);
    }
  }
}
