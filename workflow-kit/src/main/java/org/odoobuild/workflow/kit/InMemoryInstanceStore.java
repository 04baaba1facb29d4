package org.odoobuild.workflow.kit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Instances in memory: for tests and short-lived tools. Thread-safe. */
public final class InMemoryInstanceStore implements InstanceStore {
  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Map<String, List<TransitionRecord>> history = new ConcurrentHashMap<>();

  private static String key(String workflow, String id) {
    return workflow + "\u0000" + id;
  }

  @Override
  public Optional<Instance> load(String workflow, String id) {
    return Optional.ofNullable(instances.get(key(workflow, id)));
  }

  @Override
  public synchronized boolean create(Instance instance, TransitionRecord start) {
    String k = key(instance.workflow(), instance.id());
    if (instances.containsKey(k)) {
      return false;
    }
    instances.put(k, instance);
    history.computeIfAbsent(k, x -> new ArrayList<>()).add(start);
    return true;
  }

  @Override
  public synchronized void save(Instance instance, long expectedVersion, TransitionRecord record) {
    String k = key(instance.workflow(), instance.id());
    Instance current = instances.get(k);
    if (current == null || current.version() != expectedVersion) {
      throw new ConcurrentUpdateException(instance.workflow(), instance.id(), expectedVersion);
    }
    instances.put(k, instance);
    history.computeIfAbsent(k, x -> new ArrayList<>()).add(record);
  }

  @Override
  public synchronized List<TransitionRecord> history(String workflow, String id) {
    return List.copyOf(history.getOrDefault(key(workflow, id), List.of()));
  }

  @Override
  public synchronized Optional<TransitionRecord> byEventId(String workflow, String id, String eventId) {
    return history.getOrDefault(key(workflow, id), List.of()).stream().filter(r -> r.eventId().equals(eventId)).findFirst();
  }

  @Override
  public List<Instance> inStates(String workflow, Set<String> states, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return instances.values().stream().filter(i -> i.workflow().equals(workflow) && states.contains(i.state()))
        .sorted(Comparator.comparing(Instance::updatedAt).thenComparing(Instance::id)).limit(limit).toList();
  }

  @Override
  public List<Instance> due(String workflow, Instant now) {
    return instances.values().stream().filter(i -> i.workflow().equals(workflow))
        .filter(i -> i.deadline().isPresent() && !i.deadline().get().isAfter(now)).toList();
  }
}
