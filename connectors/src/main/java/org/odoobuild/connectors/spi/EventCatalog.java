package org.odoobuild.connectors.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event types an integration knows: the construction events of the SDK plus the host
 * app's own. Immutable; {@link #with(EventType)} returns an extended copy.
 */
public final class EventCatalog {
  /** A submittal was approved (or approved as noted) by the reviewer. */
  public static final EventType SUBMITTAL_APPROVED = EventType.of("submittal_approved",
      "A submittal was approved or approved as noted; linked procurement may be released.");
  /** A submittal came back for revision or was rejected. */
  public static final EventType SUBMITTAL_RETURNED = EventType.of("submittal_returned",
      "A submittal was returned as revise-and-resubmit or rejected.");
  /** A drawing or spec revision superseded an earlier one. */
  public static final EventType DRAWING_SUPERSEDED = EventType.of("drawing_superseded",
      "A drawing or specification revision superseded an earlier revision; impacted procurement lines are flagged.");
  /** Materials were requested from the field. */
  public static final EventType MATERIAL_REQUESTED = EventType.of("material_requested",
      "The field requested materials (a requisition).");
  /** An estimate was finalised and awarded. */
  public static final EventType ESTIMATE_AWARDED = EventType.of("estimate_awarded",
      "An estimate was finalised and the job awarded; project, cost codes and budget follow.");
  /** A budget was approved. */
  public static final EventType BUDGET_APPROVED = new EventType("budget_approved",
      "A project budget was approved.", true);
  /** A vendor was approved for purchasing. */
  public static final EventType VENDOR_APPROVED = EventType.of("vendor_approved",
      "A vendor passed compliance and may be purchased from.");
  /** A purchase order was approved (confirmed). */
  public static final EventType PURCHASE_ORDER_APPROVED = new EventType("purchase_order_approved",
      "A purchase order was approved and is a commitment.", true);
  /** A delivery was received on site. */
  public static final EventType DELIVERY_RECEIVED_ON_SITE = EventType.of("delivery_received_on_site",
      "Goods were received on site against a purchase order.");
  /** A vendor bill was received. */
  public static final EventType VENDOR_BILL_RECEIVED = new EventType("vendor_bill_received",
      "A vendor bill was received for matching.", true);
  /** A vendor bill was blocked because it does not match the PO and receipt. */
  public static final EventType INVOICE_BLOCKED_FOR_VARIANCE = new EventType("invoice_blocked_for_variance",
      "A vendor bill failed the three-way match beyond tolerance and is blocked for review.", true);
  /** A change order was approved. */
  public static final EventType CHANGE_ORDER_APPROVED = new EventType("change_order_approved",
      "A change order was approved; budget and forecast change.", true);
  /** A subcontractor's progress claim was certified and billed, less retention. */
  public static final EventType SUBCONTRACTOR_PROGRESS_CERTIFIED = new EventType("subcontractor_progress_certified",
      "A subcontractor's progress claim was certified: received quantities set, billed less retention.", true);
  /** Cost was posted to a project cost code. */
  public static final EventType COST_POSTED = new EventType("cost_posted",
      "Cost was posted to a project cost code.", true);
  /** Equipment usage (hours, fuel, downtime) was reported. */
  public static final EventType EQUIPMENT_USAGE_REPORTED = EventType.of("equipment_usage_reported",
      "Equipment usage (hours, fuel, downtime or a meter reading) was reported.");
  /** A maintenance threshold was reached. */
  public static final EventType MAINTENANCE_DUE = EventType.of("maintenance_due",
      "An asset reached a maintenance threshold.");
  /** A master record (project, cost code, vendor, asset) changed. */
  public static final EventType MASTER_DATA_CHANGED = EventType.of("master_data_changed",
      "A master record (project, cost code, vendor, asset) was created or changed.");

  private static final EventCatalog STANDARD = new EventCatalog(Map.of()).withAll(java.util.List.of(
      SUBMITTAL_APPROVED, SUBMITTAL_RETURNED, DRAWING_SUPERSEDED, MATERIAL_REQUESTED, ESTIMATE_AWARDED,
      BUDGET_APPROVED, VENDOR_APPROVED, PURCHASE_ORDER_APPROVED, DELIVERY_RECEIVED_ON_SITE, VENDOR_BILL_RECEIVED,
      INVOICE_BLOCKED_FOR_VARIANCE, CHANGE_ORDER_APPROVED, SUBCONTRACTOR_PROGRESS_CERTIFIED, COST_POSTED, EQUIPMENT_USAGE_REPORTED, MAINTENANCE_DUE,
      MASTER_DATA_CHANGED));

  private final Map<String, EventType> types;

  private EventCatalog(Map<String, EventType> types) {
    this.types = types;
  }

  /** The SDK's construction events. */
  public static EventCatalog standard() {
    return STANDARD;
  }

  /** This catalogue plus one type; a different type with an existing name is refused. */
  public EventCatalog with(EventType type) {
    return withAll(java.util.List.of(type));
  }

  private EventCatalog withAll(Collection<EventType> more) {
    Map<String, EventType> copy = new LinkedHashMap<>(types);
    for (EventType t : more) {
      EventType old = copy.putIfAbsent(t.name(), t);
      if (old != null && !old.equals(t)) {
        throw new IllegalArgumentException("event type '" + t.name() + "' is already defined differently");
      }
    }
    return new EventCatalog(Collections.unmodifiableMap(copy));
  }

  /** The type with this name. */
  public Optional<EventType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** The type with this name, or an exception naming the known ones. */
  public EventType require(String name) {
    EventType t = types.get(name);
    if (t == null) {
      throw new IllegalArgumentException("unknown event type '" + name + "'; known: " + types.keySet());
    }
    return t;
  }

  /** Every type, in definition order. */
  public Collection<EventType> all() {
    return types.values();
  }
}
