package org.odoobuild.connectors.spi;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one pull from a {@link Source} returned: records in source order and the cursor to
 * resume after them.
 *
 * @param records the records, oldest first
 * @param nextCursor the cursor that follows the last record (opaque to the engine)
 * @param hasMore whether the source has more right away
 * @param remaining how many records the source still has after these, when it knows (an estimate
 *     is fine): the engine's progress reports a total and an ETA from it
 * @param <T> the payload type
 */
public record SourceBatch<T>(List<SourceRecord<T>> records, String nextCursor, boolean hasMore, OptionalLong remaining) {

  /** Validates the parts. */
  public SourceBatch {
    records = List.copyOf(records);
    Objects.requireNonNull(nextCursor, "nextCursor");
    Objects.requireNonNull(remaining, "remaining");
    if (remaining.isPresent() && remaining.getAsLong() < 0) {
      throw new IllegalArgumentException("remaining must be >= 0");
    }
  }

  /** A batch that does not tell how much is left. */
  public SourceBatch(List<SourceRecord<T>> records, String nextCursor, boolean hasMore) {
    this(records, nextCursor, hasMore, OptionalLong.empty());
  }
}
