package org.odoobuild.connectors.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one pull from a {@link Source} returned: records in source order and the cursor to
 * resume after them.
 *
 * @param records the records, oldest first
 * @param nextCursor the cursor that follows the last record (opaque to the engine)
 * @param hasMore whether the source has more right away
 * @param <T> the payload type
 */
public record SourceBatch<T>(List<SourceRecord<T>> records, String nextCursor, boolean hasMore) {

  /** Validates the parts. */
  public SourceBatch {
    records = List.copyOf(records);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
