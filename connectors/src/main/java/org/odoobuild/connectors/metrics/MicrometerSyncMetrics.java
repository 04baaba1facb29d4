package org.odoobuild.connectors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The engine's metrics in a Micrometer {@link MeterRegistry}: counters, timers and gauges under the
 * engine's names (e.g. {@code sync.records.applied}, {@code sync.run}, {@code sync.outbox.backlog})
 * with every tag kept ({@code flow}, {@code outcome}). Needs {@code io.micrometer:micrometer-core}
 * on the class path (an optional dependency of this module). Thread-safe.
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder().store(store).metrics(new MicrometerSyncMetrics(registry)).build();
 * }</pre>
 */
public final class MicrometerSyncMetrics implements SyncMetrics {
  private final MeterRegistry registry;

  /**
   * Binds to a registry.
   *
   * @param registry the registry (e.g. Spring Boot's)
   */
  public MicrometerSyncMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void increment(String name, long delta, Map<String, String> tags) {
    if (delta != 0) {
      Counter.builder(name).tags(tags(tags)).register(registry).increment(delta);
    }
  }

  @Override
  public void record(String name, Duration duration, Map<String, String> tags) {
    Timer.builder(name).tags(tags(tags)).register(registry).record(duration);
  }

  @Override
  public void gauge(String name, Map<String, String> tags, DoubleSupplier value) {
    Gauge.builder(name, value, DoubleSupplier::getAsDouble).tags(tags(tags)).strongReference(true).register(registry);
  }

  static Tags tags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(Tag.of(k, v)));
    return Tags.of(out);
  }
}
