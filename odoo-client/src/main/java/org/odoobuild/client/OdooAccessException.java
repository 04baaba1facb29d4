package org.odoobuild.client;

/** The user is authenticated but not allowed to do this (Odoo `AccessError`: access rights, record rules, private methods). */
public class OdooAccessException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooAccessException(OdooError error) {
    super(error);
  }
}
