package org.odoobuild.client;

/** The credentials or API key were refused (Odoo `AccessDenied`, HTTP 401, or `authenticate` returning `false`). */
public class OdooAuthenticationException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooAuthenticationException(OdooError error) {
    super(error);
  }
}
