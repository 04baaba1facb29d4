package org.odoobuild.workflow.jobcost;

import java.util.Optional;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.Budget;

/**
 * Where project budgets by cost code are kept when the ERP has no budget model of its own
 * ({@link InMemoryBudgetStore}, {@link JdbcBudgetStore} beside the sync state). One budget per
 * project: saving a new revision replaces the previous one.
 */
public interface BudgetStore {

  /** Saves (or replaces) the budget of its project. */
  void save(Budget budget);

  /** The budget of a project (by the project's canonical reference, revision ignored). */
  Optional<Budget> find(SourceRef project);
}
