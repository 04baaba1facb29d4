package org.odoobuild.connectors.metrics;

import java.time.Duration;
import java.util.Map;

/**
 * The engine's counters and timers, as a tiny hook so any metrics library can be plugged in
 * (a Micrometer adapter is three lines). Names are dotted ({@code sync.records.applied}); tags
 * carry the flow and outcome, never payload data or secrets.
 */
public interface SyncMetrics {

  /** Adds {@code delta} to a counter. */
  void increment(String name, long delta, Map<String, String> tags);

  /** Records one duration. */
  void record(String name, Duration duration, Map<String, String> tags);

  /** Metrics that go nowhere. */
  static SyncMetrics noop() {
    return new SyncMetrics() {
      @Override
      public void increment(String name, long delta, Map<String, String> tags) {}

      @Override
      public void record(String name, Duration duration, Map<String, String> tags) {}
    };
  }
}
