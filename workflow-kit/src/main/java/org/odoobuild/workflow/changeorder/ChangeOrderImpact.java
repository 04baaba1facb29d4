package org.odoobuild.workflow.changeorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetLine;
import org.odoobuild.model.finance.ChangeOrder;
import org.odoobuild.model.finance.ChangeOrderLine;
import org.odoobuild.model.finance.ChangeOrderStatus;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrderStatus;

/**
 * Applies an approved change order to a budget and compares the result with the project's
 * commitments (confirmed purchase orders), cost code by cost code.
 */
public final class ChangeOrderImpact {
  private static final String UNCODED = "(no cost code)";

  private ChangeOrderImpact() {}

  /**
   * The impact of {@code co} on {@code budget} given the commitments.
   *
   * @throws IllegalStateException when the change order is not approved
   */
  public static BudgetImpact of(ChangeOrder co, Budget budget, List<PurchaseOrder> commitments) {
    if (co.status() != ChangeOrderStatus.APPROVED) {
      throw new IllegalStateException("change order " + co.number() + " is " + co.status() + ", not APPROVED");
    }
    Map<String, Money> revised = new TreeMap<>();
    for (BudgetLine l : budget.lines()) {
      revised.merge(l.costCode().orElse(UNCODED), l.amount(), Money::plus);
    }
    for (ChangeOrderLine l : co.lines()) {
      revised.merge(l.costCode().orElse(UNCODED), l.amount(), Money::plus);
    }
    Map<String, Money> committed = new TreeMap<>();
    for (PurchaseOrder po : commitments) {
      if (po.status() != PurchaseOrderStatus.CONFIRMED && po.status() != PurchaseOrderStatus.CLOSED) {
        continue;
      }
      for (PurchaseOrderLine l : po.lines()) {
        committed.merge(l.costCode().orElse(UNCODED), l.subtotal(), Money::plus);
      }
    }
    Money total = Money.zero(budget.currency());
    for (Money m : revised.values()) {
      total = total.plus(m);
    }
    List<CommitmentFlag> flags = new ArrayList<>();
    committed.forEach((code, amount) -> {
      Money b = revised.getOrDefault(code, Money.zero(budget.currency()));
      if (amount.amount().compareTo(b.amount()) > 0) {
        flags.add(new CommitmentFlag(code, b, amount));
      }
    });
    return new BudgetImpact(co.number(), revised, total, flags);
  }
}
