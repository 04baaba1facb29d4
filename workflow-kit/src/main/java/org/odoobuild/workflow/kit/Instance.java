package org.odoobuild.workflow.kit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The persisted state of one workflow instance.
 *
 * @param workflow the definition name
 * @param id the instance id (e.g. a submittal number)
 * @param state the current state name
 * @param version incremented by every transition (optimistic locking)
 * @param variables string variables (links to Odoo ids, owners …)
 * @param createdAt created
 * @param updatedAt last transition
 * @param deadline when the current state's SLA runs out, if it has one
 * @param deadlineEvent the event fired then
 */
public record Instance(String workflow, String id, String state, long version, Map<String, String> variables,
    Instant createdAt, Instant updatedAt, Optional<Instant> deadline, Optional<String> deadlineEvent) {

  /** Copies the variables. */
  public Instance {
    variables = Map.copyOf(variables);
  }

  /** One variable. */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }
}
