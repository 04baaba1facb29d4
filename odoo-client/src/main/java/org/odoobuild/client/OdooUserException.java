package org.odoobuild.client;

/** A business rule refused the call (Odoo `UserError`); the message is meant for a person. */
public class OdooUserException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooUserException(OdooError error) {
    super(error);
  }
}
