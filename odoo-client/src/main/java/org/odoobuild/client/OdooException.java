package org.odoobuild.client;

/**
 * Base of every error the client raises for a failed Odoo call. The subclass says what kind of
 * failure it was; {@link #error()} keeps what the server said (name, message, status or fault
 * code, traceback). Messages never contain credentials.
 *
 * <ul>
 *   <li>{@link OdooAuthenticationException}: bad credentials or API key</li>
 *   <li>{@link OdooAccessException}: authenticated but not allowed</li>
 *   <li>{@link OdooUserException}: a business rule refused the call
 *       ({@link OdooValidationException}, {@link OdooMissingRecordException})</li>
 *   <li>{@link OdooNotFoundException}: unknown model, method or database</li>
 *   <li>{@link OdooBadRequestException}: the request itself was wrong (arguments, fields, body)</li>
 *   <li>{@link OdooServerException}: any other server-side failure, with the traceback</li>
 *   <li>{@link OdooTransportException}: the server could not be reached or answered with
 *       something that is not an Odoo response</li>
 *   <li>{@link OdooValueException}: an answer did not have the expected type or form</li>
 * </ul>
 * Every exception this library throws because of what a server answered (or failed to answer)
 * is an {@code OdooException}; arguments refused before anything is sent (a blank model name, a
 * {@code NaN} to store) are {@link IllegalArgumentException}s.
 */
public class OdooException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient OdooError error;

  /** Creates an exception for an error. */
  public OdooException(OdooError error) {
    this(error, null);
  }

  /** Creates an exception for an error, with its cause. */
  public OdooException(OdooError error, Throwable cause) {
    super(error.summary(), cause);
    this.error = error;
  }

  /** What the server said. */
  public OdooError error() {
    return error;
  }

  /** The server's exception name, e.g. {@code odoo.exceptions.UserError}. */
  public String odooName() {
    return error.name();
  }

  /** The server's message, without traceback. */
  public String odooMessage() {
    return error.message();
  }

  /**
   * Whether the same call may succeed if sent again unchanged (a transient condition such as
   * an overloaded server). Business and request errors are never retryable.
   */
  public boolean isRetryable() {
    return false;
  }
}
