package org.odoobuild.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Observes every call the client makes, e.g. to feed metrics. Called on the calling thread
 * after the call; must not throw. Receives no arguments or values, so nothing secret.
 */
@FunctionalInterface
public interface CallListener {

  /**
   * One finished call.
   *
   * @param model the model, empty for service calls
   * @param method the method
   * @param protocol the protocol used
   * @param duration wall time including retries
   * @param failure the error when the call failed
   */
  void onCall(String model, String method, Protocol protocol, Duration duration, Optional<OdooException> failure);

  /** A listener that does nothing. */
  CallListener NONE = (model, method, protocol, duration, failure) -> { };

  /** A listener that does nothing. */
  static CallListener none() {
    return NONE;
  }
}
