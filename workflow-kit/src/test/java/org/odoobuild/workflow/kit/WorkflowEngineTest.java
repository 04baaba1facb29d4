package org.odoobuild.workflow.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.odoobuild.testsupport.MutableClock;
import org.odoobuild.workflow.submittal.SubmittalWorkflow;
import org.odoobuild.workflow.submittal.SubmittalWorkflow.Decision;
import org.odoobuild.workflow.submittal.SubmittalWorkflow.Event;
import org.odoobuild.workflow.submittal.SubmittalWorkflow.State;

class WorkflowEngineTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Workflow<State, Event, Decision> def = SubmittalWorkflow.definition(Duration.ofDays(10),
      new SubmittalWorkflow.Listener() {
        @Override
        public void approved(Step<Decision> s) {
          calls.add("approved " + s.instanceId() + " by " + s.payload().reviewer());
        }

        @Override
        public void overdue(Step<Decision> s) {
          calls.add("overdue " + s.instanceId());
        }

        @Override
        public void returned(Step<Decision> s) {
          calls.add("returned " + s.instanceId());
        }
      });

  static InstanceStore store(String kind) {
    if (kind.equals("memory")) {
      return new InMemoryInstanceStore();
    }
    if (kind.equals("sync-store")) {
      return JdbcInstanceStore.in(org.odoobuild.connectors.store.SyncStores.inMemory());
    }
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:wf" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return new JdbcInstanceStore(ds);
  }

  WorkflowEngine<State, Event, Decision> engine(String kind) {
    return new WorkflowEngine<>(def, store(kind), clock);
  }

  static EventMeta by(String actor, String eventId) {
    return new EventMeta(actor, "", "cid-1", eventId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void happyPathWithHistory(String kind) {
    var e = engine(kind);
    e.start("03 30 00-001", Map.of("po", "17"), by("gc", "s0"));
    e.fire("03 30 00-001", Event.SUBMIT, null, by("sub", "e1"));
    e.fire("03 30 00-001", Event.START_REVIEW, null, by("architect", "e2"));
    e.fire("03 30 00-001", Event.APPROVE, new Decision("A. Reviewer", ""), new EventMeta("architect", "meets spec", "cid-9", "e3"));
    assertEquals(State.APPROVED, e.state("03 30 00-001"));
    assertEquals(List.of("approved 03 30 00-001 by A. Reviewer"), calls);
    List<TransitionRecord> h = e.history("03 30 00-001");
    assertEquals(List.of("start", "SUBMIT", "START_REVIEW", "APPROVE"), h.stream().map(TransitionRecord::event).toList());
    assertEquals("meets spec", h.get(3).reason());
    assertEquals("cid-9", h.get(3).correlationId());
    assertEquals(4, h.get(3).version());
    assertEquals("17", e.instance("03 30 00-001").orElseThrow().variable("po").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void instancesInStatesLongestUnchangedFirst(String kind) {
    var e = engine(kind);
    for (String id : List.of("S-3", "S-1", "S-2", "S-4")) {
      e.start(id, Map.of(), by("gc", "start-" + id));
      clock.advance(Duration.ofMinutes(1));
    }
    e.fire("S-1", Event.SUBMIT, null, by("sub", "s1"));
    clock.advance(Duration.ofMinutes(1));
    e.fire("S-3", Event.SUBMIT, null, by("sub", "s3"));
    assertEquals(List.of("S-1", "S-3"), e.instancesIn(Set.of(State.SUBMITTED), 10).stream().map(Instance::id).toList());
    assertEquals(List.of("S-2", "S-4"), e.instancesIn(Set.of(e.workflow().initial()), 10).stream().map(Instance::id)
        .toList());
    assertEquals(List.of("S-2"), e.instancesIn(Set.of(e.workflow().initial(), State.SUBMITTED), 1).stream()
        .map(Instance::id).toList());
    assertEquals(List.of(), e.instancesIn(Set.of(), 10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void illegalAndOutOfOrderEventsAreRefusedClearly(String kind) {
    var e = engine(kind);
    e.start("S-2", Map.of(), by("gc", "s0"));
    IllegalTransitionException ex = assertThrows(IllegalTransitionException.class,
        () -> e.fire("S-2", Event.APPROVE, new Decision("x", ""), by("a", "early")));
    assertEquals("DRAFT", ex.state());
    assertEquals(Set.of("SUBMIT"), ex.allowed());
    assertTrue(ex.getMessage().contains("APPROVE is not allowed in state DRAFT"), ex.getMessage());
    assertEquals(State.DRAFT, e.state("S-2"));
    assertTrue(calls.isEmpty());
    e.fire("S-2", Event.SUBMIT, null, by("s", "e1"));
    e.fire("S-2", Event.START_REVIEW, null, by("s", "e2"));
    e.fire("S-2", Event.REJECT, null, by("a", "e3"));
    IllegalTransitionException terminal = assertThrows(IllegalTransitionException.class,
        () -> e.fire("S-2", Event.RESUBMIT, null, by("s", "e4")));
    assertTrue(terminal.allowed().isEmpty());
    assertThrows(WorkflowException.class, () -> e.fire("nope", Event.SUBMIT, null, by("s", "x")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void guardRejectionChangesNothing(String kind) {
    var e = engine(kind);
    e.start("S-3", Map.of(), by("gc", "s0"));
    e.fire("S-3", Event.SUBMIT, null, by("s", "e1"));
    e.fire("S-3", Event.START_REVIEW, null, by("s", "e2"));
    GuardRejectedException g = assertThrows(GuardRejectedException.class,
        () -> e.fire("S-3", Event.APPROVE_AS_NOTED, new Decision("rev", ""), by("a", "e3")));
    assertEquals("comments given", g.guard());
    assertEquals(State.UNDER_REVIEW, e.state("S-3"));
    assertTrue(calls.isEmpty());
    assertEquals(3, e.history("S-3").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void duplicateEventIdsAreIdempotent(String kind) {
    var e = engine(kind);
    e.start("S-4", Map.of(), by("gc", "s0"));
    e.fire("S-4", Event.SUBMIT, null, by("s", "e1"));
    e.fire("S-4", Event.START_REVIEW, null, by("s", "e2"));
    TransitionRecord first = e.fire("S-4", Event.APPROVE, new Decision("r", ""), by("a", "decision-77"));
    TransitionRecord again = e.fire("S-4", Event.APPROVE, new Decision("r", ""), by("a", "decision-77"));
    assertEquals(first, again);
    assertEquals(1, calls.size(), "the action ran once");
    assertEquals(4, e.history("S-4").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void concurrentEventsOnOneInstanceHaveExactlyOneWinner(String kind) throws Exception {
    var e = engine(kind);
    e.start("S-5", Map.of(), by("gc", "s0"));
    e.fire("S-5", Event.SUBMIT, null, by("s", "e1"));
    e.fire("S-5", Event.START_REVIEW, null, by("s", "e2"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    Event[] decisions = {Event.APPROVE, Event.REJECT, Event.RETURN_FOR_REVISION};
    for (int i = 0; i < 24; i++) {
      Event ev = decisions[i % 3];
      String id = "d" + i;
      results.add(pool.submit(() -> {
        go.await();
        try {
          e.fire("S-5", ev, new Decision("r" + id, ""), by("a", id));
          return "won";
        } catch (IllegalTransitionException | ConcurrentUpdateException lost) {
          return "lost";
        }
      }));
    }
    go.countDown();
    int won = 0;
    for (Future<String> f : results) {
      won += f.get(30, TimeUnit.SECONDS).equals("won") ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, won);
    List<TransitionRecord> h = e.history("S-5");
    assertEquals(4, h.size());
    for (int i = 0; i < h.size(); i++) {
      assertEquals(i + 1, h.get(i).version(), "history versions are contiguous");
    }
  }

  @Test
  void optimisticVersioningAcrossStoresSharingOneDatabase() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:shared" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    InstanceStore a = new JdbcInstanceStore(ds);
    InstanceStore b = new JdbcInstanceStore(ds);
    var ea = new WorkflowEngine<>(def, a, clock);
    ea.start("S-6", Map.of(), by("gc", "s0"));
    Instance loaded = b.load("submittal", "S-6").orElseThrow();
    ea.fire("S-6", Event.SUBMIT, null, by("s", "e1")); // moves to version 2 through store a
    Instance stale = new Instance(loaded.workflow(), loaded.id(), "SUBMITTED", 2, Map.of(), loaded.createdAt(),
        clock.instant(), java.util.Optional.empty(), java.util.Optional.empty());
    assertThrows(ConcurrentUpdateException.class, () -> b.save(stale, 1, new TransitionRecord("submittal", "S-6",
        "DRAFT", "SUBMITTED", "SUBMIT", "other-process", "", "", "e1-other", clock.instant(), 2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "jdbc", "sync-store"})
  void deadlineEscalatesOnceAndReArms(String kind) {
    var e = engine(kind);
    e.start("S-7", Map.of(), by("gc", "s0"));
    e.fire("S-7", Event.SUBMIT, null, by("s", "e1"));
    e.fire("S-7", Event.START_REVIEW, null, by("s", "e2"));
    clock.advance(Duration.ofDays(9));
    assertTrue(e.tick().isEmpty());
    clock.advance(Duration.ofDays(2));
    List<TransitionRecord> fired = e.tick();
    assertEquals(1, fired.size());
    assertEquals("ESCALATE", fired.get(0).event());
    assertEquals("sla-timer", fired.get(0).actor());
    assertEquals(List.of("overdue S-7"), calls);
    assertTrue(e.tick().isEmpty(), "fired once per deadline");
    clock.advance(Duration.ofDays(10));
    assertEquals(1, e.tick().size(), "the self-transition re-armed the SLA");
    e.fire("S-7", Event.APPROVE, new Decision("r", ""), by("a", "e9"));
    clock.advance(Duration.ofDays(30));
    assertTrue(e.tick().isEmpty(), "leaving the state cancels its deadline");
  }
}
