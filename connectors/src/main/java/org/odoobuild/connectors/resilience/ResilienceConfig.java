package org.odoobuild.connectors.resilience;

import java.time.Duration;
import java.util.Map;

/**
 * The settings of a {@link Resilience}, copied from its builder at {@code build()}: later changes
 * to the builder never reach a built instance. Immutable and thread-safe.
 *
 * @param breakerFailures transient failures that open an endpoint's circuit breaker ...
 * @param breakerWindow ... out of this many most recent calls
 * @param breakerOpenFor how long an open breaker refuses calls before it lets one through
 * @param ratePermits calls per {@code ratePeriod} per endpoint; 0 for no limit
 * @param ratePeriod the rate limiter's period
 * @param rateWait how long a call waits for a rate-limit permit
 * @param callTimeout the longest one guarded call may take
 * @param lanes lane name → concurrency (bulkheads), in declaration order
 * @param laneWait how long a call waits for a free slot in its lane
 * @param classifier which failures count against the breaker
 */
public record ResilienceConfig(int breakerFailures, int breakerWindow, Duration breakerOpenFor, long ratePermits,
    Duration ratePeriod, Duration rateWait, Duration callTimeout, Map<String, Integer> lanes, Duration laneWait,
    FailureClassifier classifier) {

  /** Copies the lanes. */
  public ResilienceConfig {
    lanes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lanes));
  }
}
