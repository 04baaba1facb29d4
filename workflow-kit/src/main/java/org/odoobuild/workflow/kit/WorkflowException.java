package org.odoobuild.workflow.kit;

/** Base of the workflow kit's errors. */
public class WorkflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public WorkflowException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
