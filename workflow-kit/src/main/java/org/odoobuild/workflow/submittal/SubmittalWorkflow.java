package org.odoobuild.workflow.submittal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.odoobuild.workflow.kit.Step;
import org.odoobuild.workflow.kit.Workflow;

/**
 * The submittal lifecycle: draft → submitted → under review → approved / approved as noted /
 * revise and resubmit / rejected; an approved submittal is later superseded by a newer
 * revision. Reviews that take longer than the SLA escalate to the reviewer's manager.
 */
public final class SubmittalWorkflow {
  /** Submittal states. */
  public enum State {
    /** Being prepared by the subcontractor. */
    DRAFT,
    /** Sent to the general contractor. */
    SUBMITTED,
    /** With the architect/engineer. */
    UNDER_REVIEW,
    /** Approved without comments: procurement may be released. */
    APPROVED,
    /** Approved with comments: procurement may be released, comments apply. */
    APPROVED_AS_NOTED,
    /** Returned: must be revised and resubmitted. */
    REVISE_AND_RESUBMIT,
    /** Refused for good. */
    REJECTED,
    /** Replaced by a newer revision. */
    SUPERSEDED
  }

  /** Submittal events. */
  public enum Event {
    /** The subcontractor submits. */
    SUBMIT,
    /** The reviewer starts. */
    START_REVIEW,
    /** Approved. */
    APPROVE,
    /** Approved as noted. */
    APPROVE_AS_NOTED,
    /** Returned for revision. */
    RETURN_FOR_REVISION,
    /** Rejected. */
    REJECT,
    /** A revised submittal is sent again. */
    RESUBMIT,
    /** A newer revision replaces this one. */
    SUPERSEDE,
    /** The review SLA ran out. */
    ESCALATE
  }

  /**
   * What a decision carries.
   *
   * @param reviewer who decided
   * @param comments review comments
   */
  public record Decision(String reviewer, String comments) {}

  /** Receives the lifecycle's notable moments. */
  public interface Listener {
    /** The submittal was approved (or approved as noted): release the linked procurement. */
    void approved(Step<Decision> step);

    /** The review took longer than the SLA. */
    void overdue(Step<Decision> step);

    /** The submittal was returned or rejected. */
    void returned(Step<Decision> step);
  }

  private SubmittalWorkflow() {}

  /** The definition with a review SLA. */
  public static Workflow<State, Event, Decision> definition(Duration reviewSla, Listener listener) {
    Objects.requireNonNull(listener, "listener");
    Consumer<Step<Decision>> approved = listener::approved;
    return Workflow.define("submittal", State.class, Event.class, Decision.class)
        .initial(State.DRAFT)
        .from(State.DRAFT).on(Event.SUBMIT).to(State.SUBMITTED)
        .from(State.SUBMITTED).on(Event.START_REVIEW).to(State.UNDER_REVIEW)
        .from(State.UNDER_REVIEW).on(Event.APPROVE).to(State.APPROVED)
            .when("decision has a reviewer", d -> d != null && !d.reviewer().isBlank(), "no reviewer named")
            .then(approved::accept)
        .from(State.UNDER_REVIEW).on(Event.APPROVE_AS_NOTED).to(State.APPROVED_AS_NOTED)
            .when("decision has a reviewer", d -> d != null && !d.reviewer().isBlank(), "no reviewer named")
            .when("comments given", d -> d != null && !d.comments().isBlank(), "approved as noted needs the notes")
            .then(approved::accept)
        .from(State.UNDER_REVIEW).on(Event.RETURN_FOR_REVISION).to(State.REVISE_AND_RESUBMIT).then(listener::returned)
        .from(State.UNDER_REVIEW).on(Event.REJECT).to(State.REJECTED).then(listener::returned)
        .from(State.UNDER_REVIEW).on(Event.ESCALATE).to(State.UNDER_REVIEW).then(listener::overdue)
        .from(State.REVISE_AND_RESUBMIT).on(Event.RESUBMIT).to(State.SUBMITTED)
        .from(State.APPROVED).on(Event.SUPERSEDE).to(State.SUPERSEDED)
        .from(State.APPROVED_AS_NOTED).on(Event.SUPERSEDE).to(State.SUPERSEDED)
        .terminal(State.REJECTED, State.SUPERSEDED)
        .deadline(State.UNDER_REVIEW, reviewSla, Event.ESCALATE)
        .build();
  }
}
