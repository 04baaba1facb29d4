package org.odoobuild.connectors.store;

/** The durable store failed (connection, SQL, corrupt data). Never carries credentials. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public StoreException(String message, Throwable cause) {
    super(cause == null ? message : message + ": " + cause.getMessage(), cause);
  }
}
