package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.engine.FakeSystems.Item;
import org.odoobuild.connectors.metrics.InMemorySyncMetrics;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

/**
 * Per-record outcomes: a record applied in a batch is never sent again, a record whose outcome
 * is unknown is verified before anything else, and the run report says what happened. The
 * target creates a row per send (no upsert), so every re-send would show as a duplicate row.
 */
class DeliveryOutcomesTest {
  SyncStore store;
  FakeSystems.ListSource source;
  CreateTarget target;
  InMemorySyncMetrics metrics;

  @BeforeEach
  void setUp() {
    store = SyncStores.inMemory();
    source = new FakeSystems.ListSource();
    target = new CreateTarget();
    metrics = new InMemorySyncMetrics();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  SyncEngine engine(boolean withVerifier, boolean idempotent) {
    SyncEngine e = SyncEngine.builder().store(store).metrics(metrics)
        .resilience(Resilience.builder().circuitBreaker(1000, 1000, Duration.ofSeconds(10)).build()).build();
    Flow.Builder<Item> f = Flow.builder("items", Item.class).source(source).sink(target.sink()).batchSize(10)
        .idempotent(idempotent);
    if (withVerifier) {
      f.verifier(target.verifier());
    }
    return e.register(f.build());
  }

  void items(int n) {
    for (int i = 0; i < n; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
  }

  void assertEachRecordOnceInTheTarget(int n) {
    for (int i = 0; i < n; i++) {
      String k = FakeSystems.item(i, 1).idempotencyKey();
      assertEquals(1, target.effects(k), "rows of " + k + ": " + target.rows);
    }
  }

  @Test
  void aBatchThatFailsAfterApplyingSomeRecordsIsVerifiedAndNothingIsSentTwice() {
    items(10);
    // the 4th create of the first batch goes through, then the gateway answers 504: outcome unknown
    target.faults = (i, k) -> i == 3 ? CreateTarget.Lose.BATCH_AFTER : CreateTarget.Lose.NOTHING;
    SyncEngine engine = engine(true, false);
    RunReport first = engine.run("items");
    assertEquals(RunReport.Status.INCOMPLETE, first.status(), first.summary());
    assertEquals(4, first.applied(), "the 4 rows created before the failure, found by verification");
    assertEquals(10, first.verified());
    assertEquals(0, first.unknownOutcomes());
    assertTrue(store.cursor("items").isEmpty(), "the cursor waits for the 6 records not applied");

    target.faults = (i, k) -> CreateTarget.Lose.NOTHING;
    RunReport second = engine.run("items");
    assertEquals(RunReport.Status.COMPLETED, second.status(), second.summary());
    assertEquals(6, second.applied());
    assertEquals(4, second.duplicates(), "already applied: not sent again");
    assertEachRecordOnceInTheTarget(10);
    for (int i = 0; i < 10; i++) {
      assertEquals(1, target.sends(FakeSystems.item(i, 1).idempotencyKey()), "sends of record " + i);
    }
    assertEquals(10, store.handled(source.records.stream().map(r -> "items|" + r.idempotencyKey()).toList()).size());
  }

  @Test
  void lostAnswersAreVerifiedAppliedOrSentAgainOnlyWhenVerifiedMissing() {
    items(40);
    // the first send of every 4th record loses its answer; half of those never reached the target
    target.faults = (i, k) -> i % 4 != 0 || target.sends(k) > 0 ? CreateTarget.Lose.NOTHING
        : Math.floorMod(k.hashCode(), 2) == 0 ? CreateTarget.Lose.ANSWER : CreateTarget.Lose.REQUEST;
    SyncEngine engine = engine(true, false);
    long verified = 0;
    RunReport r = null;
    for (int run = 0; run < 20 && (r == null || !r.completed()); run++) {
      r = engine.run("items");
      verified += r.verified();
    }
    assertTrue(r.completed(), r.summary());
    assertEachRecordOnceInTheTarget(40);
    long lostRequests = 0;
    for (int i = 0; i < 40; i++) {
      String k = FakeSystems.item(i, 1).idempotencyKey();
      int sends = target.sends(k);
      assertTrue(sends <= 2, "sent again only when verified missing: " + k + " " + sends);
      lostRequests += sends - 1;
    }
    assertTrue(lostRequests > 0, "some requests were lost");
    assertTrue(verified >= 10, "every lost answer was verified: " + verified);
    assertEquals(0, r.unknownOutcomes());
  }

  @Test
  void withoutAVerifierAnUnknownOutcomeIsDeadLetteredNotSentAgain() {
    items(10);
    target.faults = (i, k) -> i == 2 ? CreateTarget.Lose.ANSWER : CreateTarget.Lose.NOTHING;
    SyncEngine engine = engine(false, false);
    RunReport r = engine.run("items");
    assertTrue(r.completed(), r.summary());
    assertEquals(9, r.applied());
    assertEquals(1, r.unknownOutcomes());
    assertEquals(1, r.deadLettered());
    List<DeadLetter> dls = store.deadLetters("items", 10);
    assertEquals(SyncEngine.UNKNOWN_OUTCOME, dls.get(0).errorType());
    assertTrue(dls.get(0).errorMessage().contains("no verifier"), dls.get(0).errorMessage());
    engine.run("items");
    assertEquals(1, target.sends(FakeSystems.item(2, 1).idempotencyKey()), "never re-sent blindly");
    assertEachRecordOnceInTheTarget(10);
  }

  @Test
  void anIdempotentSinkGetsAnUnknownRecordAgainInTheNextRun() {
    items(10);
    target.faults = (i, k) -> i == 2 ? CreateTarget.Lose.REQUEST : CreateTarget.Lose.NOTHING;
    SyncEngine engine = engine(false, true);
    RunReport r = engine.run("items");
    assertEquals(RunReport.Status.INCOMPLETE, r.status());
    target.faults = (i, k) -> CreateTarget.Lose.NOTHING;
    RunReport again = engine.run("items");
    assertTrue(again.completed());
    assertEquals(1, again.applied());
    assertEachRecordOnceInTheTarget(10);
  }

  @Test
  void whenTheVerifierCannotAnswerTheRecordWaitsAndIsVerifiedBeforeItIsSentAgain() {
    items(10);
    target.faults = (i, k) -> i == 5 ? CreateTarget.Lose.ANSWER : CreateTarget.Lose.NOTHING;
    target.verifierDown = true;
    SyncEngine engine = engine(true, false);
    RunReport first = engine.run("items");
    assertEquals(RunReport.Status.INCOMPLETE, first.status());
    assertEquals(1, first.unknownOutcomes(), first.summary());
    assertEquals(0, first.deadLettered());
    assertTrue(first.problem().contains("verification unavailable"), first.problem());

    target.faults = (i, k) -> CreateTarget.Lose.NOTHING;
    RunReport down = engine.run("items"); // still cannot verify: nothing is sent for it
    assertEquals(RunReport.Status.INCOMPLETE, down.status());
    target.verifierDown = false;
    RunReport second = engine.run("items");
    assertTrue(second.completed(), second.summary());
    assertEquals(1, second.verified());
    assertEquals(1, second.applied(), "found applied by verification");
    assertEachRecordOnceInTheTarget(10);
    assertEquals(1, target.sends(FakeSystems.item(5, 1).idempotencyKey()));
  }

  @Test
  void anEngineKilledBetweenTheSinkAndTheCursorCommitLeavesIntentsTheNextEngineVerifies() {
    items(20);
    SyncEngine first = engine(true, false);
    // the process dies right after the sink applied the second batch, before the cursor commit
    java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    SyncEngine dying = SyncEngine.builder().store(store).build();
    dying.register(Flow.builder("items", Item.class).source(source).batchSize(10).verifier(target.verifier())
        .sink(batch -> {
          List<SinkResult> res = target.sink().apply(batch);
          if (batches.incrementAndGet() == 2) {
            throw new KilledError();
          }
          return res;
        }).build());
    assertThrows(KilledError.class, () -> dying.run("items"));
    assertEquals("10", store.cursor("items").orElseThrow(), "the second batch's commit never happened");
    assertEquals(10, store.deliveryIntents("items|", 100).size(), "its delivery intents are left behind");

    RunReport after = first.run("items");
    assertTrue(after.completed(), after.summary());
    assertEquals(10, after.verified());
    assertEquals(10, after.applied());
    assertEquals(0, after.batches(), "nothing sent: all found applied");
    assertEachRecordOnceInTheTarget(20);
    assertTrue(target.sends.values().stream().allMatch(n -> n.get() == 1));
    assertTrue(store.deliveryIntents("items|", 100).isEmpty());
  }

  @Test
  void aKilledEngineWithoutVerifierLeavesItsInterruptedRecordsAsUnknownOutcomeDeadLetters() {
    items(10);
    SyncEngine dying = SyncEngine.builder().store(store).build();
    dying.register(Flow.builder("items", Item.class).source(source).batchSize(10).sink(batch -> {
      target.sink().apply(batch);
      throw new KilledError();
    }).build());
    assertThrows(KilledError.class, () -> dying.run("items"));
    RunReport after = engine(false, false).run("items");
    assertEquals(10, after.unknownOutcomes(), after.summary());
    assertEquals(10, store.deadLetters("items", 20).stream()
        .filter(d -> d.errorType().equals(SyncEngine.UNKNOWN_OUTCOME)).count());
    assertEachRecordOnceInTheTarget(10);
  }

  @Test
  void aRecordAlreadyDeliveredIsNotAppliedAgainWhenItArrivesThroughTheOutbox() {
    items(3);
    SyncEngine engine = engine(true, false);
    assertTrue(engine.run("items").completed());
    // the same record pushed afterwards (a webhook for what the pull already delivered)
    assertTrue(engine.accept("items", FakeSystems.item(1, 1)));
    RunReport drained = engine.drain("items");
    assertEquals(1, drained.duplicates());
    assertEquals(0, drained.applied());
    assertEachRecordOnceInTheTarget(3);
  }

  @Test
  void aPermanentSourceFailureFailsTheRunAndATransientOneLeavesItIncomplete() {
    SyncEngine engine = SyncEngine.builder().store(store).build();
    engine.register(Flow.builder("broken", Item.class).sink(target.sink()).source((cursor, max) -> {
      throw new IllegalStateException("model purchase.order has no field 'active'");
    }).build());
    engine.register(Flow.builder("offline", Item.class).sink(target.sink()).source((cursor, max) -> {
      throw new IOException("connection refused");
    }).build());
    RunReport broken = engine.run("broken");
    assertEquals(RunReport.Status.FAILED, broken.status());
    assertTrue(broken.failed());
    assertFalse(broken.completed());
    assertTrue(broken.problem().contains("has no field 'active'"), broken.problem());
    RunFailedException e = assertThrows(RunFailedException.class, broken::orThrow);
    assertTrue(e.getMessage().contains("failed"), e.getMessage());
    assertEquals(broken, e.report());
    RunReport offline = engine.run("offline");
    assertEquals(RunReport.Status.INCOMPLETE, offline.status());
    assertThrows(RunFailedException.class, offline::orThrow);
  }

  @Test
  void aSinkReturningTheWrongNumberOfResultsLeavesTheOutcomeUnknown() {
    items(3);
    SyncEngine engine = SyncEngine.builder().store(store).build();
    engine.register(Flow.builder("items", Item.class).source(source).verifier(target.verifier()).sink(batch -> {
      target.sink().apply(batch);
      return List.of(SinkResult.applied("x"));
    }).build());
    RunReport r = engine.run("items");
    assertTrue(r.completed(), r.summary());
    assertEquals(3, r.verified());
    assertEquals(3, r.applied());
    assertEachRecordOnceInTheTarget(3);
  }

  /** Stands in for the process dying (an Error nothing catches). */
  static final class KilledError extends Error {
    private static final long serialVersionUID = 1L;
  }
}
