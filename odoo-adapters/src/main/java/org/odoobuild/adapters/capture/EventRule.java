package org.odoobuild.adapters.capture;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.odoobuild.connectors.spi.EventType;

/**
 * Derives a business event from a change, comparing with the previous snapshot rather than
 * guessing: e.g. a {@code purchase.order} whose {@code state} became {@code purchase} is a
 * {@code purchase_order_approved}.
 * <pre>{@code EventRule.enters("purchase.order", "state", "purchase", EventCatalog.PURCHASE_ORDER_APPROVED)}</pre>
 *
 * @param model the model the rule applies to
 * @param event the event emitted
 * @param when the condition on the change
 */
public record EventRule(String model, EventType event, Predicate<OdooChange> when) {

  /** Validates the parts. */
  public EventRule {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(when, "when");
  }

  /** Emits when {@code field} takes {@code value} and did not have it at the previous capture. */
  public static EventRule enters(String model, String field, Object value, EventType event) {
    return new EventRule(model, event, c -> c.kind() != OdooChange.Kind.DELETED
        && Objects.equals(c.values().get(field), value)
        && (c.previous().isEmpty() || !Objects.equals(c.previous().get(field), value)));
  }

  /** Emits for every change of the given kind (e.g. any archival). */
  public static EventRule on(String model, OdooChange.Kind kind, EventType event) {
    return new EventRule(model, event, c -> c.kind() == kind);
  }

  /** The event for a change, when the rule applies. */
  public Optional<EventType> apply(OdooChange change) {
    return change.model().equals(model) && when.test(change) ? Optional.of(event) : Optional.empty();
  }
}
