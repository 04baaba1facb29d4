package org.odoobuild.workflow.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A workflow definition: states and events as enums, transitions with guards and actions,
 * terminal states and SLA deadlines. Immutable once built; reads like the process:
 * <pre>{@code
 * Workflow<State, Event, Review> submittal = Workflow.define("submittal", State.class, Event.class, Review.class)
 *     .initial(DRAFT)
 *     .from(DRAFT).on(SUBMIT).to(SUBMITTED)
 *     .from(SUBMITTED).on(START_REVIEW).to(UNDER_REVIEW)
 *     .from(UNDER_REVIEW).on(APPROVE).to(APPROVED).when("reviewer assigned", r -> r.reviewer() != null, "no reviewer").then(releaseProcurement)
 *     .deadline(UNDER_REVIEW, Duration.ofDays(10), ESCALATE)
 *     .terminal(REJECTED)
 *     .build();
 * }</pre>
 *
 * @param <S> the state enum
 * @param <E> the event enum
 * @param <C> the event payload type
 */
public final class Workflow<S extends Enum<S>, E extends Enum<E>, C> {

  /** One allowed transition. */
  public static final class Transition<S extends Enum<S>, E extends Enum<E>, C> {
    private final S from;
    private final E event;
    private final S to;
    private final List<NamedGuard<C>> guards;
    private final List<Action<C>> actions;

    Transition(S from, E event, S to, List<NamedGuard<C>> guards, List<Action<C>> actions) {
      this.from = from;
      this.event = event;
      this.to = to;
      this.guards = List.copyOf(guards);
      this.actions = List.copyOf(actions);
    }

    /** The source state. */
    public S from() {
      return from;
    }

    /** The event. */
    public E event() {
      return event;
    }

    /** The target state. */
    public S to() {
      return to;
    }

    /** The guard names, in order. */
    public List<String> guardNames() {
      return guards.stream().map(NamedGuard::name).toList();
    }

    List<NamedGuard<C>> guards() {
      return guards;
    }

    List<Action<C>> actions() {
      return actions;
    }
  }

  record NamedGuard<C>(String name, Guard<C> guard) {}

  /** An SLA: how long an instance may stay in a state before {@code event} fires. */
  public record Deadline<S, E>(S state, Duration after, E event) {}

  private final String name;
  private final Class<S> stateType;
  private final Class<E> eventType;
  private final S initial;
  private final Map<S, Map<E, Transition<S, E, C>>> transitions;
  private final Set<S> terminal;
  private final Map<S, Deadline<S, E>> deadlines;

  private Workflow(Builder<S, E, C> b) {
    this.name = b.name;
    this.stateType = b.stateType;
    this.eventType = b.eventType;
    this.initial = Objects.requireNonNull(b.initial, "initial state not set");
    Map<S, Map<E, Transition<S, E, C>>> t = new LinkedHashMap<>();
    for (Transition<S, E, C> tr : b.transitions) {
      t.computeIfAbsent(tr.from, k -> new LinkedHashMap<>()).put(tr.event, tr);
    }
    t.replaceAll((k, v) -> Collections.unmodifiableMap(v));
    this.transitions = Collections.unmodifiableMap(t);
    this.terminal = Collections.unmodifiableSet(b.terminal.isEmpty() ? EnumSet.noneOf(b.stateType) : EnumSet.copyOf(b.terminal));
    this.deadlines = Map.copyOf(b.deadlines);
    for (S s : terminal) {
      if (transitions.containsKey(s)) {
        throw new IllegalStateException(name + ": terminal state " + s + " has outgoing transitions");
      }
    }
    for (Deadline<S, E> d : deadlines.values()) {
      if (transition(d.state(), d.event()).isEmpty()) {
        throw new IllegalStateException(name + ": deadline event " + d.event() + " has no transition from " + d.state());
      }
    }
  }

  /** Starts a definition. */
  public static <S extends Enum<S>, E extends Enum<E>, C> Builder<S, E, C> define(String name, Class<S> states,
      Class<E> events, Class<C> payload) {
    return new Builder<>(name, states, events);
  }

  /** The definition name. */
  public String name() {
    return name;
  }

  /** The initial state. */
  public S initial() {
    return initial;
  }

  /** The transition for an event in a state. */
  public Optional<Transition<S, E, C>> transition(S from, E event) {
    return Optional.ofNullable(transitions.getOrDefault(from, Map.of()).get(event));
  }

  /** The events a state allows. */
  public Set<E> allowedEvents(S state) {
    return transitions.getOrDefault(state, Map.of()).keySet();
  }

  /** Every transition, in definition order. */
  public List<Transition<S, E, C>> transitions() {
    List<Transition<S, E, C>> all = new ArrayList<>();
    transitions.values().forEach(m -> all.addAll(m.values()));
    return all;
  }

  /** The terminal states. */
  public Set<S> terminalStates() {
    return terminal;
  }

  /** The deadline of a state. */
  public Optional<Deadline<S, E>> deadline(S state) {
    return Optional.ofNullable(deadlines.get(state));
  }

  /** Every state. */
  public List<S> states() {
    return List.of(stateType.getEnumConstants());
  }

  /** The state named {@code name}. */
  public S state(String stateName) {
    return Enum.valueOf(stateType, stateName);
  }

  /** The event type. */
  public Class<E> eventType() {
    return eventType;
  }

  /** Builds a {@link Workflow}; see the class example. */
  public static final class Builder<S extends Enum<S>, E extends Enum<E>, C> {
    private final String name;
    private final Class<S> stateType;
    private final Class<E> eventType;
    private S initial;
    private final List<Transition<S, E, C>> transitions = new ArrayList<>();
    private final Set<S> terminal = new LinkedHashSet<>();
    private final Map<S, Deadline<S, E>> deadlines = new LinkedHashMap<>();

    private Builder(String name, Class<S> stateType, Class<E> eventType) {
      if (name == null || !name.matches("[a-z][a-z0-9_-]{0,63}")) {
        throw new IllegalArgumentException("workflow names are lower case (a-z, 0-9, _, -), got '" + name + "'");
      }
      this.name = name;
      this.stateType = Objects.requireNonNull(stateType);
      this.eventType = Objects.requireNonNull(eventType);
    }

    /** The state new instances start in. */
    public Builder<S, E, C> initial(S state) {
      this.initial = Objects.requireNonNull(state);
      return this;
    }

    /** Begins a transition from {@code state}. */
    public From from(S state) {
      return new From(Objects.requireNonNull(state));
    }

    /** States that end the workflow (no further events). */
    @SafeVarargs
    public final Builder<S, E, C> terminal(S... states) {
      terminal.addAll(List.of(states));
      return this;
    }

    /** Fires {@code event} when an instance stays in {@code state} longer than {@code after}. */
    public Builder<S, E, C> deadline(S state, Duration after, E event) {
      deadlines.put(state, new Deadline<>(state, after, event));
      return this;
    }

    /** Builds the definition (checks terminal states and deadlines). */
    public Workflow<S, E, C> build() {
      return new Workflow<>(this);
    }

    /** A transition being defined: {@code from(S).on(E).to(S)}. */
    public final class From {
      private final S from;

      private From(S from) {
        this.from = from;
      }

      /** The event. */
      public On on(E event) {
        return new On(from, Objects.requireNonNull(event));
      }
    }

    /** {@code from(S).on(E)} waiting for its target. */
    public final class On {
      private final S from;
      private final E event;

      private On(S from, E event) {
        this.from = from;
        this.event = event;
      }

      /** The target state; returns a builder for guards and actions. */
      public To to(S to) {
        for (Transition<S, E, C> t : transitions) {
          if (t.from == from && t.event == event) {
            throw new IllegalStateException(name + ": " + from + " --" + event + "--> defined twice");
          }
        }
        return new To(from, event, Objects.requireNonNull(to));
      }
    }

    /** A transition with optional guards and actions; continue with {@code from(...)}, {@code terminal}, … */
    public final class To {
      private final S from;
      private final E event;
      private final S to;
      private final List<NamedGuard<C>> guards = new ArrayList<>();
      private final List<Action<C>> actions = new ArrayList<>();
      private final int index;

      private To(S from, E event, S to) {
        this.from = from;
        this.event = event;
        this.to = to;
        this.index = transitions.size();
        transitions.add(new Transition<>(from, event, to, guards, actions));
      }

      private To refresh() {
        transitions.set(index, new Transition<>(from, event, to, guards, actions));
        return this;
      }

      /** A named guard. */
      public To when(String guardName, Guard<C> guard) {
        guards.add(new NamedGuard<>(Objects.requireNonNull(guardName), Objects.requireNonNull(guard)));
        return refresh();
      }

      /** A guard from a predicate on the payload, with the refusal reason. */
      public To when(String guardName, java.util.function.Predicate<C> allowed, String refusal) {
        return when(guardName, Guard.of(allowed, refusal));
      }

      /** An action run on this transition. */
      public To then(Action<C> action) {
        actions.add(Objects.requireNonNull(action));
        return refresh();
      }

      /** Begins the next transition. */
      public From from(S state) {
        return Builder.this.from(state);
      }

      /** Terminal states. */
      @SafeVarargs
      public final Builder<S, E, C> terminal(S... states) {
        return Builder.this.terminal(states);
      }

      /** A deadline. */
      public Builder<S, E, C> deadline(S state, Duration after, E escalation) {
        return Builder.this.deadline(state, after, escalation);
      }

      /** Builds the definition. */
      public Workflow<S, E, C> build() {
        return Builder.this.build();
      }
    }
  }
}
