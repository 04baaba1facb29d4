package org.odoobuild.workflow.kit;

/** A guard refused a transition; the instance did not change. */
public class GuardRejectedException extends WorkflowException {
  private static final long serialVersionUID = 1L;
  private final String guard;
  private final String reason;

  /** Creates the exception. */
  public GuardRejectedException(String workflow, String instanceId, String event, String guard, String reason) {
    super(workflow + " " + instanceId + ": " + event + " refused by guard '" + guard + "': " + reason);
    this.guard = guard;
    this.reason = reason;
  }

  /** The guard's name. */
  public String guard() {
    return guard;
  }

  /** Why it refused. */
  public String reason() {
    return reason;
  }
}
