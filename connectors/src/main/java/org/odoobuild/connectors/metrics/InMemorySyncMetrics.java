package org.odoobuild.connectors.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/** Keeps counters and timer totals in memory: for tests, examples and a quick status page. */
public final class InMemorySyncMetrics implements SyncMetrics {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> timerCounts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> timerNanos = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();

  @Override
  public void increment(String name, long delta, Map<String, String> tags) {
    counters.computeIfAbsent(key(name, tags), k -> new LongAdder()).add(delta);
    counters.computeIfAbsent(name, k -> new LongAdder()).add(tags.isEmpty() ? 0 : delta);
  }

  @Override
  public void record(String name, Duration duration, Map<String, String> tags) {
    for (String k : tags.isEmpty() ? java.util.List.of(name) : java.util.List.of(name, key(name, tags))) {
      timerCounts.computeIfAbsent(k, x -> new LongAdder()).increment();
      timerNanos.computeIfAbsent(k, x -> new LongAdder()).add(duration.toNanos());
    }
  }

  @Override
  public void gauge(String name, Map<String, String> tags, DoubleSupplier value) {
    gauges.putIfAbsent(key(name, tags), value);
  }

  /** A gauge's current value for one tag set; {@code NaN} when no such gauge is registered. */
  public double gauge(String name, Map<String, String> tags) {
    DoubleSupplier g = gauges.get(key(name, tags));
    return g == null ? Double.NaN : g.getAsDouble();
  }

  /** How many durations a timer recorded for one tag set. */
  public long timerCount(String name, Map<String, String> tags) {
    LongAdder a = timerCounts.get(key(name, tags));
    return a == null ? 0 : a.sum();
  }

  /** A counter's total over all tags. */
  public long count(String name) {
    LongAdder a = counters.get(name);
    return a == null ? 0 : a.sum();
  }

  /** A counter's total for one tag set, e.g. {@code Map.of("flow", "vendors")}. */
  public long count(String name, Map<String, String> tags) {
    LongAdder a = counters.get(key(name, tags));
    return a == null ? 0 : a.sum();
  }

  /** How many durations a timer recorded. */
  public long timerCount(String name) {
    LongAdder a = timerCounts.get(name);
    return a == null ? 0 : a.sum();
  }

  /** The sum of a timer's durations. */
  public Duration timerTotal(String name) {
    LongAdder a = timerNanos.get(name);
    return Duration.ofNanos(a == null ? 0 : a.sum());
  }

  /** Every counter by key, sorted, for printing. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static String key(String name, Map<String, String> tags) {
    return tags.isEmpty() ? name : name + new TreeMap<>(tags);
  }
}
