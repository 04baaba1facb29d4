package org.odoobuild.connectors.cases;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Routing rules: the first rule whose conditions all match a case gives its owner, its SLA (the
 * deadline is the opening time plus the SLA) and who it escalates to when the deadline passes.
 * Conditions: kind, flow, entity type, project, cost code and a minimum amount. Immutable and
 * thread-safe.
 * <pre>{@code
 * CaseRouting routing = CaseRouting.builder()
 *     .rule(CaseRouting.when().project("P-100").minAmount(new BigDecimal("10000")), "pm.p100", Duration.ofHours(4), "controller")
 *     .rule(CaseRouting.when().kind(CaseKind.VALIDATION), "data-steward", Duration.ofDays(1), "integration-lead")
 *     .otherwise("integration-team", Duration.ofDays(2), "integration-lead")
 *     .build();
 * }</pre>
 */
public final class CaseRouting {
  private final List<Rule> rules;
  private final Route fallback;

  /**
   * Where a case goes.
   *
   * @param owner who owns it
   * @param sla how long the owner has
   * @param escalateTo who gets it when the deadline passes
   */
  public record Route(String owner, Duration sla, String escalateTo) {
    /** Validates. */
    public Route {
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(sla, "sla");
      Objects.requireNonNull(escalateTo, "escalateTo");
      if (sla.isNegative() || sla.isZero()) {
        throw new IllegalArgumentException("an SLA must be positive");
      }
    }
  }

  private record Rule(Match match, Route route) {}

  private CaseRouting(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.fallback = b.fallback;
  }

  /** A builder (fallback: owner {@code integration-team}, 1 day, escalating to {@code integration-lead}). */
  public static Builder builder() {
    return new Builder();
  }

  /** An empty condition set (matches every case); narrow it with its methods. */
  public static Match when() {
    return new Match(Optional.empty(), "", "", "", "", Optional.empty());
  }

  /**
   * The route of a case.
   *
   * @param c the case facts
   * @return the first matching rule's route, else the fallback
   */
  public Route route(NewCase c) {
    for (Rule r : rules) {
      if (r.match.matches(c)) {
        return r.route;
      }
    }
    return fallback;
  }

  /**
   * Conditions of a rule; an empty text condition matches anything.
   *
   * @param kind the case kind
   * @param flow the flow
   * @param entityType the entity type
   * @param project the project
   * @param costCode the cost code (a prefix: {@code 03} matches {@code 03 20 00})
   * @param minAmount the least amount (cases without an amount do not match)
   */
  public record Match(Optional<CaseKind> kind, String flow, String entityType, String project, String costCode,
      Optional<BigDecimal> minAmount) {

    /** With a kind. */
    public Match kind(CaseKind k) {
      return new Match(Optional.of(k), flow, entityType, project, costCode, minAmount);
    }

    /** With a flow. */
    public Match flow(String f) {
      return new Match(kind, f, entityType, project, costCode, minAmount);
    }

    /** With an entity type. */
    public Match entityType(String t) {
      return new Match(kind, flow, t, project, costCode, minAmount);
    }

    /** With a project. */
    public Match project(String p) {
      return new Match(kind, flow, entityType, p, costCode, minAmount);
    }

    /** With a cost code prefix. */
    public Match costCode(String c) {
      return new Match(kind, flow, entityType, project, c, minAmount);
    }

    /** With a least amount. */
    public Match minAmount(BigDecimal a) {
      return new Match(kind, flow, entityType, project, costCode, Optional.of(a));
    }

    boolean matches(NewCase c) {
      return kind.map(k -> k == c.kind()).orElse(true) && (flow.isEmpty() || flow.equals(c.flow()))
          && (entityType.isEmpty() || entityType.equals(c.entityType()))
          && (project.isEmpty() || project.equals(c.project()))
          && (costCode.isEmpty() || c.costCode().startsWith(costCode))
          && minAmount.map(m -> c.amount().map(a -> a.compareTo(m) >= 0).orElse(false)).orElse(true);
    }
  }

  /** Builds {@link CaseRouting}; not thread-safe. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private Route fallback = new Route("integration-team", Duration.ofDays(1), "integration-lead");

    private Builder() {}

    /**
     * Adds a rule (rules are tried in the order added).
     *
     * @param match the conditions
     * @param owner the owner
     * @param sla how long the owner has
     * @param escalateTo who gets the case when the deadline passes
     * @return this builder
     */
    public Builder rule(Match match, String owner, Duration sla, String escalateTo) {
      rules.add(new Rule(Objects.requireNonNull(match, "match"), new Route(owner, sla, escalateTo)));
      return this;
    }

    /**
     * The route of cases no rule matches.
     *
     * @param owner the owner
     * @param sla how long the owner has
     * @param escalateTo who gets the case when the deadline passes
     * @return this builder
     */
    public Builder otherwise(String owner, Duration sla, String escalateTo) {
      fallback = new Route(owner, sla, escalateTo);
      return this;
    }

    /** Builds the rules. */
    public CaseRouting build() {
      return new CaseRouting(this);
    }
  }
}
