package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.StoreException;
import org.odoobuild.connectors.store.SyncStore;

/**
 * A pull run into an idempotent sink commits a batch while it sends the next; any other sink's
 * batch is committed before the next pull. Commits land in order, progress follows them, and a
 * failed commit costs at most the two uncommitted batches, sent again by the next run.
 */
class CommitAheadTest {
  @TempDir Path dir;

  /** What happened, in order: {@code pull}, {@code send}, {@code commit <cursor> on <thread>}. */
  final List<String> log = new CopyOnWriteArrayList<>();

  interface OnCommit {
    void before(String cursor) throws Exception;
  }

  SyncStore watched(SyncStore store, OnCommit onCommit) {
    return (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, m, args) -> {
          if (m.getName().equals("commit") && args.length == 4) {
            onCommit.before((String) args[1]);
            log.add("commit " + args[1] + " on " + Thread.currentThread().getName());
          }
          try {
            return m.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  org.odoobuild.connectors.spi.Source<FakeSystems.Item> source(int n) {
    FakeSystems.ListSource source = new FakeSystems.ListSource();
    for (int i = 0; i < n; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    return (cursor, max) -> {
      log.add("pull " + cursor.orElse("-"));
      return source.pull(cursor, max);
    };
  }

  /** {@code sink}, logging its calls; idempotent or not. */
  Sink<FakeSystems.Item> logging(FakeSystems.MapSink sink, boolean idempotent, Runnable onSend) {
    return new Sink<>() {
      @Override
      public List<SinkResult> apply(List<SourceRecord<FakeSystems.Item>> batch) throws Exception {
        log.add("send " + batch.get(0).payload().id());
        onSend.run();
        return sink.apply(batch);
      }

      @Override
      public boolean idempotent() {
        return idempotent;
      }
    };
  }

  @Test
  void anIdempotentSinksBatchIsCommittedWhileTheNextIsSent() {
    CountDownLatch secondSend = new CountDownLatch(2);
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    List<String> committedAtProgress = new CopyOnWriteArrayList<>();
    try (SyncStore real = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(watched(real, cursor -> {
          if (cursor.equals("10")) {
            // the first commit waits until the second batch is sent: a run that committed before
            // sending the next batch would never get there
            assertTrue(secondSend.await(60, TimeUnit.SECONDS), "the second batch was not sent during the first commit");
          }
        })).workerId("w1").listener(new RunListener() {
          @Override
          public void progress(Progress p) {
            committedAtProgress.add(p.applied() + "/" + real.cursor("items").orElse("-"));
          }
        }).build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(source(35))
          .sink(logging(target, true, secondSend::countDown)).batchSize(10).build());
      RunReport r = engine.run("items");

      assertEquals(RunReport.Status.COMPLETED, r.status(), r.summary());
      assertEquals(35, r.applied());
      assertEquals(Optional.of("35"), real.cursor("items"));
      assertEquals(35, target.target.size());
      assertTrue(target.applications.values().stream().allMatch(n -> n == 1), "each record applied once");
      assertEquals(4, target.calls.get(), "four sends for four batches");
      // commits in order, each on the engine's commit thread
      List<String> commits = log.stream().filter(l -> l.startsWith("commit")).toList();
      assertEquals(List.of("10", "20", "30", "35"), commits.stream().map(c -> c.split(" ")[1]).toList());
      assertTrue(commits.stream().allMatch(c -> c.contains(" on sync-commit-w1")), commits.toString());
      // progress follows each commit and counts the run as of that batch
      assertEquals(List.of("10/10", "20/20", "30/30", "35/35"), committedAtProgress);
    }
  }

  @Test
  void aFailedCommitStopsTheRunAndTheNextRunSendsOnlyTheUncommittedBatchesAgain() {
    AtomicInteger commits = new AtomicInteger();
    CountDownLatch fourthSend = new CountDownLatch(4);
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    try (SyncStore real = TestStores.embedded(dir)) {
      SyncStore failingThird = watched(real, cursor -> {
        if (commits.incrementAndGet() == 3) {
          // fails once the fourth batch is on its way, so that both are uncommitted
          assertTrue(fourthSend.await(60, TimeUnit.SECONDS), "the fourth batch was not sent");
          throw new StoreException("disk full");
        }
      });
      try (SyncEngine engine = SyncEngine.builder().store(failingThird).workerId("w1").build()) {
        engine.register(Flow.builder("items", FakeSystems.Item.class).source(source(50))
            .sink(logging(target, true, fourthSend::countDown)).batchSize(10).build());
        RunReport first = engine.run("items");
        assertEquals(RunReport.Status.INCOMPLETE, first.status(), first.summary());
        assertTrue(first.stoppedBecause().contains("disk full"), first.stoppedBecause());
        assertEquals(Optional.of("20"), real.cursor("items"), "the first two batches are committed");
        assertEquals(4, target.calls.get(), "the fourth batch was sent while the third was being committed");

        RunReport second = engine.run("items");
        assertEquals(RunReport.Status.COMPLETED, second.status(), second.summary());
        assertEquals(30, second.applied(), "batches three to five");
      }
      assertEquals(Optional.of("50"), real.cursor("items"));
      assertEquals(7, target.calls.get(), "4 sends, then 3");
      assertEquals(50, target.target.size());
      for (int i = 0; i < 50; i++) {
        int expected = i >= 20 && i < 40 ? 2 : 1;
        assertEquals(expected, target.applications.get("I" + i), "applications of I" + i);
      }
    }
  }

  /**
   * {@code store}, counting the key lookups that ran while a commit was under way, and counting
   * down {@code lookedUp.get(k)} once the k-th lookup has returned.
   */
  SyncStore overlapCounting(SyncStore store, AtomicInteger besideCommits, List<CountDownLatch> lookedUp) {
    AtomicInteger commitsRunning = new AtomicInteger();
    AtomicInteger lookups = new AtomicInteger();
    return (SyncStore) Proxy.newProxyInstance(SyncStore.class.getClassLoader(), new Class<?>[] {SyncStore.class},
        (proxy, m, args) -> {
          boolean commit = m.getName().equals("commit") && args.length == 4;
          boolean lookup = m.getName().equals("handled");
          if (commit) {
            commitsRunning.incrementAndGet();
          }
          if (lookup && commitsRunning.get() > 0) {
            besideCommits.incrementAndGet();
          }
          try {
            return m.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          } finally {
            if (commit) {
              commitsRunning.decrementAndGet();
            }
            if (lookup) {
              lookedUp.get(lookups.getAndIncrement()).countDown();
            }
          }
        });
  }

  @Test
  void theNextBatchIsPulledAndLookedUpWhileOneIsSentAndNeverBesideACommit() {
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    AtomicInteger besideCommits = new AtomicInteger();
    List<CountDownLatch> lookedUp = java.util.stream.Stream.generate(() -> new CountDownLatch(1)).limit(6).toList();
    FakeSystems.ListSource list = new FakeSystems.ListSource();
    for (int i = 0; i < 50; i++) {
      list.records.add(FakeSystems.item(i, 1));
    }
    try (SyncStore real = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(overlapCounting(real, besideCommits, lookedUp))
            .workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(list).sink(new Sink<>() {
        @Override
        public List<SinkResult> apply(List<SourceRecord<FakeSystems.Item>> batch) throws Exception {
          // each send waits until the batch after it is pulled and its keys looked up: a run that
          // pulled or looked up only after a send would never get there
          int index = Integer.parseInt(batch.get(0).payload().id().substring(1)) / 10;
          if (index < 4) {
            assertTrue(lookedUp.get(index + 1).await(60, TimeUnit.SECONDS), "batch " + (index + 2) + " not looked up");
          }
          return target.apply(batch);
        }

        @Override
        public boolean idempotent() {
          return true;
        }
      }).batchSize(10).build());
      RunReport r = engine.run("items");

      assertEquals(RunReport.Status.COMPLETED, r.status(), r.summary());
      assertEquals(50, r.applied());
      assertEquals(Optional.of("50"), real.cursor("items"));
      assertEquals(5, target.calls.get());
      assertTrue(target.applications.values().stream().allMatch(n -> n == 1), "each record applied once");
      assertEquals(5, list.pulls.get(), "one pull per batch");
      assertEquals(1, lookedUp.stream().filter(l -> l.getCount() > 0).count(), "one lookup per batch");
      assertEquals(0, besideCommits.get(), "lookups made while a commit was under way");
    }
  }

  @Test
  void aPullAheadThatTakesLongerDoesNotHoldBackTheCommitOfTheBatchSent() {
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    CountDownLatch firstCommitStarted = new CountDownLatch(1);
    org.odoobuild.connectors.spi.Source<FakeSystems.Item> list = source(30);
    org.odoobuild.connectors.spi.Source<FakeSystems.Item> slow = (cursor, max) -> {
      if (cursor.equals(Optional.of("10"))) {
        // the second batch comes back only once the first one's commit has started: a commit that waited for it never would
        assertTrue(firstCommitStarted.await(60, TimeUnit.SECONDS), "the first batch's commit did not start");
      }
      return list.pull(cursor, max);
    };
    try (SyncStore real = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(watched(real, cursor -> {
          if (cursor.equals("10")) {
            firstCommitStarted.countDown();
          }
        })).workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(slow)
          .sink(logging(target, true, () -> { })).batchSize(10).build());
      RunReport r = engine.run("items");

      assertEquals(RunReport.Status.COMPLETED, r.status(), r.summary());
      assertEquals(30, r.applied());
      assertEquals(Optional.of("30"), real.cursor("items"));
      assertEquals(3, target.calls.get());
    }
  }

  @Test
  void aFailedPullAheadStopsTheRunAfterTheBatchSentIsCommitted() {
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    org.odoobuild.connectors.spi.Source<FakeSystems.Item> list = source(30);
    org.odoobuild.connectors.spi.Source<FakeSystems.Item> failing = (cursor, max) -> {
      if (cursor.equals(Optional.of("10"))) {
        throw new IllegalStateException("export folder missing");
      }
      return list.pull(cursor, max);
    };
    try (SyncStore real = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(real).workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(failing)
          .sink(logging(target, true, () -> { })).batchSize(10).build());
      RunReport r = engine.run("items");

      assertEquals(RunReport.Status.FAILED, r.status(), r.summary());
      assertTrue(r.stoppedBecause().contains("export folder missing"), r.stoppedBecause());
      assertEquals(10, r.applied());
      assertEquals(Optional.of("10"), real.cursor("items"), "the batch sent is committed");
      assertEquals(1, target.calls.get());
    }
  }

  @Test
  void aFlowPausedWhileABatchIsSentStopsAfterThatBatchAndTheBatchPulledAheadIsNotSent() {
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    AtomicInteger sends = new AtomicInteger();
    try (SyncStore real = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(real).workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(source(30))
          .sink(logging(target, true, () -> {
            if (sends.incrementAndGet() == 1) {
              real.pause("items");
            }
          })).batchSize(10).build());
      RunReport first = engine.run("items");
      assertEquals(RunReport.Status.INCOMPLETE, first.status(), first.summary());
      assertEquals("paused", first.stoppedBecause());
      assertEquals(Optional.of("10"), real.cursor("items"));
      assertEquals(1, target.calls.get(), "the batch pulled ahead was not sent");

      real.resume("items");
      RunReport second = engine.run("items");
      assertEquals(RunReport.Status.COMPLETED, second.status(), second.summary());
      assertEquals(20, second.applied());
    }
    assertEquals(3, target.calls.get());
    assertTrue(target.applications.values().stream().allMatch(n -> n == 1), "each record applied once");
    assertEquals(List.of("send I0", "send I10", "send I20"), log.stream().filter(l -> l.startsWith("send")).toList());
    // the second batch was pulled ahead by the first run, dropped when it stopped, and pulled again
    assertEquals(List.of("pull -", "pull 10", "pull 10", "pull 20"),
        log.stream().filter(l -> l.startsWith("pull")).toList());
  }

  @Test
  void aSinkThatIsNotIdempotentHasEachBatchCommittedBeforeTheNextPull() {
    FakeSystems.MapSink target = new FakeSystems.MapSink();
    try (SyncStore real = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(watched(real, cursor -> { })).workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(source(25))
          .sink(logging(target, false, () -> { })).batchSize(10).build());
      assertEquals(25, engine.run("items").applied());
    }
    String me = Thread.currentThread().getName();
    assertEquals(List.of("pull -", "send I0", "commit 10 on " + me, "pull 10", "send I10", "commit 20 on " + me,
        "pull 20", "send I20", "commit 25 on " + me), log);
  }
}
