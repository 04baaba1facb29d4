package org.odoobuild.connectors.resilience;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Policy;
import dev.failsafe.RateLimiter;
import dev.failsafe.Timeout;
import dev.failsafe.function.CheckedSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's protection around every call to a source or sink, built from Failsafe policies
 * and composed in this order: {@code CircuitBreaker(Bulkhead(RateLimiter(Timeout(call))))} — a
 * circuit breaker and a rate limiter per endpoint, one bulkhead per lane (so a slow, low-value
 * flow cannot take the capacity a financial one needs) and a timeout per call.
 *
 * <p>It never retries: retrying one logical call is the job of the client that makes it (the
 * Odoo client retries idempotent calls within one attempt budget), and the engine delivers a
 * record that failed transiently again in a later run. One retry layer keeps the number of sends
 * per record bounded and documented ({@code docs/architecture.md}, "Retries").
 *
 * <p>Thread-safe. The configuration is copied at {@link Builder#build()}.
 * <pre>{@code
 * Resilience r = Resilience.builder().rateLimit(20, Duration.ofSeconds(1))
 *     .lane("financial", 4).lane("documents", 1).build();
 * r.call("https://erp.example.com", "documents", () -> sink.apply(batch));
 * }</pre>
 */
public final class Resilience {
  private final ResilienceConfig config;
  private final Map<String, CircuitBreaker<Object>> breakers = new ConcurrentHashMap<>();
  private final Map<String, RateLimiter<Object>> limiters = new ConcurrentHashMap<>();
  private final Map<String, Bulkhead<Object>> lanes;

  private Resilience(ResilienceConfig config) {
    this.config = config;
    Map<String, Bulkhead<Object>> l = new LinkedHashMap<>();
    config.lanes().forEach((name, n) -> l.put(name, Bulkhead.builder(n).withMaxWaitTime(config.laneWait()).build()));
    this.lanes = Map.copyOf(l);
  }

  /** A builder with the defaults: breaker 10 of 20 for 30 s, no rate limit, 5 min per call, lane {@code default} of 4. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static Resilience defaults() {
    return builder().build();
  }

  /** The configuration this instance was built with. */
  public ResilienceConfig config() {
    return config;
  }

  /**
   * Runs {@code work} for {@code endpoint} in {@code lane} under every policy, once.
   *
   * @throws Exception the failure of the call; {@link dev.failsafe.CircuitBreakerOpenException}
   *     while the endpoint's breaker is open, {@link dev.failsafe.BulkheadFullException} when the
   *     lane stayed full, {@link dev.failsafe.TimeoutExceededException} after the call timeout
   * @throws IllegalArgumentException for a lane that was not configured
   */
  public <T> T call(String endpoint, String lane, CheckedSupplier<T> work) throws Exception {
    Bulkhead<Object> bulkhead = lanes.get(lane);
    if (bulkhead == null) {
      throw new IllegalArgumentException("unknown lane '" + lane + "'; configured lanes: " + lanes.keySet());
    }
    List<Policy<Object>> policies = new ArrayList<>();
    policies.add(breakers.computeIfAbsent(endpoint, e -> newBreaker()));
    policies.add(bulkhead);
    if (config.ratePermits() > 0) {
      policies.add(limiters.computeIfAbsent(endpoint, e -> RateLimiter.smoothBuilder(config.ratePermits(), config.ratePeriod())
          .withMaxWaitTime(config.rateWait()).build()));
    }
    policies.add(Timeout.builder(config.callTimeout()).withInterrupt().build());
    try {
      @SuppressWarnings("unchecked")
      T result = (T) Failsafe.with(policies).get(work::get);
      return result;
    } catch (FailsafeException e) {
      if (e.getCause() instanceof Exception ex) {
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
    return config.lanes();
  }

  private CircuitBreaker<Object> newBreaker() {
    return CircuitBreaker.builder()
        .handleIf((r, e) -> e != null && config.classifier().isTransient(e))
        .withFailureThreshold(config.breakerFailures(), config.breakerWindow())
        .withSuccessThreshold(1)
        .withDelay(config.breakerOpenFor())
        .build();
  }

  /** Configures {@link Resilience}. Not thread-safe; {@link #build()} copies what it holds. */
  public static final class Builder {
    private int breakerFailures = 10;
    private int breakerWindow = 20;
    private Duration breakerDelay = Duration.ofSeconds(30);
    private long ratePermits;
    private Duration ratePeriod = Duration.ofSeconds(1);
    private Duration rateWait = Duration.ofMinutes(1);
    private Duration callTimeout = Duration.ofMinutes(5);
    private final Map<String, Integer> lanes = new LinkedHashMap<>(Map.of("default", 4));
    private Duration laneWait = Duration.ofMinutes(10);
    private FailureClassifier classifier = FailureClassifier.standard();

    private Builder() {}

    /** Opens an endpoint's breaker after {@code failures} transient failures of the last {@code window} calls. */
    public Builder circuitBreaker(int failures, int window, Duration openFor) {
      if (failures < 1 || window < failures) {
        throw new IllegalArgumentException("need 1 <= failures <= window, got " + failures + " of " + window);
      }
      this.breakerFailures = failures;
      this.breakerWindow = window;
      this.breakerDelay = positive(openFor, "openFor");
      return this;
    }

    /** At most {@code permits} calls per {@code period} per endpoint (default unlimited). */
    public Builder rateLimit(long permits, Duration period) {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be >= 1");
      }
      this.ratePermits = permits;
      this.ratePeriod = positive(period, "period");
      return this;
    }

    /** The longest one call may take, including the client's own retries (default 5 min). */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "timeout");
      return this;
    }

    /** A lane (bulkhead) with its own concurrency, e.g. {@code lane("financial", 4)}. */
    public Builder lane(String name, int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("a lane needs at least 1 slot");
      }
      lanes.put(Objects.requireNonNull(name, "name"), maxConcurrency);
      return this;
    }

    /** How long a call waits for a free slot in its lane (default 10 min). */
    public Builder laneWait(Duration wait) {
      this.laneWait = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /** Which failures count against circuit breakers (default {@link FailureClassifier#standard()}). */
    public Builder classifier(FailureClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    /** Builds the policies from a copy of this configuration. */
    public Resilience build() {
      return new Resilience(new ResilienceConfig(breakerFailures, breakerWindow, breakerDelay, ratePermits, ratePeriod, rateWait,
          callTimeout, lanes, laneWait, classifier));
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
