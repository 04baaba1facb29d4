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

  /**
   * Whether the failed call may have taken effect anyway (it was sent and its answer was lost
   * or not trustworthy), so it must not be sent again without verification. Default: only an
   * {@link org.odoobuild.connectors.spi.OutcomeUnknownException} in the cause chain.
   *
   * @param failure the failure
   * @return true when the outcome of the call is unknown
   */
  default boolean outcomeUnknown(Throwable failure) {
    return Standard.find(failure, org.odoobuild.connectors.spi.OutcomeUnknownException.class);
  }

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
      public boolean outcomeUnknown(Throwable failure) {
        return self.outcomeUnknown(failure) || fallback.outcomeUnknown(failure);
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

    static boolean find(Throwable failure, Class<? extends Throwable> type) {
      Throwable c = failure;
      for (int depth = 0; c != null && depth < MAX_CAUSES; depth++, c = c.getCause()) {
        if (type.isInstance(c)) {
          return true;
        }
      }
      return false;
    }

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
