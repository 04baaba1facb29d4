package org.odoobuild.workflow.kit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.odoobuild.connectors.engine.SyncContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs instances of one {@link Workflow}: start, fire events, tick deadlines, read history.
 * Within one process, events of the same instance are applied one at a time; across processes
 * the store's optimistic versioning makes sure two concurrent events never both win (the loser
 * gets {@link ConcurrentUpdateException}). An event id seen before returns the earlier outcome
 * without running anything. Events that arrive out of order are refused with
 * {@link IllegalTransitionException} (the caller may retry them later); nothing is queued.
 *
 * <p>An event whose {@link EventMeta#correlationId()} is empty gets the correlation id of the
 * current {@link SyncContext} (the sync run or accept it happens in), so history lines link to the
 * sync's audit rows whatever the logging backend.
 *
 * @param <S> the state enum
 * @param <E> the event enum
 * @param <C> the payload type
 */
public final class WorkflowEngine<S extends Enum<S>, E extends Enum<E>, C> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);
  private final Workflow<S, E, C> workflow;
  private final InstanceStore store;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** An engine for a definition over a store, with a clock (inject a fixed one in tests). */
  public WorkflowEngine(Workflow<S, E, C> workflow, InstanceStore store, Clock clock) {
    this.workflow = Objects.requireNonNull(workflow);
    this.store = Objects.requireNonNull(store);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The definition. */
  public Workflow<S, E, C> workflow() {
    return workflow;
  }

  /** Starts an instance in the initial state; returns the existing one if it was started before. */
  public Instance start(String id, Map<String, String> variables, EventMeta meta) {
    meta = withContextCorrelation(meta);
    Instant now = clock.instant();
    S initial = workflow.initial();
    Optional<Workflow.Deadline<S, E>> d = workflow.deadline(initial);
    Instance inst = new Instance(workflow.name(), id, initial.name(), 1, variables, now, now,
        d.map(x -> now.plus(x.after())), d.map(x -> x.event().name()));
    TransitionRecord start = new TransitionRecord(workflow.name(), id, "", initial.name(), "start", meta.actor(),
        meta.reason(), meta.correlationId(), meta.eventId(), now, 1);
    if (!store.create(inst, start)) {
      return store.load(workflow.name(), id).orElseThrow();
    }
    return inst;
  }

  /** The instance. */
  public Optional<Instance> instance(String id) {
    return store.load(workflow.name(), id);
  }

  /** The current state. */
  public S state(String id) {
    return workflow.state(require(id).state());
  }

  /**
   * Instances in one of the given states, longest unchanged first (e.g. those on hold).
   *
   * @param states the states
   * @param limit the most returned (at least 1)
   * @return the instances
   */
  public List<Instance> instancesIn(Set<S> states, int limit) {
    Set<String> names = new java.util.TreeSet<>();
    states.forEach(s -> names.add(s.name()));
    return store.inStates(workflow.name(), names, limit);
  }

  /** The history, oldest first. */
  public List<TransitionRecord> history(String id) {
    return store.history(workflow.name(), id);
  }

  /**
   * Applies an event.
   *
   * @return the history line of the transition (the earlier one for a repeated event id)
   * @throws IllegalTransitionException when the state does not allow the event
   * @throws GuardRejectedException when a guard refuses (nothing changes)
   * @throws ConcurrentUpdateException when another process changed the instance meanwhile
   * @throws WorkflowException when an action fails (nothing changes)
   */
  public TransitionRecord fire(String id, E event, C payload, EventMeta meta) {
    return fire(id, event, payload, meta, Map.of());
  }

  /** Applies an event and sets instance variables with the transition. */
  public TransitionRecord fire(String id, E event, C payload, EventMeta meta, Map<String, String> setVariables) {
    meta = withContextCorrelation(meta);
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
    lock.lock();
    try {
      Optional<TransitionRecord> earlier = store.byEventId(workflow.name(), id, meta.eventId());
      if (earlier.isPresent()) {
        return earlier.get();
      }
      Instance inst = require(id);
      S from = workflow.state(inst.state());
      Workflow.Transition<S, E, C> t = workflow.transition(from, event).orElseThrow(() -> new IllegalTransitionException(
          workflow.name(), id, from.name(), event.name(),
          workflow.allowedEvents(from).stream().map(Enum::name).collect(java.util.stream.Collectors.toCollection(
              java.util.TreeSet::new))));
      Instant now = clock.instant();
      Step<C> step = new Step<>(workflow.name(), id, from.name(), t.to().name(), event.name(), payload, meta.actor(),
          meta.reason(), meta.correlationId(), now, inst.variables());
      for (Workflow.NamedGuard<C> g : t.guards()) {
        Optional<String> refusal = g.guard().check(step);
        if (refusal.isPresent()) {
          throw new GuardRejectedException(workflow.name(), id, event.name(), g.name(), refusal.get());
        }
      }
      for (Action<C> a : t.actions()) {
        try {
          a.run(step);
        } catch (WorkflowException e) {
          throw e;
        } catch (Exception e) {
          throw new WorkflowException(workflow.name() + " " + id + ": action of " + from + " --" + event + "--> "
              + t.to() + " failed: " + e.getMessage(), e);
        }
      }
      Map<String, String> vars = new LinkedHashMap<>(inst.variables());
      vars.putAll(setVariables);
      boolean stays = t.to() == from;
      Optional<Workflow.Deadline<S, E>> d = workflow.deadline(t.to());
      Instance next = new Instance(inst.workflow(), id, t.to().name(), inst.version() + 1, vars, inst.createdAt(), now,
          d.map(x -> now.plus(x.after())), d.map(x -> x.event().name()));
      TransitionRecord rec = new TransitionRecord(workflow.name(), id, from.name(), t.to().name(), event.name(),
          meta.actor(), meta.reason(), meta.correlationId(), meta.eventId(), now, next.version());
      store.save(next, inst.version(), rec);
      LOG.debug("{} {}: {} --{}--> {}{}", workflow.name(), id, from, event, t.to(), stays ? " (re-armed)" : "");
      return rec;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fires the escalation event of every instance whose deadline passed (once per deadline: the
   * event id is derived from the instance version). Returns what was fired.
   */
  public List<TransitionRecord> tick() {
    List<TransitionRecord> fired = new ArrayList<>();
    for (Instance inst : store.due(workflow.name(), clock.instant())) {
      if (inst.deadlineEvent().isEmpty()) {
        continue;
      }
      E event = Enum.valueOf(workflow.eventType(), inst.deadlineEvent().get());
      try {
        fired.add(fire(inst.id(), event, null, new EventMeta("sla-timer", "deadline passed", "",
            "deadline:" + inst.id() + ":" + inst.version())));
      } catch (WorkflowException e) {
        LOG.warn("{} {}: escalation {} failed: {}", workflow.name(), inst.id(), event, e.getMessage());
      }
    }
    return fired;
  }

  private static EventMeta withContextCorrelation(EventMeta meta) {
    if (!meta.correlationId().isEmpty()) {
      return meta;
    }
    return SyncContext.currentCorrelationId()
        .map(c -> new EventMeta(meta.actor(), meta.reason(), c, meta.eventId())).orElse(meta);
  }

  private Instance require(String id) {
    return store.load(workflow.name(), id).orElseThrow(
        () -> new WorkflowException(workflow.name() + ": no instance '" + id + "' (start it first)"));
  }
}
