package org.odoobuild.connectors.cases;

import org.odoobuild.connectors.ConnectorsException;

/** A case operation failed: the database, or an action the case does not allow (e.g. replay without a dead letter). */
public class CaseException extends ConnectorsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the failure underneath, if any
   */
  public CaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
