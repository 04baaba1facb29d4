package org.odoobuild.workflow.changeorder;

import java.util.List;
import java.util.Map;
import org.odoobuild.model.common.Money;

/**
 * The effect of an approved change order: the revised budget per cost code, the revised total
 * (the forecast at completion when commitments are below budget) and the cost codes whose
 * commitments now exceed their budget.
 *
 * @param changeOrder the change order number
 * @param revisedBudget cost code → budget after the change
 * @param revisedTotal the new budget total
 * @param flags commitments above budget
 */
public record BudgetImpact(String changeOrder, Map<String, Money> revisedBudget, Money revisedTotal,
    List<CommitmentFlag> flags) {

  /** Copies. */
  public BudgetImpact {
    revisedBudget = Map.copyOf(revisedBudget);
    flags = List.copyOf(flags);
  }
}
