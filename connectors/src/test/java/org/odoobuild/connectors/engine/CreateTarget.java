package org.odoobuild.connectors.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.odoobuild.connectors.engine.FakeSystems.Item;
import org.odoobuild.connectors.spi.OutcomeUnknownException;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.spi.Verifier;

/**
 * A target where every send creates a new row (no upsert): the way a plain {@code create} in
 * Odoo behaves. Counts effects (rows per key) and sends per key, and can lose answers.
 */
final class CreateTarget {
  /** Rows created, each carrying the key of the record that created it. */
  final List<String> rows = new CopyOnWriteArrayList<>();
  /** Sends per key (each one a request the target received). */
  final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
  final AtomicInteger verifications = new AtomicInteger();
  /**
   * What happens to the n-th send of a batch: null for a normal create; else a decision
   * ({@link Lose}) taken per record.
   */
  volatile BiFunction<Integer, String, Lose> faults = (i, k) -> Lose.NOTHING;
  volatile boolean verifierDown;

  /** What a fault does to one send. */
  enum Lose {
    /** Created and answered. */
    NOTHING,
    /** Created, the answer lost: the sink reports an unknown outcome. */
    ANSWER,
    /** Not created, and no answer either: the sink reports an unknown outcome. */
    REQUEST,
    /** Created, then the whole batch fails with an unknown outcome (the rest not sent). */
    BATCH_AFTER
  }

  static String key(SourceRecord<Item> r) {
    return r.idempotencyKey();
  }

  long effects(String key) {
    return rows.stream().filter(key::equals).count();
  }

  int sends(String key) {
    AtomicInteger n = sends.get(key);
    return n == null ? 0 : n.get();
  }

  /** The create-style sink (not idempotent). */
  Sink<Item> sink() {
    return batch -> {
      List<SinkResult> out = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        String k = key(batch.get(i));
        Lose lose = faults.apply(i, k);
        sends.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
        switch (lose) {
          case NOTHING -> {
            rows.add(k);
            out.add(SinkResult.applied("row," + rows.size()));
          }
          case ANSWER -> {
            rows.add(k);
            out.add(SinkResult.unknown(new java.io.IOException("connection reset after sending")));
          }
          case REQUEST -> out.add(SinkResult.unknown(new java.io.IOException("connection reset after sending")));
          case BATCH_AFTER -> {
            rows.add(k);
            throw new OutcomeUnknownException("gateway timeout after forwarding", new java.io.IOException("504"));
          }
        }
      }
      return out;
    };
  }

  /** Looks rows up by key, like a search on a reference field. */
  Verifier<Item> verifier() {
    return records -> {
      verifications.incrementAndGet();
      if (verifierDown) {
        throw new java.io.IOException("target down while verifying");
      }
      List<Optional<String>> out = new ArrayList<>();
      for (SourceRecord<Item> r : records) {
        int at = rows.indexOf(key(r));
        out.add(at < 0 ? Optional.empty() : Optional.of("row," + (at + 1)));
      }
      return out;
    };
  }
}
