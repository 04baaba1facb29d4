package org.odoobuild.workflow.changeorder;

import org.odoobuild.model.common.Money;

/**
 * A cost code whose commitments exceed its (revised) budget.
 *
 * @param costCode the cost code
 * @param budget the budget after the change order
 * @param committed the purchase order commitments on it
 */
public record CommitmentFlag(String costCode, Money budget, Money committed) {

  /** How much the commitments exceed the budget. */
  public Money overrun() {
    return committed.minus(budget);
  }
}
