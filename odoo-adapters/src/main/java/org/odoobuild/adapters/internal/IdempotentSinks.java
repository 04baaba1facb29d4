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
 * Internal: engine sinks of the adapter's ports that are {@linkplain Sink#idempotent() idempotent}
 * by construction (they look for what they wrote before writing, by external id or reference,
 * or fire gates with fixed event ids), so the engine sends a record of unknown outcome again
 * instead of dead-lettering it.
 */
public final class IdempotentSinks {
  private IdempotentSinks() {}

  /**
   * A sink that applies one record at a time; a {@link P2pException} fails its record only,
   * anything else (a transport failure) fails the batch.
   *
   * @param apply applies one payload and says how
   * @param <T> the payload
   * @return the sink
   */
  public static <T> Sink<T> oneByOne(Function<T, SinkResult> apply) {
    Objects.requireNonNull(apply, "apply");
    return of(batch -> {
      List<SinkResult> out = new ArrayList<>(batch.size());
      for (SourceRecord<T> r : batch) {
        try {
          out.add(apply.apply(r.payload()));
        } catch (P2pException e) {
          out.add(SinkResult.failed(e));
        }
      }
      return out;
    });
  }

  /**
   * {@code sink}, declared idempotent.
   *
   * @param sink a sink that is idempotent by construction
   * @param <T> the payload
   * @return the sink
   */
  public static <T> Sink<T> of(Sink<T> sink) {
    Objects.requireNonNull(sink, "sink");
    return new Sink<>() {
      @Override
      public List<SinkResult> apply(List<SourceRecord<T>> batch) throws Exception {
        return sink.apply(batch);
      }

      @Override
      public boolean idempotent() {
        return true;
      }
    };
  }
}
