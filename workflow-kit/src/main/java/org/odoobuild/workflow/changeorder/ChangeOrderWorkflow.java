package org.odoobuild.workflow.changeorder;

import java.util.Objects;
import org.odoobuild.workflow.kit.Workflow;

/**
 * A change order: priced (draft) → pending approval → approved (budget and forecast updated,
 * commitments that now exceed their budget flagged) / rejected / void.
 */
public final class ChangeOrderWorkflow {
  /** Change order states. */
  public enum State {
    /** Being priced. */
    DRAFT,
    /** With the approver. */
    PENDING,
    /** Approved and applied to the budget. */
    APPROVED,
    /** Refused. */
    REJECTED,
    /** Withdrawn. */
    VOID
  }

  /** Change order events. */
  public enum Event {
    /** Sent for approval. */
    SUBMIT,
    /** Approved. */
    APPROVE,
    /** Refused. */
    REJECT,
    /** Withdrawn. */
    WITHDRAW
  }

  /** Applies an approved change. */
  public interface Port {
    /** Computes and applies the impact (update the budget, flag commitments); returns it. */
    BudgetImpact apply(String changeOrder);

    /** Tells an owner about commitments above budget. */
    void flag(String owner, CommitmentFlag flag);
  }

  private ChangeOrderWorkflow() {}

  /** The definition. Instance variables: {@code change_order}, {@code owner}. */
  public static Workflow<State, Event, String> definition(Port port) {
    Objects.requireNonNull(port, "port");
    return Workflow.define("change-order", State.class, Event.class, String.class)
        .initial(State.DRAFT)
        .from(State.DRAFT).on(Event.SUBMIT).to(State.PENDING)
        .from(State.DRAFT).on(Event.WITHDRAW).to(State.VOID)
        .from(State.PENDING).on(Event.APPROVE).to(State.APPROVED)
            .when("approver named", a -> a != null && !a.isBlank(), "no approver named")
            .then(s -> {
              BudgetImpact impact = port.apply(s.variables().get("change_order"));
              for (CommitmentFlag f : impact.flags()) {
                port.flag(s.variables().getOrDefault("owner", "project-manager"), f);
              }
            })
        .from(State.PENDING).on(Event.REJECT).to(State.REJECTED)
        .from(State.PENDING).on(Event.WITHDRAW).to(State.VOID)
        .terminal(State.APPROVED, State.REJECTED, State.VOID)
        .build();
  }
}
