package org.odoobuild.workflow.p2p;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.EventType;

/**
 * What the procure-to-pay chain announces once the ERP's state changed: a delivery received on
 * site ({@code delivery_received_on_site}), a bill blocked for variance
 * ({@code invoice_blocked_for_variance}), cost posted to project cost codes ({@code cost_posted}), an
 * approved change order ({@code change_order_approved}), a certified subcontractor progress claim
 * ({@code subcontractor_progress_certified}), a field material request in the ERP
 * ({@code material_requested}).
 * Payloads of the engine's event flows (JSON with an {@code event} property naming the type).
 * ERP records are referred to as {@code model,id} (e.g. {@code stock.picking,12}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = P2pEvent.DeliveryReceived.class, name = "delivery_received_on_site"),
    @JsonSubTypes.Type(value = P2pEvent.InvoiceBlocked.class, name = "invoice_blocked_for_variance"),
    @JsonSubTypes.Type(value = P2pEvent.CostPosted.class, name = "cost_posted"),
    @JsonSubTypes.Type(value = P2pEvent.ChangeOrderApproved.class, name = "change_order_approved"),
    @JsonSubTypes.Type(value = P2pEvent.ProgressCertified.class, name = "subcontractor_progress_certified"),
    @JsonSubTypes.Type(value = P2pEvent.MaterialRequested.class, name = "material_requested")})
public sealed interface P2pEvent permits P2pEvent.DeliveryReceived, P2pEvent.InvoiceBlocked, P2pEvent.CostPosted,
    P2pEvent.ChangeOrderApproved, P2pEvent.ProgressCertified, P2pEvent.MaterialRequested {

  /** The event type. */
  EventType type();

  /** The ERP record whose state change this is ({@code model,id}). */
  String subject();

  /**
   * Goods were received against a purchase order: the receipt validated in the ERP.
   *
   * @param receipt the delivery's number (ticket) from the field
   * @param purchaseOrder the order's number in the ERP
   * @param picking the validated receipt ({@code stock.picking,<id>})
   * @param backorder the receipt of what is still expected, if any
   * @param receivedDate when it was received
   * @param lines what was received per order line
   */
  record DeliveryReceived(String receipt, String purchaseOrder, String picking, Optional<String> backorder,
      LocalDate receivedDate, List<ReceivedLine> lines) implements P2pEvent {
    /** Validates and copies. */
    public DeliveryReceived {
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(picking, "picking");
      backorder = backorder == null ? Optional.empty() : backorder;
      lines = List.copyOf(lines);
    }

    @Override
    public EventType type() {
      return EventCatalog.DELIVERY_RECEIVED_ON_SITE;
    }

    @Override
    public String subject() {
      return picking;
    }
  }

  /**
   * One received order line.
   *
   * @param orderLine the order line number
   * @param product the product code ({@code ""} when none)
   * @param received accepted into stock, in the order line's unit
   * @param rejected refused on site (damaged, wrong item)
   * @param outstanding still expected (on the backorder)
   * @param unit the unit symbol
   */
  record ReceivedLine(int orderLine, String product, BigDecimal received, BigDecimal rejected, BigDecimal outstanding,
      String unit) {}

  /**
   * A vendor bill failed the three-way match: it stays unposted and waits for its owner.
   *
   * @param bill the vendor's bill number
   * @param vendor the vendor's name
   * @param purchaseOrder the order's number in the ERP
   * @param erpBill the draft bill in the ERP ({@code account.move,<id>})
   * @param owner who decides
   * @param variances what differs beyond tolerance
   */
  record InvoiceBlocked(String bill, String vendor, String purchaseOrder, String erpBill, String owner, List<Variance> variances)
      implements P2pEvent {
    /** Validates and copies. */
    public InvoiceBlocked {
      Objects.requireNonNull(erpBill, "erpBill");
      variances = List.copyOf(variances);
    }

    @Override
    public EventType type() {
      return EventCatalog.INVOICE_BLOCKED_FOR_VARIANCE;
    }

    @Override
    public String subject() {
      return erpBill;
    }
  }

  /**
   * A bill was posted: its cost is on the project's cost codes.
   *
   * @param bill the vendor's bill number
   * @param vendor the vendor's name
   * @param purchaseOrder the order's number in the ERP
   * @param erpBill the posted bill ({@code account.move,<id>})
   * @param entry the posted entry's number (e.g. {@code BILL/2026/03/0001})
   * @param currency the ISO currency code of the amounts
   * @param lines the cost per project and cost code, as the ERP's analytic lines say
   */
  record CostPosted(String bill, String vendor, String purchaseOrder, String erpBill, String entry, String currency,
      List<CostLine> lines) implements P2pEvent {
    /** Validates and copies. */
    public CostPosted {
      Objects.requireNonNull(erpBill, "erpBill");
      lines = List.copyOf(lines);
    }

    /** The sum of the lines. */
    public BigDecimal total() {
      return lines.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public EventType type() {
      return EventCatalog.COST_POSTED;
    }

    @Override
    public String subject() {
      return erpBill;
    }
  }

  /**
   * Cost posted on one project and cost code.
   *
   * @param project the project's code ({@code ""} when the line has no project)
   * @param costCode the cost code ({@code ""} when the line has none)
   * @param amount the cost (positive)
   * @param quantity the quantity behind it
   */
  record CostLine(String project, String costCode, BigDecimal amount, BigDecimal quantity) {}

  /**
   * An approved change order amended its commitment in the ERP and revised the budget.
   *
   * @param changeOrder the change order's number
   * @param purchaseOrder the amended order's number in the ERP ({@code ""} when it amends none)
   * @param erpOrder the amended order ({@code purchase.order,<id>}), or the project when it amends none
   * @param currency the ISO currency code of the amounts
   * @param budgetChange the change per cost code
   * @param changedLines ERP ids of the order lines changed
   * @param addedLines ERP ids of the order lines added
   */
  record ChangeOrderApproved(String changeOrder, String purchaseOrder, String erpOrder, String currency,
      Map<String, BigDecimal> budgetChange, List<Long> changedLines, List<Long> addedLines) implements P2pEvent {
    /** Validates and copies. */
    public ChangeOrderApproved {
      Objects.requireNonNull(changeOrder, "changeOrder");
      Objects.requireNonNull(erpOrder, "erpOrder");
      budgetChange = Map.copyOf(budgetChange);
      changedLines = List.copyOf(changedLines);
      addedLines = List.copyOf(addedLines);
    }

    @Override
    public EventType type() {
      return EventCatalog.CHANGE_ORDER_APPROVED;
    }

    /** The ERP record and the change order: one event per change order, even for several on one order. */
    @Override
    public String subject() {
      return erpOrder + "/" + changeOrder;
    }
  }

  /**
   * A subcontractor's progress claim was certified in the ERP: the received quantities of the
   * subcontract's service lines are the work to date, and the period is billed less retention.
   *
   * @param claim the claim's number
   * @param purchaseOrder the subcontract's number in the ERP
   * @param periodEnd the last day of the period
   * @param erpBill the period's bill ({@code account.move,<id>}); when the period adds nothing to
   *     bill, the order and period ({@code purchase.order,<id>/<period end>})
   * @param currency the ISO currency code of the amounts
   * @param certified the value certified this period (before retention)
   * @param retentionHeld retention held back on this period's bill
   * @param billed the period's bill total (certified, plus taxes where the ERP applies them, less retention)
   * @param retentionReleased retention released by this claim (the subcontract complete), else zero
   * @param releaseBill the bill releasing the retention ({@code account.move,<id>}), if any
   * @param lines the work to date per schedule-of-values line, as the ERP now holds it
   */
  record ProgressCertified(String claim, String purchaseOrder, LocalDate periodEnd, String erpBill, String currency,
      BigDecimal certified, BigDecimal retentionHeld, BigDecimal billed, BigDecimal retentionReleased,
      Optional<String> releaseBill, List<ProgressLine> lines) implements P2pEvent {
    /** Validates and copies. */
    public ProgressCertified {
      Objects.requireNonNull(claim, "claim");
      Objects.requireNonNull(erpBill, "erpBill");
      releaseBill = releaseBill == null ? Optional.empty() : releaseBill;
      lines = List.copyOf(lines);
    }

    @Override
    public EventType type() {
      return EventCatalog.SUBCONTRACTOR_PROGRESS_CERTIFIED;
    }

    @Override
    public String subject() {
      return erpBill;
    }
  }

  /**
   * One schedule-of-values line after a certified claim.
   *
   * @param orderLine the order line number
   * @param description the line's description
   * @param ordered the line's quantity (the schedule of values)
   * @param receivedToDate the received quantity now in the ERP (work certified to date)
   * @param billedThisPeriod the quantity this claim's bill adds
   * @param percentToDate {@code receivedToDate} as a percentage of {@code ordered}
   */
  record ProgressLine(int orderLine, String description, BigDecimal ordered, BigDecimal receivedToDate,
      BigDecimal billedThisPeriod, BigDecimal percentToDate) {}

  /**
   * Materials requested from the field are in the ERP: a purchase requisition (call for tenders)
   * where the ERP has them, else a request for quotation; one record per vendor (or one without).
   *
   * @param request the request's (requisition's) number
   * @param project the project's canonical key
   * @param vendor the vendor's name in the ERP ({@code ""} when the request names none)
   * @param erpRecord the record ({@code purchase.requisition,<id>} or {@code purchase.order,<id>})
   * @param erpName the record's number in the ERP
   * @param lines what is requested
   */
  record MaterialRequested(String request, String project, String vendor, String erpRecord, String erpName,
      List<RequestedLine> lines) implements P2pEvent {
    /** Validates and copies. */
    public MaterialRequested {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(erpRecord, "erpRecord");
      lines = List.copyOf(lines);
    }

    @Override
    public EventType type() {
      return EventCatalog.MATERIAL_REQUESTED;
    }

    @Override
    public String subject() {
      return erpRecord;
    }
  }

  /**
   * One requested item, as the ERP holds it.
   *
   * @param product the product's internal reference
   * @param quantity the quantity
   * @param unit the unit's name in the ERP
   * @param costCode the cost code charged ({@code ""} when none)
   */
  record RequestedLine(String product, BigDecimal quantity, String unit, String costCode) {}
}
