package org.odoobuild.connectors.webhook;

/**
 * A webhook delivery was refused; {@link #reason()} says which check failed. The message never
 * contains the shared secret or the expected signature.
 */
public class WebhookRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a delivery is refused, with the HTTP status the intake answers. */
  public enum Reason {
    /** No signature header, or a signature that does not match. */
    BAD_SIGNATURE(401),
    /** No timestamp, or one outside the tolerance window. */
    STALE_TIMESTAMP(401),
    /** The same delivery (nonce / event id) was seen before. */
    REPLAYED(409),
    /** The body is larger than allowed. */
    TOO_LARGE(413),
    /** The body is not a JSON object or lacks required fields. */
    MALFORMED(400);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    /** The HTTP status for this refusal. */
    public int status() {
      return status;
    }
  }

  private final Reason reason;

  /** Creates the exception. */
  public WebhookRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Which check failed. */
  public Reason reason() {
    return reason;
  }
}
