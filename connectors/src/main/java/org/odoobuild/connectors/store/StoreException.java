package org.odoobuild.connectors.store;

/**
 * The durable store failed (connection, SQL, corrupt data, incompatible schema). Messages never
 * carry credentials.
 */
public class StoreException extends org.odoobuild.connectors.ConnectorsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the store was doing
   * @param cause the underlying failure, or {@code null}
   */
  public StoreException(String message, Throwable cause) {
    super(cause == null ? message : message + ": " + cause.getMessage(), cause);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what went wrong
   */
  public StoreException(String message) {
    super(message);
  }
}
