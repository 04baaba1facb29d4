package org.odoobuild.connectors.resilience;

import dev.failsafe.CircuitBreakerOpenException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells transient failures (worth delivering again later, counted by circuit breakers) from
 * permanent ones (dead-lettered at once). The engine asks it after a sink or source failed; it
 * never decides to re-send a call — retries of one logical call belong to the client that made
 * it (see {@code docs/architecture.md}, "Retries").
 *
 * <p>Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface FailureClassifier {

  /** Whether {@code failure} is transient. */
  boolean isTransient(Throwable failure);

  /** The wait the failing system asked for (e.g. {@code Retry-After}), when the failure carries one. */
  default Optional<Duration> retryAfter(Throwable failure) {
    return Optional.empty();
  }

  /**
   * The classifier for failures outside any particular target: I/O errors, transient SQL
   * errors (including serialization failures and deadlocks, SQLState 40001 / 40P01) and an open
   * circuit breaker are transient; everything else is permanent.
   */
  static FailureClassifier standard() {
    return Standard.INSTANCE;
  }

  /** This classifier, then {@code fallback} for failures this one calls permanent. */
  default FailureClassifier orElse(FailureClassifier fallback) {
    Objects.requireNonNull(fallback, "fallback");
    FailureClassifier self = this;
    return new FailureClassifier() {
      @Override
      public boolean isTransient(Throwable failure) {
        return self.isTransient(failure) || fallback.isTransient(failure);
      }

      @Override
      public Optional<Duration> retryAfter(Throwable failure) {
        Optional<Duration> own = self.retryAfter(failure);
        return own.isPresent() ? own : fallback.retryAfter(failure);
      }
    };
  }

  /** {@link #standard()}. */
  final class Standard implements FailureClassifier {
    private static final Standard INSTANCE = new Standard();
    private static final int MAX_CAUSES = 32;

    private Standard() {}

    @Override
    public boolean isTransient(Throwable failure) {
      Throwable c = failure;
      for (int depth = 0; c != null && depth < MAX_CAUSES; depth++, c = c.getCause()) {
        if (c instanceof IOException || c instanceof SQLTransientException || c instanceof CircuitBreakerOpenException) {
          return true;
        }
        if (c instanceof SQLException se && ("40001".equals(se.getSQLState()) || "40P01".equals(se.getSQLState()))) {
          return true;
        }
      }
      return false;
    }
  }
}
