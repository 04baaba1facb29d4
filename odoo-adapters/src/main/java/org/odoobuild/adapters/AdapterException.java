package org.odoobuild.adapters;

/**
 * The root of the exceptions odoo-adapters throws itself (e.g. a canonical record that cannot be
 * mapped). Errors Odoo answered stay {@code org.odoobuild.client.OdooException}s.
 */
public class AdapterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public AdapterException(String message) {
    super(message);
  }
}
