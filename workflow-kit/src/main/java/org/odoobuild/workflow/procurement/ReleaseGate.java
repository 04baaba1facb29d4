package org.odoobuild.workflow.procurement;

import java.util.Objects;
import java.util.Optional;
import org.odoobuild.workflow.kit.Guard;
import org.odoobuild.workflow.kit.Workflow;

/**
 * The procurement release gate of one purchase order (or requisition) tied to a submittal:
 * only an approved submittal releases it in the ERP; a superseding drawing revision puts it on
 * hold (affected lines flagged, fulfilment suspended, owner notified) until a review resumes or
 * cancels it. Instance variables: {@code po} (the ERP reference), {@code owner}.
 */
public final class ReleaseGate {
  /** Release gate states. */
  public enum State {
    /** Waiting for the submittal approval. */
    AWAITING_APPROVAL,
    /** Released (confirmed) in the ERP. */
    RELEASED,
    /** Suspended: a drawing revision affects it. */
    ON_HOLD,
    /** Cancelled after review. */
    CANCELLED
  }

  /** Release gate events. */
  public enum Event {
    /** The linked submittal was approved (or approved as noted). */
    SUBMITTAL_APPROVED,
    /** A drawing or spec revision superseded what the order was based on. */
    DRAWING_SUPERSEDED,
    /** Review: the order still stands. */
    RESUME,
    /** Review: the order must go. */
    CANCEL
  }

  /**
   * What the events carry.
   *
   * @param reference the submittal number or drawing revision behind the event
   * @param vendorCompliant whether the vendor's insurance and licence are valid today
   * @param detail free text for the notification
   */
  public record Signal(String reference, boolean vendorCompliant, String detail) {}

  /** The name of the budget guard. */
  public static final String BUDGET_GUARD = "within the remaining budget";

  private ReleaseGate() {}

  /** The definition, acting through {@code port}. */
  public static Workflow<State, Event, Signal> definition(ProcurementPort port) {
    return definition(port, Optional.empty());
  }

  /**
   * The definition with a budget guard: an order is only released (or resumed) while every cost
   * code it charges stays within its remaining budget ({@code budget} says why not, with the
   * numbers).
   */
  public static Workflow<State, Event, Signal> definition(ProcurementPort port, BudgetCheck budget) {
    return definition(port, Optional.of(Objects.requireNonNull(budget, "budget")));
  }

  private static Workflow<State, Event, Signal> definition(ProcurementPort port, Optional<BudgetCheck> budget) {
    Objects.requireNonNull(port, "port");
    Guard<Signal> withinBudget = s -> budget.flatMap(b -> b.refusal(s.variables().get("po")));
    Workflow.Builder<State, Event, Signal>.To release = Workflow.define("release-gate", State.class, Event.class, Signal.class)
        .initial(State.AWAITING_APPROVAL)
        .from(State.AWAITING_APPROVAL).on(Event.SUBMITTAL_APPROVED).to(State.RELEASED)
            .when("vendor compliant", Signal::vendorCompliant, "the vendor's insurance or licence is not valid");
    if (budget.isPresent()) {
      release = release.when(BUDGET_GUARD, withinBudget);
    }
    Workflow.Builder<State, Event, Signal>.To resume = release
            .then(s -> port.release(s.variables().get("po")))
            .then(s -> port.notify(s.variables().getOrDefault("owner", "buyer"), s.variables().get("po")
                + " released: submittal " + s.payload().reference() + " approved"))
        .from(State.AWAITING_APPROVAL).on(Event.DRAWING_SUPERSEDED).to(State.ON_HOLD)
            .then(s -> hold(port, s.variables().get("po"), s.variables().getOrDefault("owner", "buyer"), s.payload()))
        .from(State.RELEASED).on(Event.DRAWING_SUPERSEDED).to(State.ON_HOLD)
            .then(s -> hold(port, s.variables().get("po"), s.variables().getOrDefault("owner", "buyer"), s.payload()))
        .from(State.ON_HOLD).on(Event.RESUME).to(State.RELEASED)
            .when("vendor compliant", Signal::vendorCompliant, "the vendor's insurance or licence is not valid");
    if (budget.isPresent()) {
      resume = resume.when(BUDGET_GUARD, withinBudget);
    }
    return resume
            .then(s -> port.resume(s.variables().get("po"), s.payload().detail()))
            .then(s -> port.release(s.variables().get("po")))
        .from(State.ON_HOLD).on(Event.CANCEL).to(State.CANCELLED)
            .then(s -> port.cancel(s.variables().get("po"), s.payload().detail()))
            .then(s -> port.notify(s.variables().getOrDefault("owner", "buyer"), s.variables().get("po")
                + " cancelled after review: " + s.payload().detail()))
        .terminal(State.CANCELLED)
        .build();
  }

  private static void hold(ProcurementPort port, String po, String owner, Signal signal) {
    String reason = "drawing " + signal.reference() + " superseded" + (signal.detail().isBlank() ? "" : ": " + signal.detail());
    port.hold(po, reason);
    port.notify(owner, po + " on hold: " + reason);
  }
}
