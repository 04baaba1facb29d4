package org.odoobuild.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The server could not be reached, did not answer in time, or answered with something that is
 * not an Odoo response (an HTML error page from a proxy, a truncated or malformed body, a 429 or
 * 5xx from a gateway). {@link #requestMayHaveBeenProcessed()} tells whether the server may have
 * executed the call anyway: a non-idempotent call must not be blindly re-sent then.
 */
public class OdooTransportException extends OdooException {
  private static final long serialVersionUID = 1L;

  /** What went wrong on the way. */
  public enum Reason {
    /** No connection could be made; the request was not sent. */
    CONNECT_FAILED,
    /** No complete answer within the configured timeout. */
    TIMEOUT,
    /** The connection broke while the request or response was in flight. */
    CONNECTION_BROKEN,
    /** The server or a proxy answered 429 Too Many Requests. */
    RATE_LIMITED,
    /** An HTTP status that is not part of the protocol (e.g. 502 from a proxy). */
    HTTP_STATUS,
    /** A body that could not be decoded (malformed, truncated, unexpected content type). */
    MALFORMED_RESPONSE
  }

  private final Reason reason;
  private final boolean maybeProcessed;
  private final transient Optional<Duration> retryAfter;

  /** Creates the exception. */
  public OdooTransportException(OdooError error, Reason reason, boolean maybeProcessed,
      Optional<Duration> retryAfter, Throwable cause) {
    super(error, cause);
    this.reason = reason;
    this.maybeProcessed = maybeProcessed;
    this.retryAfter = retryAfter;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** Whether the server may have executed the call before the failure was seen. */
  public boolean requestMayHaveBeenProcessed() {
    return maybeProcessed;
  }

  /** The server's {@code Retry-After}, when it sent one. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }

  /**
   * Connection failures, timeouts, broken connections, 429 and 502/503/504 are transient;
   * malformed bodies and other statuses are not.
   */
  @Override
  public boolean isRetryable() {
    return switch (reason) {
      case CONNECT_FAILED, TIMEOUT, CONNECTION_BROKEN, RATE_LIMITED -> true;
      case HTTP_STATUS -> error().httpStatus().orElse(0) == 502 || error().httpStatus().orElse(0) == 503
          || error().httpStatus().orElse(0) == 504;
      case MALFORMED_RESPONSE -> false;
    };
  }
}
