package org.odoobuild.client.internal;

import java.util.function.Supplier;

/**
 * The deadline of the logical call running on this thread, read by {@link HttpSupport} to bound
 * each request by what is left of it. Calls the client makes on its own behalf inside a logical
 * call (version detection, authentication) share the outer deadline.
 */
public final class Deadline {
  private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

  private Deadline() {}

  /** Runs {@code body} with a deadline {@code budgetNanos} from now, or the current one when already inside a call. */
  public static <T> T within(long budgetNanos, Supplier<T> body) {
    if (CURRENT.get() != null) {
      return body.get();
    }
    CURRENT.set(new long[] {System.nanoTime() + budgetNanos});
    try {
      return body.get();
    } finally {
      CURRENT.remove();
    }
  }

  /** Nanoseconds left until the current deadline; {@link Long#MAX_VALUE} when there is none. */
  public static long remainingNanos() {
    long[] d = CURRENT.get();
    return d == null ? Long.MAX_VALUE : d[0] - System.nanoTime();
  }
}
