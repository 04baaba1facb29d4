package org.odoobuild.connectors.engine;

/**
 * Observes the runs of an engine, e.g. for a progress bar, tracing or a status page. One method
 * per event, each a no-op here: override those of interest. Called synchronously on the thread
 * that runs the flow; implementations must be quick, thread-safe (flows may run in parallel) and
 * must not throw (what they throw is logged and ignored). No event carries payloads.
 *
 * <p>Order for one run: {@code runStarted}, {@code progress} after every batch, then
 * {@code runFinished} (also when the run stopped early; not when it threw).
 */
public abstract class RunListener {
  /** A listener that does nothing. */
  public static final RunListener NONE = new RunListener() { };

  /** For subclasses. */
  protected RunListener() {}

  /**
   * A run or drain starts.
   *
   * @param flow the flow
   * @param correlationId the run's correlation id
   */
  public void runStarted(String flow, String correlationId) {
  }

  /**
   * A batch was applied (or dead-lettered).
   *
   * @param progress the run so far
   */
  public void progress(Progress progress) {
  }

  /**
   * A run or drain ended.
   *
   * @param report what it did
   */
  public void runFinished(RunReport report) {
  }
}
