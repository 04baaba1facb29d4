package org.odoobuild.workflow.kit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where instances and their history live: {@link InMemoryInstanceStore} or {@link JdbcInstanceStore}. */
public interface InstanceStore {

  /** The instance, if it exists. */
  Optional<Instance> load(String workflow, String id);

  /** Creates an instance (with its start record); false when it exists already. */
  boolean create(Instance instance, TransitionRecord start);

  /**
   * Saves a new version of an instance and its history line atomically, only if the stored
   * version is still {@code expectedVersion}.
   *
   * @throws ConcurrentUpdateException when the stored version moved
   */
  void save(Instance instance, long expectedVersion, TransitionRecord record);

  /** The history of an instance, oldest first. */
  List<TransitionRecord> history(String workflow, String id);

  /** The history line of an event id, if it was applied. */
  Optional<TransitionRecord> byEventId(String workflow, String id, String eventId);

  /** Instances whose deadline is at or before {@code now}. */
  List<Instance> due(String workflow, Instant now);

  /**
   * Instances of a workflow in one of the given states, longest unchanged first (e.g. what is on
   * hold or blocked, for an operations console).
   *
   * @param workflow the definition name
   * @param states state names
   * @param limit the most returned (at least 1)
   * @return the instances
   */
  List<Instance> inStates(String workflow, Set<String> states, int limit);
}
