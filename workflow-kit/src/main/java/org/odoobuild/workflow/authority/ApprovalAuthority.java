package org.odoobuild.workflow.authority;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.workflow.p2p.MatchResult;
import org.odoobuild.workflow.p2p.ProcureToPay;

/**
 * Approvers and their limits, checked by the SDK: each role has an amount limit, optionally
 * narrowed to a project and a cost-code prefix (the most specific matching limit of a role
 * applies); a user may approve up to the highest limit among their roles. Roles come from an
 * {@link ApproverDirectory} (configuration or Odoo groups). Immutable and thread-safe.
 * <pre>{@code
 * ApprovalAuthority authority = ApprovalAuthority.builder()
 *     .limit("project-manager", new BigDecimal("5000"))
 *     .limit("project-manager", "P-100", "", new BigDecimal("15000"))   // the tower job: more room
 *     .limit("controller", new BigDecimal("250000"))
 *     .member("pm.jane", "project-manager").build();
 * authority.check("pm.jane", new BigDecimal("12000"), "P-100", "03 20 00"); // passes
 * }</pre>
 */
public final class ApprovalAuthority {
  private final List<Limit> limits;
  private final ApproverDirectory directory;

  private record Limit(String role, String project, String costCode, BigDecimal amount) {
    boolean applies(String p, String c) {
      return (project.isEmpty() || project.equals(p)) && (costCode.isEmpty() || c.startsWith(costCode));
    }

    int specificity() {
      return (project.isEmpty() ? 0 : 2) + (costCode.isEmpty() ? 0 : 1);
    }
  }

  private ApprovalAuthority(Builder b) {
    this.limits = List.copyOf(b.limits);
    Map<String, Set<String>> members = new HashMap<>();
    b.members.forEach((k, v) -> members.put(k, Set.copyOf(v)));
    this.directory = b.directory.orElse(u -> members.getOrDefault(u, Set.of()));
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The most a user may approve on a project and cost code.
   *
   * @param user the approver
   * @param project the project ({@code ""} when none)
   * @param costCode the cost code ({@code ""} when none)
   * @return the limit; empty when none of the user's roles may approve here
   */
  public Optional<BigDecimal> limitOf(String user, String project, String costCode) {
    Optional<BigDecimal> best = Optional.empty();
    for (String role : directory.roles(user)) {
      Optional<Limit> l = limits.stream().filter(x -> x.role.equals(role) && x.applies(project, costCode))
          .max(java.util.Comparator.comparingInt(Limit::specificity));
      if (l.isPresent() && (best.isEmpty() || l.get().amount.compareTo(best.get()) > 0)) {
        best = Optional.of(l.get().amount);
      }
    }
    return best;
  }

  /**
   * Checks an approval.
   *
   * @param user the approver
   * @param amount the amount approved (e.g. the variance, or the order total)
   * @param project the project
   * @param costCode the cost code
   * @throws ControlRefusedException ({@code OVER_APPROVAL_LIMIT} or {@code NOT_AN_APPROVER}) when refused
   */
  public void check(String user, BigDecimal amount, String project, String costCode) {
    Objects.requireNonNull(amount, "amount");
    Optional<BigDecimal> limit = limitOf(user, project, costCode);
    if (limit.isEmpty()) {
      throw new ControlRefusedException(ControlRefusedException.Problem.NOT_AN_APPROVER,
          user + " may not approve on project " + project + (costCode.isEmpty() ? "" : ", cost code " + costCode));
    }
    if (amount.abs().compareTo(limit.get()) > 0) {
      throw new ControlRefusedException(ControlRefusedException.Problem.OVER_APPROVAL_LIMIT,
          user + " may approve up to " + limit.get().toPlainString() + " on project " + project + ", not "
              + amount.toPlainString());
    }
  }

  /**
   * The procure-to-pay decision to approve a variance, with the approver's authority checked
   * here rather than asserted by the caller.
   *
   * @param match the match result
   * @param approver who approves
   * @param varianceAmount the amount of the variance
   * @param project the project
   * @param costCode the cost code
   * @return the decision ({@code approverLimitExceeded} computed from the limits)
   */
  public ProcureToPay.Decision varianceDecision(MatchResult match, String approver, BigDecimal varianceAmount,
      String project, String costCode) {
    boolean exceeded;
    try {
      check(approver, varianceAmount, project, costCode);
      exceeded = false;
    } catch (ControlRefusedException e) {
      exceeded = true;
    }
    return new ProcureToPay.Decision(match, approver, exceeded);
  }

  /** Builds an {@link ApprovalAuthority}; not thread-safe. */
  public static final class Builder {
    private final List<Limit> limits = new ArrayList<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private Optional<ApproverDirectory> directory = Optional.empty();

    private Builder() {}

    /** A role's limit everywhere. */
    public Builder limit(String role, BigDecimal amount) {
      return limit(role, "", "", amount);
    }

    /**
     * A role's limit on a project and cost-code prefix ({@code ""}: any).
     *
     * @param role the role
     * @param project the project
     * @param costCodePrefix the cost-code prefix
     * @param amount the limit
     * @return this builder
     */
    public Builder limit(String role, String project, String costCodePrefix, BigDecimal amount) {
      if (amount.signum() < 0) {
        throw new IllegalArgumentException("a limit must not be negative");
      }
      limits.add(new Limit(Objects.requireNonNull(role, "role"), Objects.requireNonNull(project, "project"),
          Objects.requireNonNull(costCodePrefix, "costCodePrefix"), amount));
      return this;
    }

    /** Gives a user roles (configuration; ignored when a {@link #directory} is set). */
    public Builder member(String user, String... roles) {
      members.computeIfAbsent(Objects.requireNonNull(user, "user"), k -> new HashSet<>()).addAll(List.of(roles));
      return this;
    }

    /** Reads roles from a directory (e.g. Odoo groups) instead of {@link #member}. */
    public Builder directory(ApproverDirectory d) {
      this.directory = Optional.of(Objects.requireNonNull(d, "directory"));
      return this;
    }

    /** Builds it. */
    public ApprovalAuthority build() {
      return new ApprovalAuthority(this);
    }
  }
}
