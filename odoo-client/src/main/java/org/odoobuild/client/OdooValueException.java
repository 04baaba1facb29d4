package org.odoobuild.client;

/**
 * A value read from Odoo does not have the type asked for (for example {@code getDate} on a
 * many2one), or a field was asked for that the read did not include.
 */
public class OdooValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public OdooValueException(String message) {
    super(message);
  }
}
