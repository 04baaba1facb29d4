package org.odoobuild.adapters.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;

/**
 * A sink for payloads the canonical model has no entity for: a function turns each payload into
 * a {@link LoadRecord} (external id and {@code load()} columns) and the {@link Upserter} writes
 * them, one call per batch. Prefer {@link EntitySink} where an entity exists.
 * <pre>{@code
 * Sink<Charge> sink = RowSink.of(odoo, c -> LoadRecord.of("account.analytic.line",
 *     "construction_sdk.charge_" + c.id(), Map.of("name", c.label(), "amount", c.amount())));
 * }</pre>
 *
 * @param <T> the payload type
 */
public final class RowSink<T> implements Sink<T> {
  private final Function<T, LoadRecord> mapper;
  private final Upserter upserter;

  private RowSink(Function<T, LoadRecord> mapper, Upserter upserter) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.upserter = Objects.requireNonNull(upserter, "upserter");
  }

  /** A sink writing through {@code odoo}. */
  public static <T> RowSink<T> of(OdooClient odoo, Function<T, LoadRecord> mapper) {
    return new RowSink<>(mapper, Upserter.forClient(odoo, Integer.MAX_VALUE));
  }

  /** A sink over any upserter. */
  public static <T> RowSink<T> of(Upserter upserter, Function<T, LoadRecord> mapper) {
    return new RowSink<>(mapper, upserter);
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<T>> batch) {
    SinkResult[] results = new SinkResult[batch.size()];
    List<LoadRecord> rows = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        rows.add(mapper.apply(batch.get(i).payload()));
        where.add(i);
      } catch (RuntimeException e) {
        results[i] = SinkResult.failed("cannot map to a load row: " + e.getMessage());
      }
    }
    List<UpsertOutcome> outcomes = upserter.load(rows);
    for (int k = 0; k < where.size(); k++) {
      results[where.get(k)] = SinkResults.of(rows.get(k).model(), outcomes.get(k));
    }
    return List.of(results);
  }

  /** True: every record is upserted by its external id, so applying it again changes nothing. */
  @Override
  public boolean idempotent() {
    return true;
  }
}
