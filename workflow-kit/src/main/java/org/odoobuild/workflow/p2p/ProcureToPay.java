package org.odoobuild.workflow.p2p;

import java.time.Duration;
import java.util.Objects;
import org.odoobuild.workflow.kit.Workflow;

/**
 * Procure-to-pay for one vendor bill: the three-way match decides; a matched bill is approved
 * for payment (posted in the ERP); a bill with variances is blocked
 * ({@code invoice_blocked_for_variance}) and routed to its owner, who approves the variance or
 * rejects the bill; a block left too long escalates.
 */
public final class ProcureToPay {
  /** Bill states. */
  public enum State {
    /** Received, not matched yet. */
    RECEIVED,
    /** Matched within tolerance and posted. */
    APPROVED_FOR_PAYMENT,
    /** Blocked: variances beyond tolerance, waiting for the owner. */
    BLOCKED_FOR_VARIANCE,
    /** The owner accepted the variance; posted. */
    VARIANCE_APPROVED,
    /** Refused; goes back to the vendor. */
    REJECTED
  }

  /** Bill events. */
  public enum Event {
    /** The match found no variance. */
    MATCHED,
    /** The match found variances. */
    VARIANCE_FOUND,
    /** The owner accepts the variance. */
    APPROVE_VARIANCE,
    /** The owner refuses the bill. */
    REJECT,
    /** The block lasted longer than the SLA. */
    ESCALATE
  }

  /**
   * What the events carry.
   *
   * @param match the match result (for MATCHED / VARIANCE_FOUND)
   * @param approver who decides (for APPROVE_VARIANCE / REJECT)
   * @param approverLimitExceeded whether the variance exceeds the approver's authority
   */
  public record Decision(MatchResult match, String approver, boolean approverLimitExceeded) {}

  /** What the workflow does outside. */
  public interface Port {
    /** Posts the bill in the ERP (e.g. Odoo {@code action_post}). */
    void post(String bill);

    /** Announces the block ({@code invoice_blocked_for_variance}) and routes it to the owner. */
    void block(String bill, String owner, MatchResult match);

    /** Escalates a block that is waiting too long. */
    void escalate(String bill, String owner);

    /** Tells the vendor/AP that the bill is refused. */
    void reject(String bill, String reason);
  }

  private ProcureToPay() {}

  /** The definition. Instance variables: {@code bill}, {@code owner}. */
  public static Workflow<State, Event, Decision> definition(Port port, Duration blockSla) {
    Objects.requireNonNull(port, "port");
    return Workflow.define("procure-to-pay", State.class, Event.class, Decision.class)
        .initial(State.RECEIVED)
        .from(State.RECEIVED).on(Event.MATCHED).to(State.APPROVED_FOR_PAYMENT)
            .when("three-way match passed", d -> d != null && d.match().matched(), "the match has variances")
            .then(s -> port.post(s.variables().get("bill")))
        .from(State.RECEIVED).on(Event.VARIANCE_FOUND).to(State.BLOCKED_FOR_VARIANCE)
            .when("variances present", d -> d != null && !d.match().matched(), "the match has no variance")
            .then(s -> port.block(s.variables().get("bill"), s.variables().getOrDefault("owner", "project-manager"),
                s.payload().match()))
        .from(State.BLOCKED_FOR_VARIANCE).on(Event.APPROVE_VARIANCE).to(State.VARIANCE_APPROVED)
            .when("approver named", d -> d != null && !d.approver().isBlank(), "no approver named")
            .when("within the approver's authority", d -> !d.approverLimitExceeded(),
                "the variance exceeds the approver's authority")
            .then(s -> port.post(s.variables().get("bill")))
        .from(State.BLOCKED_FOR_VARIANCE).on(Event.REJECT).to(State.REJECTED)
            .then(s -> port.reject(s.variables().get("bill"), s.reason()))
        .from(State.BLOCKED_FOR_VARIANCE).on(Event.ESCALATE).to(State.BLOCKED_FOR_VARIANCE)
            .then(s -> port.escalate(s.variables().get("bill"), s.variables().getOrDefault("owner", "project-manager")))
        .terminal(State.APPROVED_FOR_PAYMENT, State.VARIANCE_APPROVED, State.REJECTED)
        .deadline(State.BLOCKED_FOR_VARIANCE, blockSla, Event.ESCALATE)
        .build();
  }
}
