package org.odoobuild.workflow.procurement;

import java.util.Optional;

/**
 * Whether releasing a purchase order keeps every cost code it charges within its remaining
 * budget. {@code org.odoobuild.adapters.p2p.OdooJobCost} implements it from the ERP's job cost;
 * the release gate refuses the order with the check's message (which names the numbers).
 */
@FunctionalInterface
public interface BudgetCheck {

  /** Empty when the order may be released; otherwise why not. */
  Optional<String> refusal(String purchaseOrder);

  /** A check that never refuses. */
  static BudgetCheck none() {
    return po -> Optional.empty();
  }
}
