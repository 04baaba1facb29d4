package org.odoobuild.benchmarks;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.connectors.store.SyncStore;

/**
 * The engine benchmark's baseline: a {@link SyncStore} that keeps the cursor and processed keys of a
 * pull run in maps and drops everything else (audit lines, run records). Nothing durable, next to no
 * cost: the end-to-end time with it is the path without a store, and what a durable store adds on
 * top is its overhead. Answers only what a pull run into an idempotent sink asks.
 */
final class NullStore {
  private NullStore() {}

  static SyncStore create() {
    Map<String, String> cursors = new ConcurrentHashMap<>();
    Set<String> processed = ConcurrentHashMap.newKeySet();
    return (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, m, args) -> switch (m.getName()) {
          case "cursor" -> Optional.ofNullable(cursors.get((String) args[0]));
          case "commit" -> {
            cursors.put((String) args[0], (String) args[1]);
            @SuppressWarnings("unchecked")
            Map<String, String> keys = (Map<String, String>) args[2];
            processed.addAll(keys.keySet());
            yield null;
          }
          case "handled" -> {
            @SuppressWarnings("unchecked")
            Collection<String> keys = (Collection<String>) args[0];
            Set<String> out = new java.util.HashSet<>();
            for (String k : keys) {
              if (processed.contains(k)) {
                out.add(k);
              }
            }
            yield out;
          }
          case "paused" -> false;
          case "announce" -> (SyncStore.Liveness) () -> { };
          case "claim" -> List.of();
          case "recordRun", "close", "append" -> null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "NullStore";
          default -> throw new UnsupportedOperationException("NullStore." + m.getName());
        });
  }
}
