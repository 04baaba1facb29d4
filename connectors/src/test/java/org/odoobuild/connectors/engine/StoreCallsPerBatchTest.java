package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.SyncStore;

/**
 * The engine talks to its store per batch, not per record: one batch of audit lines (one per
 * applied record, with the run's correlation id and the actor), the processed keys recorded
 * before their outbox entries are marked done, and no store call per record on the way.
 */
class StoreCallsPerBatchTest {
  @TempDir Path dir;

  /** Store calls in order, named {@code method(ParamType, ...)}. */
  final List<String> calls = new CopyOnWriteArrayList<>();

  SyncStore counting(SyncStore store) {
    return (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, m, args) -> {
          calls.add(signature(m));
          try {
            return m.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  static String signature(Method m) {
    return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  long count(String signature) {
    return calls.stream().filter(signature::equals).count();
  }

  @Test
  void aPullRunWritesEachBatchsAuditLinesAtOnceAndNothingPerRecord() {
    FakeSystems.ListSource source = new FakeSystems.ListSource();
    for (int i = 0; i < 520; i++) {
      source.records.add(i % 2 == 0 ? FakeSystems.item(i, 1).withActor("jane@site") : FakeSystems.item(i, 1));
    }
    try (SyncStore real = TestStores.embedded(dir); SyncEngine engine = SyncEngine.builder().store(counting(real))
        .workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(source).sink(new FakeSystems.MapSink())
          .batchSize(50).build());
      RunReport r = engine.run("items");
      assertEquals(520, r.applied());
      assertEquals(11, r.batches());

      List<AuditEntry> audit = real.audit(AuditQuery.builder().action("applied").limit(1000).build());
      assertEquals(520, audit.size(), "one line per applied record");
      for (int i = 0; i < 520; i++) {
        AuditEntry a = audit.get(i);
        assertEquals("fake:I" + i + ":1", a.entityKey(), "in the source's order");
        assertEquals(r.correlationId(), a.correlationId());
        assertEquals(i % 2 == 0 ? "jane@site" : "w1", a.actor());
        assertEquals("target,I" + i, a.detail());
      }
      // the batch's audit lines go with its cursor and keys: one call, one transaction
      assertEquals(11, count("commit(String, String, Map, List)"), "one commit with its audit lines per batch: "
          + calls);
      assertEquals(0, count("append(List)"));
      assertEquals(0, count("append(AuditEntry)"));
      assertEquals(0, count("seen(String)"));
      assertEquals(0, count("markProcessed(String, String)"));
      assertEquals(0, count("commit(String, String, Map)"));
      // per batch: paused, cursor, handled, beginDelivery, commit (ending intents only when some are left)
      assertTrue(calls.size() <= 11 * 7 + 10, calls.size() + " store calls for 520 records: " + calls);
    }
  }

  @Test
  void aDrainRecordsTheBatchsKeysBeforeItMarksItsEntriesDone() {
    try (SyncStore real = TestStores.embedded(dir); SyncEngine engine = SyncEngine.builder().store(counting(real))
        .workerId("w1").build()) {
      FakeSystems.MapSink sink = new FakeSystems.MapSink();
      engine.register(Flow.builder("items", FakeSystems.Item.class).sink(sink).batchSize(50).build());
      for (int i = 0; i < 120; i++) {
        engine.accept("items", FakeSystems.item(i, 1));
      }
      // 10 of them were processed already (e.g. by another engine whose lease ran out): not sent again
      for (int i = 0; i < 10; i++) {
        real.markProcessed(engine.outboxEntry("items", FakeSystems.item(i * 12, 1)).idempotencyKey(), "earlier");
      }
      calls.clear();
      RunReport r = engine.drain("items");
      assertEquals(110, r.applied());
      assertEquals(10, r.duplicates());
      assertEquals(110, sink.applications.size());
      assertTrue(sink.applications.values().stream().allMatch(n -> n == 1));
      assertEquals(120L, real.outboxCounts("items").get(OutboxStatus.DONE));
      assertEquals(110, real.audit(AuditQuery.builder().action("applied").limit(1000).build()).size());

      assertEquals(0, count("seen(String)"));
      assertEquals(0, count("complete(long, String)"));
      assertEquals(0, count("markProcessed(String, String)"));
      assertEquals(0, count("append(AuditEntry)"));
      assertEquals(3, count("seen(Collection)"));
      assertEquals(3, count("markProcessed(Map, List)"), "keys and audit lines together");
      assertEquals(0, count("markProcessed(Map)"));
      assertEquals(0, count("append(List)"));
      List<String> order = calls.stream()
          .filter(c -> c.equals("markProcessed(Map, List)") || c.equals("complete(Collection, String)")
              || c.equals("beginDelivery(String, Collection)"))
          .toList();
      // per batch: its duplicates done, intents taken, keys recorded, then the applied entries done
      assertEquals(List.of("complete(Collection, String)", "beginDelivery(String, Collection)",
          "markProcessed(Map, List)", "complete(Collection, String)", "complete(Collection, String)",
          "beginDelivery(String, Collection)", "markProcessed(Map, List)", "complete(Collection, String)",
          "complete(Collection, String)", "beginDelivery(String, Collection)", "markProcessed(Map, List)",
          "complete(Collection, String)"), order);
      assertTrue(calls.size() <= 3 * 12 + 10, calls.size() + " store calls for 120 records: " + calls);
    }
  }

  @Test
  void aStoreWithoutBatchMethodsGetsTheSameAuditOneLineAtATime() {
    // the interface's defaults loop over the one-line methods: a store that only has those still works
    SyncStore[] inner = new SyncStore[1];
    SyncStore plain = (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(),
        new Class<?>[] {SyncStore.class}, (proxy, m, args) -> {
          if (m.isDefault() && args != null && args.length > 0
              && (args[0] instanceof List || args[0] instanceof Collection || args[0] instanceof Map)) {
            calls.add(signature(m));
            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args);
          }
          try {
            return m.invoke(inner[0], args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    FakeSystems.ListSource source = new FakeSystems.ListSource();
    for (int i = 0; i < 30; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    try (SyncStore real = TestStores.embedded(dir); SyncEngine engine = SyncEngine.builder().store(plain)
        .workerId("w1").build()) {
      inner[0] = real;
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(source).sink(new FakeSystems.MapSink())
          .batchSize(50).build());
      for (int i = 30; i < 40; i++) {
        engine.accept("items", FakeSystems.item(i, 1));
      }
      RunReport r = engine.run("items");
      assertEquals(40, r.applied());
      assertEquals(40, real.audit(AuditQuery.builder().action("applied").limit(100).build()).size());
      assertEquals(10L, real.outboxCounts("items").get(OutboxStatus.DONE));
      assertTrue(calls.contains("append(List)") && calls.contains("complete(Collection, String)")
          && calls.contains("seen(Collection)"), "the defaults ran: " + calls);
    }
  }
}
