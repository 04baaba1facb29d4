package org.odoobuild.adapters.failure;

import java.time.Duration;
import java.util.Optional;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.connectors.resilience.FailureClassifier;
import org.odoobuild.connectors.resilience.Resilience;

/**
 * Classifies Odoo failures for the engine: what the client calls retryable (connection errors,
 * timeouts, 429, 502/503/504, serialization conflicts) is transient; user, validation, access and
 * request errors are permanent, because sending the same thing again would fail the same way.
 * Anything that is not an {@link OdooException} is classified by {@link FailureClassifier#standard()}.
 * A call that was sent and whose answer was lost has an {@linkplain #outcomeUnknown unknown
 * outcome}: the engine verifies it before sending it again.
 * Thread-safe.
 */
public final class OdooFailures implements FailureClassifier {
  private static final OdooFailures INSTANCE = new OdooFailures();
  private static final int MAX_CAUSES = 32;

  private OdooFailures() {}

  /** The classifier for engines whose sources or sinks talk to Odoo. */
  public static FailureClassifier classifier() {
    return INSTANCE;
  }

  /** A {@link Resilience} builder that classifies with {@link #classifier()}. */
  public static Resilience.Builder resilience() {
    return Resilience.builder().classifier(INSTANCE);
  }

  @Override
  public boolean isTransient(Throwable failure) {
    Optional<OdooException> odoo = find(failure, OdooException.class);
    return odoo.map(OdooException::isRetryable).orElseGet(() -> FailureClassifier.standard().isTransient(failure));
  }

  /**
   * A transport failure after which Odoo may have executed the call anyway
   * ({@link OdooTransportException#requestMayHaveBeenProcessed()}: the request was sent and the
   * answer was lost, cut off, or came from a gateway), or what {@link FailureClassifier#standard()}
   * calls outcome unknown. An answer from Odoo itself (a user, validation or server error) is not:
   * Odoo rolled the call's transaction back.
   */
  @Override
  public boolean outcomeUnknown(Throwable failure) {
    return find(failure, OdooTransportException.class).map(OdooTransportException::requestMayHaveBeenProcessed)
        .orElse(false) || FailureClassifier.standard().outcomeUnknown(failure);
  }

  @Override
  public Optional<Duration> retryAfter(Throwable failure) {
    return find(failure, OdooTransportException.class).flatMap(OdooTransportException::retryAfter);
  }

  private static <E extends Throwable> Optional<E> find(Throwable failure, Class<E> type) {
    Throwable c = failure;
    for (int depth = 0; c != null && depth < MAX_CAUSES; depth++, c = c.getCause()) {
      if (type.isInstance(c)) {
        return Optional.of(type.cast(c));
      }
    }
    return Optional.empty();
  }
}
