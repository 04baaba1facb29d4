package org.odoobuild.workflow.jobcost;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.Budget;

/** A {@link BudgetStore} in memory (tests, examples). Thread-safe. */
public final class InMemoryBudgetStore implements BudgetStore {
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

  @Override
  public void save(Budget budget) {
    budgets.put(budget.projectRef().key(), budget);
  }

  @Override
  public Optional<Budget> find(SourceRef project) {
    return Optional.ofNullable(budgets.get(project.key()));
  }
}
