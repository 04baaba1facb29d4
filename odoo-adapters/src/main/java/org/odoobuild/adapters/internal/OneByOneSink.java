package org.odoobuild.adapters.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.odoobuild.adapters.p2p.P2pException;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;

/**
 * Internal: the engine sink of a port that applies one record at a time and looks for what it
 * wrote before writing (by external id or reference), so that a record sent again is found, not
 * written twice: the sink is {@linkplain Sink#idempotent() idempotent}. A {@link P2pException}
 * fails its record only; anything else (a transport failure) fails the batch.
 *
 * @param <T> the payload
 */
public final class OneByOneSink<T> implements Sink<T> {
  private final Function<T, SinkResult> apply;

  private OneByOneSink(Function<T, SinkResult> apply) {
    this.apply = Objects.requireNonNull(apply, "apply");
  }

  /**
   * The sink.
   *
   * @param apply applies one payload and says how
   * @param <T> the payload
   * @return the sink
   */
  public static <T> Sink<T> of(Function<T, SinkResult> apply) {
    return new OneByOneSink<>(apply);
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<T>> batch) {
    List<SinkResult> out = new ArrayList<>(batch.size());
    for (SourceRecord<T> r : batch) {
      try {
        out.add(apply.apply(r.payload()));
      } catch (P2pException e) {
        out.add(SinkResult.failed(e));
      }
    }
    return out;
  }

  @Override
  public boolean idempotent() {
    return true;
  }
}
