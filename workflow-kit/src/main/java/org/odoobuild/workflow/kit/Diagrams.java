package org.odoobuild.workflow.kit;

/** Renders a {@link Workflow} as Mermaid ({@code stateDiagram-v2}) or Graphviz DOT text for the docs. */
public final class Diagrams {
  private Diagrams() {}

  /** Mermaid {@code stateDiagram-v2}; guards appear in brackets after the event. */
  public static <S extends Enum<S>, E extends Enum<E>> String mermaid(Workflow<S, E, ?> w) {
    StringBuilder sb = new StringBuilder("stateDiagram-v2\n");
    sb.append("    [*] --> ").append(w.initial().name()).append('\n');
    for (Workflow.Transition<S, E, ?> t : w.transitions()) {
      sb.append("    ").append(t.from().name()).append(" --> ").append(t.to().name()).append(" : ")
          .append(t.event().name()).append(guards(t)).append('\n');
    }
    for (Enum<?> s : w.terminalStates()) {
      sb.append("    ").append(s.name()).append(" --> [*]\n");
    }
    for (S s : w.states()) {
      w.deadline(s).ifPresent(d -> sb.append("    note right of ").append(s.name()).append(" : SLA ")
          .append(d.after()).append(" then ").append(d.event().name()).append('\n'));
    }
    return sb.toString();
  }

  /** Graphviz DOT. */
  public static String dot(Workflow<?, ?, ?> w) {
    StringBuilder sb = new StringBuilder("digraph \"" + w.name() + "\" {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
    sb.append("  start [shape=point];\n  start -> ").append(w.initial().name()).append(";\n");
    for (Enum<?> s : w.terminalStates()) {
      sb.append("  ").append(s.name()).append(" [peripheries=2];\n");
    }
    for (Workflow.Transition<?, ?, ?> t : w.transitions()) {
      sb.append("  ").append(t.from().name()).append(" -> ").append(t.to().name()).append(" [label=\"")
          .append(t.event().name()).append(guards(t).replace("\"", "'")).append("\"];\n");
    }
    return sb.append("}\n").toString();
  }

  private static String guards(Workflow.Transition<?, ?, ?> t) {
    return t.guardNames().isEmpty() ? "" : " [" + String.join(", ", t.guardNames()) + "]";
  }
}
