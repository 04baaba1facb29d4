package org.odoobuild.client;

/** The request was malformed: wrong or unexpected arguments, unknown fields, a body the server could not parse. */
public class OdooBadRequestException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for an error. */
  public OdooBadRequestException(OdooError error) {
    super(error);
  }
}
