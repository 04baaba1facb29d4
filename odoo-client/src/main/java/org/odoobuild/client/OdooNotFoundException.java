package org.odoobuild.client;

/** The model, method or database does not exist on the server. */
public class OdooNotFoundException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooNotFoundException(OdooError error) {
    super(error);
  }
}
