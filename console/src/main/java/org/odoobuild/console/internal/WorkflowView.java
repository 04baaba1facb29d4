package org.odoobuild.console.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.Instance;
import org.odoobuild.workflow.kit.TransitionRecord;
import org.odoobuild.workflow.kit.WorkflowEngine;

/** One workflow as the console shows it, without its type parameters. */
public abstract sealed class WorkflowView permits WorkflowView.Typed {

  /**
   * A view of an engine: the instances in {@code shown} states, and the actions an operator may
   * fire (each with the payload it builds from the operator's reason).
   */
  public static <S extends Enum<S>, E extends Enum<E>, C> WorkflowView of(WorkflowEngine<S, E, C> engine,
      Set<S> shown, Map<E, Function<String, C>> actions) {
    if (shown.isEmpty()) {
      throw new IllegalArgumentException("name the states the console shows for " + engine.workflow().name());
    }
    return new Typed<>(engine, Set.copyOf(shown), new LinkedHashMap<>(actions));
  }

  /** The workflow's name. */
  public abstract String name();

  /** The states shown (names). */
  public abstract List<String> shownStates();

  /** Instances in the shown states, longest unchanged first. */
  public abstract List<Instance> held(int limit);

  /** One instance. */
  public abstract Optional<Instance> instance(String id);

  /** Its history, oldest first. */
  public abstract List<TransitionRecord> history(String id);

  /** The configured actions the state allows. */
  public abstract List<String> actions(String state);

  /** Fires an action as {@code actor}; the workflow's own exceptions pass through. */
  public abstract TransitionRecord fire(String id, String action, String reason, String actor);

  static final class Typed<S extends Enum<S>, E extends Enum<E>, C> extends WorkflowView {
    private final WorkflowEngine<S, E, C> engine;
    private final Set<S> shown;
    private final Map<E, Function<String, C>> actions;

    Typed(WorkflowEngine<S, E, C> engine, Set<S> shown, Map<E, Function<String, C>> actions) {
      this.engine = engine;
      this.shown = shown;
      this.actions = actions;
    }

    @Override
    public String name() {
      return engine.workflow().name();
    }

    @Override
    public List<String> shownStates() {
      return shown.stream().sorted().map(Enum::name).toList();
    }

    @Override
    public List<Instance> held(int limit) {
      return engine.instancesIn(shown, limit);
    }

    @Override
    public Optional<Instance> instance(String id) {
      return engine.instance(id);
    }

    @Override
    public List<TransitionRecord> history(String id) {
      return engine.history(id);
    }

    @Override
    public List<String> actions(String state) {
      S s;
      try {
        s = engine.workflow().state(state);
      } catch (RuntimeException e) {
        return List.of();
      }
      Set<E> allowed = engine.workflow().allowedEvents(s);
      List<String> out = new ArrayList<>();
      actions.keySet().stream().filter(allowed::contains).forEach(e -> out.add(e.name()));
      return out;
    }

    @Override
    public TransitionRecord fire(String id, String action, String reason, String actor) {
      E event = actions.keySet().stream().filter(e -> e.name().equals(action)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the console does not offer " + action + " for " + name()));
      C payload = actions.get(event).apply(reason);
      return engine.fire(id, event, payload, new EventMeta(actor, reason, "", "console:" + UUID.randomUUID()));
    }
  }
}
