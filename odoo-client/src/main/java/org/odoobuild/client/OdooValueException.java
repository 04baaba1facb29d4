package org.odoobuild.client;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A value from Odoo does not have the type or form expected: a malformed answer (a
 * {@code create} that returned no id, a row that is not an object, a date that is not Odoo's
 * layout), {@code getDate} on a many2one, or a field asked for that the read did not include.
 * Never retryable.
 */
public class OdooValueException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public OdooValueException(String message) {
    super(new OdooError("", message, Protocol.AUTO, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), "", ""));
  }
}
