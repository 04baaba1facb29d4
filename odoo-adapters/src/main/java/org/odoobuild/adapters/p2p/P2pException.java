package org.odoobuild.adapters.p2p;

import java.util.Locale;
import java.util.Objects;
import org.odoobuild.adapters.AdapterException;

/**
 * A receipt, vendor bill, change order or progress claim the procure-to-pay adapters refuse before anything is written to
 * Odoo: the message starts with the {@link Problem}'s code (e.g. {@code over_receipt: …}), so a
 * dead letter says why. Never retried by the engine (not transient).
 */
public final class P2pException extends AdapterException {
  private static final long serialVersionUID = 1L;
  private final Problem problem;

  /** What is wrong with the input. */
  public enum Problem {
    /** The record breaks the canonical model's rules (e.g. a negative quantity). */
    INVALID,
    /** The purchase order it refers to is not in Odoo (or it refers to none). */
    UNKNOWN_PURCHASE_ORDER,
    /** The purchase order is not confirmed (draft, cancelled). */
    ORDER_NOT_CONFIRMED,
    /** A line refers to an order line the purchase order does not have. */
    UNKNOWN_ORDER_LINE,
    /** The vendor is not in Odoo, or is not the order's vendor. */
    VENDOR_MISMATCH,
    /** The bill's currency is not the order's. */
    CURRENCY_MISMATCH,
    /** A quantity's unit cannot be converted into the order line's unit. */
    UNIT_MISMATCH,
    /** More would be received than the order still expects. */
    OVER_RECEIPT,
    /** An order line is on hold (a superseded drawing) until it is reviewed: neither received nor billed. */
    LINE_ON_HOLD,
    /** The purchase order is locked (17: state {@code done}; 19: {@code locked}): a change order cannot amend it. */
    ORDER_LOCKED,
    /** A change would bring an order line below what was already received or billed. */
    BELOW_RECEIVED_OR_BILLED,
    /** A progress claim would certify more than 100 % of a schedule-of-values line. */
    OVER_CERTIFIED,
    /** Odoo refused the record (its message follows). */
    REFUSED,
    /** The bill posts to a project closed for postings ({@code PostingControls}). */
    PROJECT_CLOSED,
    /** The bill posts to a cost code closed for postings on its project ({@code PostingControls}). */
    COST_CODE_CLOSED,
    /** The approver's limit for the project and cost code is below the amount approved ({@code ApprovalAuthority}). */
    OVER_APPROVAL_LIMIT,
    /** The approver holds no role that may approve here ({@code ApprovalAuthority}). */
    NOT_AN_APPROVER
  }

  /** An exception for a problem, with the details. */
  public P2pException(Problem problem, String detail) {
    super(Objects.requireNonNull(problem, "problem").name().toLowerCase(Locale.ROOT) + ": " + detail);
    this.problem = problem;
  }

  /**
   * An exception for a refusal by a control of the workflow kit, with the same problem.
   *
   * @param refused the control's refusal
   * @return the exception (its cause is {@code refused})
   */
  public static P2pException of(org.odoobuild.workflow.authority.ControlRefusedException refused) {
    P2pException e = new P2pException(Problem.valueOf(refused.problem().name()), refused.getMessage());
    e.initCause(refused);
    return e;
  }

  /** The problem. */
  public Problem problem() {
    return problem;
  }
}
