package org.odoobuild.workflow.p2p;

import java.util.List;

/**
 * The outcome of a three-way match of one vendor bill.
 *
 * @param billNumber the bill
 * @param variances the differences beyond tolerance (empty: the bill matches)
 */
public record MatchResult(String billNumber, List<Variance> variances) {

  /** Copies the list. */
  public MatchResult {
    variances = List.copyOf(variances);
  }

  /** Whether the bill may be approved for payment. */
  public boolean matched() {
    return variances.isEmpty();
  }

  /** A short description for notifications. */
  public String summary() {
    if (matched()) {
      return "bill " + billNumber + " matches its purchase order and receipts";
    }
    StringBuilder sb = new StringBuilder("bill " + billNumber + " blocked: ");
    for (int i = 0; i < variances.size(); i++) {
      sb.append(i == 0 ? "" : "; ").append(variances.get(i).message());
    }
    return sb.toString();
  }
}
