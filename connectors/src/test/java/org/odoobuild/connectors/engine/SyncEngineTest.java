package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.engine.FakeSystems.Item;
import org.odoobuild.connectors.metrics.InMemorySyncMetrics;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;

class SyncEngineTest {
  @TempDir Path dir;
  SyncStore store;
  FakeSystems.ListSource source;
  FakeSystems.MapSink sink;
  InMemorySyncMetrics metrics;
  SyncEngine engine;

  @BeforeEach
  void setUp() {
    store = TestStores.embedded(dir);
    source = new FakeSystems.ListSource();
    sink = new FakeSystems.MapSink();
    metrics = new InMemorySyncMetrics();
    engine = newEngine(store, "w1");
  }

  SyncEngine newEngine(SyncStore s, String worker) {
    SyncEngine e = SyncEngine.builder().store(s).workerId(worker).metrics(metrics)
        .resilience(Resilience.builder().circuitBreaker(1000, 1000, Duration.ofSeconds(10)).build())
        .build();
    e.register(Flow.builder("items", Item.class).source(source).sink(sink).batchSize(50)
        .validator(i -> i.name().isBlank() ? List.of("name: missing") : List.of()).build());
    return e;
  }

  @AfterEach
  void tearDown() throws Exception {
    engine.close();
    store.close();
  }

  @Test
  void appliesEveryRecordOnceAndAdvancesTheCursor() {
    for (int i = 0; i < 520; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    RunReport r = engine.run("items");
    assertTrue(r.completed());
    assertEquals(520, r.pulled());
    assertEquals(520, r.applied());
    assertEquals(520, sink.target.size());
    assertEquals("520", store.cursor("items").orElseThrow());
    assertEquals(11, r.batches());

    RunReport again = engine.run("items");
    assertEquals(0, again.pulled(), "nothing new after the cursor");
    assertTrue(sink.applications.values().stream().allMatch(n -> n == 1));
  }

  @Test
  void redeliveredRecordIsANoOpButANewRevisionIsApplied() {
    source.records.add(FakeSystems.item(1, 1));
    engine.run("items");
    source.records.add(FakeSystems.item(1, 1)); // same key again
    source.records.add(FakeSystems.item(1, 2)); // new revision
    RunReport r = engine.run("items");
    assertEquals(1, r.duplicates());
    assertEquals(1, r.applied());
    assertEquals(2, sink.applications.get("I1"));
  }

  @Test
  void aRecordDeliveredTwiceInOneBatchIsAppliedOnce() {
    source.records.add(FakeSystems.item(3, 1));
    source.records.add(FakeSystems.item(3, 1));
    RunReport r = engine.run("items");
    assertEquals(1, r.applied());
    assertEquals(1, r.duplicates());
    assertEquals(1, sink.applications.get("I3"));
  }

  @Test
  void invalidAndRefusedRecordsAreDeadLetteredWithTheirReasonAndCanBeReplayed() {
    source.records.add(new org.odoobuild.connectors.spi.SourceRecord<>(
        new org.odoobuild.connectors.spi.RecordKey("fake", "bad", "1"),
        org.odoobuild.connectors.spi.EventCatalog.MATERIAL_REQUESTED, new Item("bad", " ", 1),
        java.time.Instant.now(), "", java.util.Map.of()));
    for (int i = 0; i < 10; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    sink.refuse = it -> it.qty() == 3;
    RunReport r = engine.run("items");
    assertEquals(9, r.applied());
    assertEquals(2, r.deadLettered());
    List<DeadLetter> dls = engine.operations().deadLetters("items", 10);
    assertEquals(2, dls.size());
    assertTrue(dls.stream().anyMatch(d -> d.errorMessage().contains("name: missing")), dls.toString());
    assertTrue(dls.stream().anyMatch(d -> d.errorMessage().contains("refused: qty 3")), dls.toString());

    // fix the target, replay everything: the refused record arrives, the invalid one is refused again
    sink.refuse = it -> false;
    assertEquals(2, engine.operations().replayAll("items"));
    RunReport replay = engine.drain("items");
    assertEquals(1, replay.applied());
    assertEquals(1, replay.deadLettered());
    assertEquals(10, sink.target.size());
  }

  @Test
  void targetDownStopsTheRunWithoutLosingOrAdvancing() {
    for (int i = 0; i < 120; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    sink.failure = new java.io.IOException("target down");
    sink.failNextCalls = 1000;
    RunReport r = engine.run("items");
    assertFalse(r.completed());
    assertEquals(0, r.applied());
    assertTrue(store.cursor("items").isEmpty(), "cursor must not move while the target is down");

    sink.failNextCalls = 2; // a short burst: the engine never re-sends within a run, each run stops at the failure
    int calls = sink.calls.get();
    assertFalse(engine.run("items").completed());
    assertFalse(engine.run("items").completed());
    assertEquals(calls + 2, sink.calls.get(), "one send per run while the target fails");
    RunReport r2 = engine.run("items");
    assertTrue(r2.completed());
    assertEquals(120, sink.target.size());
    assertTrue(sink.applications.values().stream().allMatch(n -> n == 1));
  }

  @Test
  void pausedFlowDoesNotRunAndResumesWhereItStopped() {
    for (int i = 0; i < 30; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    engine.operations().pause("items");
    RunReport r = engine.run("items");
    assertFalse(r.completed());
    assertEquals(0, sink.target.size());
    engine.operations().resume("items");
    assertEquals(30, engine.run("items").applied());
  }

  @Test
  void pushedRecordsGoThroughTheOutboxOnce() {
    assertTrue(engine.accept("items", FakeSystems.item(7, 1)));
    assertFalse(engine.accept("items", FakeSystems.item(7, 1)), "same key accepted twice");
    RunReport r = engine.drain("items");
    assertEquals(1, r.applied());
    assertEquals(1, sink.applications.get("I7"));
  }

  @Test
  void nonTransientBatchFailureIsSplitSoOnlyThePoisonRecordIsDeadLettered() {
    for (int i = 0; i < 16; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    FakeSystems.MapSink poisonSink = sink;
    poisonSink.refuse = it -> false;
    // a sink that throws (not a per-record result) whenever the batch contains item I5
    SyncEngine e2 = SyncEngine.builder().store(store).workerId("w2")
        .build();
    e2.register(Flow.builder("poison", Item.class).source(source).batchSize(16).sink(batch -> {
      if (batch.stream().anyMatch(x -> x.payload().id().equals("I5"))) {
        throw new IllegalArgumentException("cannot encode I5");
      }
      return poisonSink.apply(batch);
    }).build());
    RunReport r = e2.run("poison");
    assertEquals(15, r.applied());
    assertEquals(1, r.deadLettered());
    assertTrue(e2.operations().deadLetters("poison", 5).get(0).errorMessage().contains("cannot encode I5"));
  }

  @Test
  void auditLogRecordsAppliedRecords() throws IOException {
    source.records.add(FakeSystems.item(1, 1));
    engine.run("items");
    assertTrue(metrics.count("sync.records.applied") >= 1);
  }
}
