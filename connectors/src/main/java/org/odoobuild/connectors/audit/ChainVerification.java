package org.odoobuild.connectors.audit;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AuditChain#verify()} found.
 *
 * @param intact true when every sealed line still hashes to its seal and the links are unbroken
 * @param checked how many sealed lines were checked
 * @param unsealed lines appended since the last {@link AuditChain#seal()} (not yet protected; not a fault)
 * @param headHash the hash of the newest sealed line (keep it outside the database to detect a rewrite of the whole chain)
 * @param problems what is wrong, at most {@value AuditChain#MAX_PROBLEMS}, in chain order
 */
public record ChainVerification(boolean intact, long checked, long unsealed, String headHash, List<Problem> problems) {

  /** Validates and copies. */
  public ChainVerification {
    Objects.requireNonNull(headHash, "headHash");
    problems = List.copyOf(problems);
  }

  /**
   * One fault in the chain.
   *
   * @param seq the position in the chain
   * @param auditId the audit line's id
   * @param kind {@code altered} (a line's content changed), {@code deleted} (a sealed line is gone),
   *     {@code relinked} (a seal no longer points at its predecessor), {@code gap} (positions missing),
   *     {@code head} (the newest seals were removed)
   * @param message a human explanation
   */
  public record Problem(long seq, long auditId, String kind, String message) {}
}
