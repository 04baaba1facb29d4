package org.odoobuild.connectors.resilience;

import java.io.IOException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.time.Duration;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooTransportException;

/**
 * Decides which failures are worth another attempt: connection errors, timeouts, 429 and
 * 502/503/504, database serialization conflicts. User, validation, access and request errors
 * never are: sending the same thing again would fail the same way.
 */
public final class Transience {
  private Transience() {}

  /** Whether the failure is transient. */
  public static boolean isTransient(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OdooException oe) {
        return oe.isRetryable();
      }
      if (c instanceof IOException || c instanceof SQLTransientException) {
        return true;
      }
      if (c instanceof java.sql.SQLException se && se.getSQLState() != null
          && (se.getSQLState().equals("40001") || se.getSQLState().equals("40P01"))) {
        return true;
      }
      if (c == c.getCause()) {
        break;
      }
    }
    return false;
  }

  /** The server's requested wait ({@code Retry-After}), when the failure carries one. */
  public static Optional<Duration> retryAfter(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OdooTransportException te) {
        return te.retryAfter();
      }
      if (c == c.getCause()) {
        break;
      }
    }
    return Optional.empty();
  }
}
