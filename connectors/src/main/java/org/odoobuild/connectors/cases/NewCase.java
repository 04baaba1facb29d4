package org.odoobuild.connectors.cases;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a case is opened with; the routing rules choose its owner and deadline from these facts.
 *
 * @param key what the case is about, unique (opening it again returns the same case), e.g. {@code dead_letter:42}
 * @param kind the kind
 * @param flow the flow ({@code ""} when none)
 * @param entityType the entity type ({@code ""} when none)
 * @param entityKey the record ({@code ""} when none)
 * @param project the project code ({@code ""} when none)
 * @param costCode the cost code ({@code ""} when none)
 * @param amount the amount at stake, when there is one
 * @param summary what happened, for people
 * @param deadLetter the dead letter behind the case, which replay and fix act on
 */
public record NewCase(String key, CaseKind kind, String flow, String entityType, String entityKey, String project,
    String costCode, Optional<BigDecimal> amount, String summary, Optional<Long> deadLetter) {

  /** Validates the parts. */
  public NewCase {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("a case key must not be blank");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityKey, "entityKey");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(costCode, "costCode");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(deadLetter, "deadLetter");
  }

  /**
   * A case with only key, kind and summary; add facts with the {@code with…} methods.
   *
   * @param key the unique key
   * @param kind the kind
   * @param summary what happened
   * @return the case
   */
  public static NewCase of(String key, CaseKind kind, String summary) {
    return new NewCase(key, kind, "", "", "", "", "", Optional.empty(), summary, Optional.empty());
  }

  /** A copy for a flow and record. */
  public NewCase withRecord(String newFlow, String newEntityType, String newEntityKey) {
    return new NewCase(key, kind, newFlow, newEntityType, newEntityKey, project, costCode, amount, summary, deadLetter);
  }

  /** A copy with a project, cost code and amount. */
  public NewCase withMoney(String newProject, String newCostCode, Optional<BigDecimal> newAmount) {
    return new NewCase(key, kind, flow, entityType, entityKey, newProject, newCostCode, newAmount, summary, deadLetter);
  }

  /** A copy tied to a dead letter. */
  public NewCase withDeadLetter(long id) {
    return new NewCase(key, kind, flow, entityType, entityKey, project, costCode, amount, summary, Optional.of(id));
  }
}
