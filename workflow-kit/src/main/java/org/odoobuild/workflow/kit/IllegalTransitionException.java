package org.odoobuild.workflow.kit;

import java.util.Set;

/** An event that the definition does not allow in the instance's current state. */
public class IllegalTransitionException extends WorkflowException {
  private static final long serialVersionUID = 1L;
  private final String state;
  private final String event;
  private final Set<String> allowed;

  /** Creates the exception. */
  public IllegalTransitionException(String workflow, String instanceId, String state, String event, Set<String> allowed) {
    super(workflow + " " + instanceId + ": event " + event + " is not allowed in state " + state
        + (allowed.isEmpty() ? " (a terminal state)" : "; allowed: " + allowed));
    this.state = state;
    this.event = event;
    this.allowed = Set.copyOf(allowed);
  }

  /** The current state. */
  public String state() {
    return state;
  }

  /** The refused event. */
  public String event() {
    return event;
  }

  /** The events the state allows. */
  public Set<String> allowed() {
    return allowed;
  }
}
