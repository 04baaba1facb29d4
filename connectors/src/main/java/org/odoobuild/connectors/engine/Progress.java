package org.odoobuild.connectors.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a run is, after each batch: what it did so far, its rate and, when the source tells how
 * many records it still has ({@link org.odoobuild.connectors.spi.SourceBatch#remaining()}), the
 * total and the time left.
 *
 * @param flow the flow
 * @param correlationId the run's correlation id
 * @param pulled records received so far
 * @param applied records applied so far
 * @param deadLettered records dead-lettered so far
 * @param elapsed time since the run started (engine clock)
 * @param remaining records the source said it still has after the last batch, when it knows
 */
public record Progress(String flow, String correlationId, long pulled, long applied, long deadLettered,
    Duration elapsed, OptionalLong remaining) {

  /** Validates the parts. */
  public Progress {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(remaining, "remaining");
  }

  /** Records received per second so far (0 before a second of clock time passed). */
  public double ratePerSecond() {
    double seconds = elapsed.toMillis() / 1000.0;
    return seconds < 1 ? 0 : pulled / seconds;
  }

  /** Records received plus those the source still has, when it tells. */
  public OptionalLong total() {
    return remaining.isPresent() ? OptionalLong.of(pulled + remaining.getAsLong()) : OptionalLong.empty();
  }

  /** Time left at the current rate, when the source tells how much is left. */
  public Optional<Duration> eta() {
    double rate = ratePerSecond();
    if (remaining.isEmpty() || rate <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofSeconds((long) Math.ceil(remaining.getAsLong() / rate)));
  }

  /** One log line: {@code vendors: 4000 of 12000 done (33%), 3950 applied, 2 dead-lettered, 66.7/s, ETA 2m0s}. */
  public String line() {
    StringBuilder b = new StringBuilder(flow).append(": ").append(pulled);
    OptionalLong total = total();
    if (total.isPresent() && total.getAsLong() > 0) {
      b.append(" of ").append(total.getAsLong()).append(" done (").append(pulled * 100 / total.getAsLong()).append("%)");
    } else {
      b.append(" done");
    }
    b.append(", ").append(applied).append(" applied, ").append(deadLettered).append(" dead-lettered, ")
        .append(String.format(java.util.Locale.ROOT, "%.1f/s", ratePerSecond()));
    eta().ifPresent(d -> b.append(", ETA ").append(human(d)));
    return b.append(" [").append(correlationId).append(']').toString();
  }

  static String human(Duration d) {
    long s = d.getSeconds();
    return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
  }
}
