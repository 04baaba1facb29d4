package org.odoobuild.connectors.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The engine's counters, timers and gauges, as a tiny hook so any metrics library can be plugged
 * in ({@link MicrometerSyncMetrics} binds Micrometer). Names are dotted
 * ({@code sync.records.applied}); tags carry the flow and outcome, never payload data or secrets.
 * The names the engine reports are listed on {@link org.odoobuild.connectors.engine.SyncEngine}.
 * Implementations must be thread-safe and must not throw.
 */
public interface SyncMetrics {

  /** Adds {@code delta} to a counter. */
  void increment(String name, long delta, Map<String, String> tags);

  /** Records one duration. */
  void record(String name, Duration duration, Map<String, String> tags);

  /**
   * Registers a gauge whose value is read when the metrics are collected (e.g. the outbox backlog
   * of a flow); {@code NaN} when it cannot be read. Registered once per name and tags. Default:
   * ignored.
   *
   * @param name the gauge name
   * @param tags its tags
   * @param value reads the current value; quick, thread-safe, never throws
   */
  default void gauge(String name, Map<String, String> tags, DoubleSupplier value) {
  }

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
