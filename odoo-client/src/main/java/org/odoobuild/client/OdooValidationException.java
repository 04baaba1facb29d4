package org.odoobuild.client;

/** A constraint refused the values (Odoo `ValidationError`, including SQL constraints). Over XML-RPC Odoo sends the same fault code for user and validation errors, so there only the SQL-constraint form is recognised; others arrive as {@link OdooUserException}. */
public class OdooValidationException extends OdooUserException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooValidationException(OdooError error) {
    super(error);
  }
}
