package org.odoobuild.adapters.capture;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Snapshots in memory: for tests and single-run tools (lost on restart). */
public final class InMemorySnapshotStore implements SnapshotStore {
  private final Map<String, Map<Long, Map<String, Object>>> data = new ConcurrentHashMap<>();

  @Override
  public Optional<Map<String, Object>> get(String model, long id) {
    return Optional.ofNullable(data.getOrDefault(model, Map.of()).get(id));
  }

  @Override
  public void put(String model, long id, Map<String, Object> values) {
    data.computeIfAbsent(model, m -> new ConcurrentHashMap<>()).put(id, Map.copyOf(values));
  }

  @Override
  public void remove(String model, long id) {
    data.getOrDefault(model, new ConcurrentHashMap<>()).remove(id);
  }

  @Override
  public Set<Long> ids(String model) {
    return Set.copyOf(data.getOrDefault(model, Map.of()).keySet());
  }
}
