package org.odoobuild.connectors.audit;

import org.odoobuild.connectors.ConnectorsException;

/** The audit chain cannot be sealed, verified or trimmed (a database failure, or retention over a broken chain). */
public class AuditChainException extends ConnectorsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the failure underneath, if any
   */
  public AuditChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
