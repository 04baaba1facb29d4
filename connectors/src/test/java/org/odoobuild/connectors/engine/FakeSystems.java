package org.odoobuild.connectors.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;

/** A fake source system (a list with offsets as cursor) and a fake target (a map) for engine tests. */
final class FakeSystems {
  private FakeSystems() {}

  /** A simple payload. */
  record Item(String id, String name, int qty) {}

  static SourceRecord<Item> item(int n, int revision) {
    Item it = new Item("I" + n, "item " + n, n % 7);
    return new SourceRecord<>(new RecordKey("fake", it.id(), Integer.toString(revision)),
        EventCatalog.MATERIAL_REQUESTED, it, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(n), "", Map.of());
  }

  /** A source over a growing list; the cursor is the next index. */
  static final class ListSource implements Source<Item> {
    final List<SourceRecord<Item>> records = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger pulls = new AtomicInteger();

    @Override
    public SourceBatch<Item> pull(Optional<String> cursor, int max) {
      pulls.incrementAndGet();
      int from = cursor.map(Integer::parseInt).orElse(0);
      int to = Math.min(records.size(), from + max);
      return new SourceBatch<>(new ArrayList<>(records.subList(from, to)), Integer.toString(to), to < records.size());
    }
  }

  /** A target that stores items by id and counts applications. */
  static final class MapSink implements Sink<Item> {
    final Map<String, Item> target = new ConcurrentHashMap<>();
    final Map<String, Integer> applications = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile java.util.function.Predicate<Item> refuse = i -> false;
    volatile int failNextCalls;
    volatile Exception failure = new RuntimeException("down");

    @Override
    public List<SinkResult> apply(List<SourceRecord<Item>> batch) throws Exception {
      calls.incrementAndGet();
      if (failNextCalls > 0) {
        failNextCalls--;
        throw failure;
      }
      List<SinkResult> out = new ArrayList<>();
      for (SourceRecord<Item> r : batch) {
        if (refuse.test(r.payload())) {
          out.add(SinkResult.failed("refused: qty " + r.payload().qty()));
          continue;
        }
        target.put(r.payload().id(), r.payload());
        applications.merge(r.payload().id(), 1, Integer::sum);
        out.add(SinkResult.applied("target," + r.payload().id()));
      }
      return out;
    }
  }
}
