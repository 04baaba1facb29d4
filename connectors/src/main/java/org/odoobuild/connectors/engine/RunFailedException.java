package org.odoobuild.connectors.engine;

import org.odoobuild.connectors.ConnectorsException;

/** A run did not complete cleanly ({@link RunReport#orThrow()}); {@link #report()} says what it did and why. */
public class RunFailedException extends ConnectorsException {
  private static final long serialVersionUID = 1L;

  private final transient RunReport report;

  /**
   * Creates the exception.
   *
   * @param report the run
   */
  public RunFailedException(RunReport report) {
    super(report.summary() + (report.status() == RunReport.Status.INCOMPLETE
        ? "; nothing is lost, the next run resumes"
        : report.deadLettered() > 0 ? "; see engine.operations().deadLetters(\"" + report.flow() + "\", 50)" : ""));
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
