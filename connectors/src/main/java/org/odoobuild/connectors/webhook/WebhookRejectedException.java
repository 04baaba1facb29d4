package org.odoobuild.connectors.webhook;

import java.util.Locale;
import java.util.Objects;

/**
 * A webhook delivery was refused; {@link #reason()} says which check failed and
 * {@link Reason#status()} which HTTP status to answer. Messages never contain a shared secret
 * or the expected signature.
 */
public class WebhookRejectedException extends org.odoobuild.connectors.ConnectorsException {
  private static final long serialVersionUID = 1L;

  /** Which check failed, with the HTTP status the intake answers. */
  public enum Reason {
    /** The body is larger than allowed: 413. */
    TOO_LARGE(413),
    /** No signature header: 401. */
    MISSING_SIGNATURE(401),
    /** The signature matches none of the secrets (or is not hex/base64 of 32 bytes): 401. */
    BAD_SIGNATURE(401),
    /** No timestamp header: 401. */
    MISSING_TIMESTAMP(401),
    /** The timestamp is not epoch seconds: 401. */
    INVALID_TIMESTAMP(401),
    /** The timestamp is older than the tolerance window: 401. */
    STALE_TIMESTAMP(401),
    /** The timestamp is further ahead than the tolerance window: 401. */
    FUTURE_TIMESTAMP(401),
    /** The body is not a JSON object: 400. */
    MALFORMED(400),
    /** Neither a delivery id header nor an event id in the body: 400. */
    MISSING_EVENT_ID(400),
    /** The event mapper refused the content: 400. */
    UNMAPPABLE(400),
    /** The same delivery (nonce) was received before: 409. */
    REPLAYED(409);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    /**
     * The HTTP status for this refusal.
     *
     * @return 400, 401, 409 or 413
     */
    public int status() {
      return status;
    }

    /**
     * The code used in JSON error bodies.
     *
     * @return the lower-case name, e.g. {@code bad_signature}
     */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason the failed check
   * @param message a description without secrets
   */
  public WebhookRejectedException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Which check failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
