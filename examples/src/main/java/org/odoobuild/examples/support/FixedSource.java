package org.odoobuild.examples.support;

import java.util.List;
import java.util.Optional;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;

/**
 * A source over a fixed list of records (a file, a snapshot), handed over page by page: the
 * cursor is the index of the next record, so a run with the same store delivers nothing twice.
 *
 * @param <T> the payload type
 */
public final class FixedSource<T> implements Source<T> {
  private final List<SourceRecord<T>> records;

  private FixedSource(List<SourceRecord<T>> records) {
    this.records = List.copyOf(records);
  }

  /** A source over these records, in this order. */
  public static <T> FixedSource<T> of(List<SourceRecord<T>> records) {
    return new FixedSource<>(records);
  }

  @Override
  public SourceBatch<T> pull(Optional<String> cursor, int max) {
    int from = Math.min(records.size(), cursor.map(Integer::parseInt).orElse(0));
    int to = Math.min(records.size(), from + max);
    return new SourceBatch<>(records.subList(from, to), Integer.toString(to), to < records.size());
  }
}
