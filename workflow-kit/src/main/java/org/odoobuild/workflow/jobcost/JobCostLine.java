package org.odoobuild.workflow.jobcost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Budget against cost of one cost code of a project.
 *
 * @param costCode the cost code
 * @param name its title ({@code ""} when unknown)
 * @param budget the budgeted amount
 * @param committed open commitments: what confirmed purchase order lines still owe (ordered
 *     minus posted-billed quantity, at the order price)
 * @param actual posted cost (the ERP's analytic lines)
 */
public record JobCostLine(String costCode, String name, BigDecimal budget, BigDecimal committed, BigDecimal actual) {

  /** Validates. */
  public JobCostLine {
    Objects.requireNonNull(costCode, "costCode");
    name = name == null ? "" : name;
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(committed, "committed");
    Objects.requireNonNull(actual, "actual");
  }

  /** Committed plus actual: what the cost code will cost as things stand. */
  public BigDecimal projected() {
    return committed.add(actual);
  }

  /** Budget minus actual: what is left to spend. */
  public BigDecimal remaining() {
    return budget.subtract(actual);
  }

  /**
   * Budget minus projected: what is left to commit; negative when the cost code is projected to
   * overrun its budget. The release gate refuses an order that would take it below zero.
   */
  public BigDecimal variance() {
    return budget.subtract(projected());
  }

  /** The sum of two lines under another code. */
  JobCostLine plus(JobCostLine o, String code) {
    return new JobCostLine(code, "", budget.add(o.budget), committed.add(o.committed), actual.add(o.actual));
  }
}
