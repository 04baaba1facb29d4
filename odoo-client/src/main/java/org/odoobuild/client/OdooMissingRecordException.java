package org.odoobuild.client;

/** A record the call refers to does not exist or was deleted (Odoo `MissingError`). */
public class OdooMissingRecordException extends OdooUserException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooMissingRecordException(OdooError error) {
    super(error);
  }
}
