package org.odoobuild.connectors.spi;

import org.odoobuild.connectors.ConnectorsException;

/**
 * Thrown by a {@link Sink} when its batch was sent and may have been applied, in part or in
 * full, but no answer says so (the connection broke after sending, a gateway answered after
 * forwarding). The engine then verifies every record of the batch before sending any again.
 */
public class OutcomeUnknownException extends ConnectorsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened
   * @param cause the failure that left the outcome open
   */
  public OutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
