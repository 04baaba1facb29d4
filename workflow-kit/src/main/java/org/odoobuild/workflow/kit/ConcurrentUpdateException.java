package org.odoobuild.workflow.kit;

/**
 * Another event changed the instance between load and save (optimistic versioning): this one
 * lost. Re-fire it if it still makes sense in the new state.
 */
public class ConcurrentUpdateException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConcurrentUpdateException(String workflow, String instanceId, long expectedVersion) {
    super(workflow + " " + instanceId + " was changed concurrently (expected version " + expectedVersion + ")");
  }
}
