package org.odoobuild.connectors.engine;

import org.odoobuild.connectors.ConnectorsException;

/** A run did not complete ({@link RunReport#orThrow()}); {@link #report()} says what it did and why it stopped. */
public class RunFailedException extends ConnectorsException {
  private static final long serialVersionUID = 1L;

  private final transient RunReport report;

  /**
   * Creates the exception.
   *
   * @param report the run
   */
  public RunFailedException(RunReport report) {
    super("flow " + report.flow() + " " + report.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
        + report.summary());
    this.report = report;
  }

  /**
   * The run.
   *
   * @return its report
   */
  public RunReport report() {
    return report;
  }
}
