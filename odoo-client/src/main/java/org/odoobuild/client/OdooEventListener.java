package org.odoobuild.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Observes the logical calls of a client and their attempts, e.g. for metrics or tracing. One
 * method per event, each a no-op here: override those of interest. Called synchronously on the
 * calling thread; implementations must be thread-safe, quick and must not throw. No event carries
 * arguments, values or credentials.
 *
 * <p>Order for one logical call: {@code callStart}, then for each failed attempt
 * {@code attemptFailed} (followed by {@code retryScheduled} when it is re-sent), then
 * {@code callEnd}. Calls the client makes on its own behalf (version detection,
 * {@code common.authenticate}) are logical calls of their own and nest inside the one that
 * needed them.
 */
public abstract class OdooEventListener {
  /** A listener that does nothing. */
  public static final OdooEventListener NONE = new OdooEventListener() { };

  /** For subclasses. */
  protected OdooEventListener() {}

  /**
   * A logical call starts.
   *
   * @param model the model, empty for service calls
   * @param method the method or route
   */
  public void callStart(String model, String method) {
  }

  /**
   * One attempt (one request) failed.
   *
   * @param model the model, empty for service calls
   * @param method the method or route
   * @param attempt the attempt number, from 1
   * @param failure what went wrong
   */
  public void attemptFailed(String model, String method, int attempt, OdooException failure) {
  }

  /**
   * The call will be sent again after a wait.
   *
   * @param model the model, empty for service calls
   * @param method the method or route
   * @param nextAttempt the number of the coming attempt, from 2
   * @param delay the wait before it
   */
  public void retryScheduled(String model, String method, int nextAttempt, Duration delay) {
  }

  /**
   * A logical call ended.
   *
   * @param model the model, empty for service calls
   * @param method the method or route
   * @param protocol the protocol used ({@link Protocol#AUTO} before one was chosen)
   * @param attempts how many requests were sent (or tried to be)
   * @param duration wall time including retries and waits
   * @param failure the error when the call failed
   */
  public void callEnd(String model, String method, Protocol protocol, int attempts, Duration duration,
      Optional<OdooException> failure) {
  }
}
