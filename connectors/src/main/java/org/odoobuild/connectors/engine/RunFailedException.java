package org.odoobuild.connectors.engine;

import org.odoobuild.connectors.ConnectorsException;

/** Thrown by {@link RunReport#orThrow()} for a run that did not complete cleanly. */
public final class RunFailedException extends ConnectorsException {
  private static final long serialVersionUID = 1L;
  private final transient RunReport report;

  RunFailedException(RunReport report) {
    super(report.summary() + (report.status() == RunReport.Status.FAILED
        ? "; see engine.operations().deadLetters(\"" + report.flow() + "\", 50)"
        : "; nothing is lost, the next run resumes"));
    this.report = report;
  }

  /** The run. */
  public RunReport report() {
    return report;
  }
}
