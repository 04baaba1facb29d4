package org.odoobuild.client;

/** Any other failure inside the server; {@link OdooError#debug()} keeps the server traceback. */
public class OdooServerException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooServerException(OdooError error) {
    super(error);
  }

  /** A PostgreSQL serialization failure or deadlock that Odoo gave up retrying is transient. */
  @Override
  public boolean isRetryable() {
    String n = error().name() + " " + error().message();
    return n.contains("SerializationFailure") || n.contains("TransactionRollbackError")
        || n.contains("DeadlockDetected") || n.contains("could not serialize access");
  }
}
