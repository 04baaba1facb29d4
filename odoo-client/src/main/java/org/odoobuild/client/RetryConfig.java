package org.odoobuild.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client re-sends one logical call after a transient failure (an overloaded server, a
 * 502/503/504 or 429 from a gateway, a refused connection, a timeout). Immutable and
 * thread-safe; set it with {@link OdooClient.Builder#retry(RetryConfig)}.
 * <pre>{@code
 * OdooClient.builder()...
 *     .retry(RetryConfig.builder().maxAttempts(5).backoff(Duration.ofSeconds(1), Duration.ofSeconds(20)).build())
 * }</pre>
 * <p>What is re-sent does not depend on this configuration: an idempotent call (a read, or a
 * {@code load} by external id) after any transient failure; any other call (create, write,
 * unlink, button methods, any {@link Call} not declared idempotent) only when the request
 * provably was not sent (see {@link OdooTransportException#requestMayHaveBeenProcessed()}).
 *
 * <p>The wait before attempt {@code n + 1} is {@code delay * 2^(n-1)}, capped at {@code maxDelay},
 * of which a random half is kept (jitter); a {@code Retry-After} sent by the server replaces it,
 * up to {@link #maxRetryAfter()}. No wait reaches beyond the call's deadline
 * ({@link OdooClient.Builder#deadline(Duration)}): the call then fails with its last error.
 */
public final class RetryConfig {
  private static final RetryConfig DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration delay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;

  private RetryConfig(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.delay = b.delay;
    this.maxDelay = b.maxDelay;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** The defaults: 3 sends in total, backoff from 500 ms up to 10 s, {@code Retry-After} honoured up to 30 s. */
  public static RetryConfig defaults() {
    return DEFAULTS;
  }

  /** One send per call, never re-sent. */
  public static RetryConfig none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    return new Builder().maxAttempts(maxAttempts).backoff(delay, maxDelay).maxRetryAfter(maxRetryAfter);
  }

  /** The most requests one logical call sends, the first included (default 3). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the second attempt, doubled for each later one (default 500 ms). */
  public Duration delay() {
    return delay;
  }

  /** The longest backoff wait (default 10 s). */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The longest {@code Retry-After} honoured; a longer one is shortened to this (default 30 s). */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryConfig c && c.maxAttempts == maxAttempts && c.delay.equals(delay)
        && c.maxDelay.equals(maxDelay) && c.maxRetryAfter.equals(maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, delay, maxDelay, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryConfig{maxAttempts=" + maxAttempts + ", delay=" + delay + ", maxDelay=" + maxDelay
        + ", maxRetryAfter=" + maxRetryAfter + "}";
  }

  /** Builds a {@link RetryConfig}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration delay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(10);
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * The most requests one logical call sends, the first included; {@code 1} disables retries.
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Exponential backoff: {@code delay} before the second attempt, doubled each time up to
     * {@code maxDelay}; a random half of each wait is kept.
     *
     * @param delay the first wait (zero or more)
     * @param maxDelay the longest wait ({@code >= delay})
     * @return this builder
     */
    public Builder backoff(Duration delay, Duration maxDelay) {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (delay.isNegative() || maxDelay.compareTo(delay) < 0) {
        throw new IllegalArgumentException("backoff needs 0 <= delay <= maxDelay, got " + delay + " and " + maxDelay);
      }
      this.delay = delay;
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * The longest {@code Retry-After} honoured; a longer one is shortened to this.
     *
     * @param maxRetryAfter zero or more
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      if (maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative");
      }
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /** The configuration. */
    public RetryConfig build() {
      return new RetryConfig(this);
    }
  }
}
