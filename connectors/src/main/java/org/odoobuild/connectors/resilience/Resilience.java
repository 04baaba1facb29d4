package org.odoobuild.connectors.resilience;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Policy;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.function.CheckedSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The engine's protection around every call to a target, built from Failsafe policies:
 * retries with jittered exponential backoff for transient failures only (honouring
 * {@code Retry-After}), a circuit breaker and a rate limiter per endpoint, a timeout per
 * attempt, and one bulkhead per lane so a slow, low-value flow cannot take the capacity a
 * financial one needs.
 * <pre>{@code
 * Resilience r = Resilience.builder().maxAttempts(6).rateLimit(20, Duration.ofSeconds(1))
 *     .lane("financial", 4).lane("documents", 1).build();
 * r.call("https://erp.example.com", "documents", () -> sink.apply(batch));
 * }</pre>
 */
public final class Resilience {
  private final Builder config;
  private final Map<String, CircuitBreaker<Object>> breakers = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();
  private final Map<String, Bulkhead<Object>> lanes;

  private Resilience(Builder b) {
    this.config = b;
    Map<String, Bulkhead<Object>> l = new LinkedHashMap<>();
    b.lanes.forEach((name, n) -> l.put(name, Bulkhead.builder(n).withMaxWaitTime(b.laneWait).build()));
    this.lanes = Map.copyOf(l);
  }

  /** A builder with sensible defaults (6 attempts, 200 ms to 30 s backoff, no rate limit). */
  public static Builder builder() {
    return new Builder();
  }

  /** Defaults, with a single default lane. */
  public static Resilience defaults() {
    return builder().build();
  }

  /**
   * Runs {@code work} for {@code endpoint} in {@code lane} under every policy.
   *
   * @throws Exception the last failure when attempts are exhausted or the failure is not transient;
   *     {@link dev.failsafe.CircuitBreakerOpenException} while the endpoint's breaker is open
   */
  public <T> T call(String endpoint, String lane, CheckedSupplier<T> work) throws Exception {
    List<Policy<Object>> policies = new ArrayList<>();
    policies.add(retryPolicy());
    policies.add(breakers.computeIfAbsent(endpoint, e -> newBreaker()));
    Bulkhead<Object> bulkhead = lanes.get(lane);
    if (bulkhead == null) {
      throw new IllegalArgumentException("unknown lane '" + lane + "'; configured lanes: " + lanes.keySet());
    }
    policies.add(bulkhead);
    if (config.ratePermits > 0) {
      policies.add(limiters.computeIfAbsent(endpoint, e -> RateLimiter.smoothBuilder(config.ratePermits, config.ratePeriod)
          .withMaxWaitTime(config.rateWait).build()));
    }
    policies.add(Timeout.builder(config.attemptTimeout).withInterrupt().build());
    try {
      @SuppressWarnings("unchecked")
      T result = (T) Failsafe.with(policies).get(() -> work.get());
      return result;
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  /** The circuit breaker state of an endpoint ({@code CLOSED} when never used). */
  public CircuitBreaker.State breakerState(String endpoint) {
    CircuitBreaker<Object> cb = breakers.get(endpoint);
    return cb == null ? CircuitBreaker.State.CLOSED : cb.getState();
  }

  /** The configured lanes and their concurrency. */
  public Map<String, Integer> lanes() {
    return Map.copyOf(config.lanes);
  }

  private RetryPolicy<Object> retryPolicy() {
    return RetryPolicy.builder()
        .handleIf((r, e) -> e != null && Transience.isTransient(e))
        .withMaxAttempts(config.maxAttempts)
        .withDelayFn(ctx -> delay(ctx.getAttemptCount(), ctx.getLastException()))
        .onRetry(e -> config.onRetry.accept(e.getLastException()))
        .build();
  }

  /** Retry-After when the server sent one (capped), else jittered exponential backoff. */
  private Duration delay(int attempts, Throwable last) {
    Optional<Duration> ra = last == null ? Optional.empty() : Transience.retryAfter(last);
    if (ra.isPresent()) {
      return ra.get().compareTo(config.maxDelay) > 0 ? config.maxDelay : ra.get();
    }
    long base = config.initialDelay.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
    long capped = Math.min(base, config.maxDelay.toMillis());
    long spread = (long) (capped * config.jitter);
    long jittered = capped - spread + (spread > 0 ? ThreadLocalRandom.current().nextLong(2 * spread + 1) : 0);
    return Duration.ofMillis(Math.max(0, Math.min(jittered, config.maxDelay.toMillis())));
  }

  private CircuitBreaker<Object> newBreaker() {
    return CircuitBreaker.builder()
        .handleIf((r, e) -> e != null && Transience.isTransient(e))
        .withFailureThreshold(config.breakerFailures, config.breakerWindow)
        .withSuccessThreshold(1)
        .withDelay(config.breakerDelay)
        .build();
  }

  /** Configures {@link Resilience}. */
  public static final class Builder {
    private int maxAttempts = 6;
    private Duration initialDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(30);
    private double jitter = 0.5;
    private int breakerFailures = 10;
    private int breakerWindow = 20;
    private Duration breakerDelay = Duration.ofSeconds(30);
    private long ratePermits;
    private Duration ratePeriod = Duration.ofSeconds(1);
    private Duration rateWait = Duration.ofMinutes(1);
    private Duration attemptTimeout = Duration.ofMinutes(5);
    private final Map<String, Integer> lanes = new LinkedHashMap<>(Map.of("default", 4));
    private Duration laneWait = Duration.ofMinutes(10);
    private Consumer<Throwable> onRetry = t -> { };

    private Builder() {}

    /** Attempts per call including the first (default 6). */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1");
      }
      this.maxAttempts = n;
      return this;
    }

    /** Exponential backoff bounds (default 200 ms to 30 s). */
    public Builder backoff(Duration initial, Duration max) {
      this.initialDelay = Objects.requireNonNull(initial);
      this.maxDelay = Objects.requireNonNull(max);
      return this;
    }

    /** Jitter factor 0..1 applied to each delay (default 0.5). */
    public Builder jitter(double factor) {
      this.jitter = factor;
      return this;
    }

    /** Opens an endpoint's breaker after {@code failures} transient failures of the last {@code window} calls. */
    public Builder circuitBreaker(int failures, int window, Duration openFor) {
      this.breakerFailures = failures;
      this.breakerWindow = window;
      this.breakerDelay = Objects.requireNonNull(openFor);
      return this;
    }

    /** At most {@code permits} calls per {@code period} per endpoint (default unlimited). */
    public Builder rateLimit(long permits, Duration period) {
      this.ratePermits = permits;
      this.ratePeriod = Objects.requireNonNull(period);
      return this;
    }

    /** The longest one attempt may take (default 5 min). */
    public Builder attemptTimeout(Duration timeout) {
      this.attemptTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** A lane (bulkhead) with its own concurrency, e.g. {@code lane("financial", 4)}. */
    public Builder lane(String name, int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("a lane needs at least 1 slot");
      }
      lanes.put(Objects.requireNonNull(name), maxConcurrency);
      return this;
    }

    /** How long a call waits for a free slot in its lane (default 10 min). */
    public Builder laneWait(Duration wait) {
      this.laneWait = Objects.requireNonNull(wait);
      return this;
    }

    /** Called before each retry with the failure (for logs and metrics). */
    public Builder onRetry(Consumer<Throwable> listener) {
      this.onRetry = Objects.requireNonNull(listener);
      return this;
    }

    /** Builds the policies. */
    public Resilience build() {
      return new Resilience(this);
    }
  }
}
