package org.odoobuild.adapters.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.odoobuild.connectors.spi.EventType;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;

/**
 * Turns captured changes into business events for subscribers: applies the {@link EventRule}s
 * to each change, hands every derived event to the publisher (normally
 * {@code engine::accept} of a subscriber flow, i.e. the durable outbox with an idempotency key
 * per event), and only then updates the snapshot. A crash in between re-derives the same
 * events with the same keys, which the outbox ignores; subscribers see each event once.
 */
public final class ChangeEventSink implements Sink<OdooChange> {

  /** Where derived events go. */
  @FunctionalInterface
  public interface Publisher {
    /** Publishes one event; returns false when it was published before. */
    boolean publish(SourceRecord<OdooChange> event);
  }

  private final SnapshotStore snapshots;
  private final List<EventRule> rules;
  private final Publisher publisher;

  /** A sink with its rules, publisher and the snapshot store of the source. */
  public ChangeEventSink(SnapshotStore snapshots, List<EventRule> rules, Publisher publisher) {
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.rules = List.copyOf(rules);
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<OdooChange>> batch) {
    List<SinkResult> out = new ArrayList<>(batch.size());
    for (SourceRecord<OdooChange> r : batch) {
      OdooChange c = r.payload();
      List<String> published = new ArrayList<>();
      for (EventRule rule : rules) {
        for (EventType type : rule.apply(c).stream().toList()) {
          RecordKey key = r.key();
          SourceRecord<OdooChange> event = new SourceRecord<>(key, type, c, r.occurredAt(), r.orderingKey(), r.headers());
          publisher.publish(event);
          published.add(type.name());
        }
      }
      if (c.kind() == OdooChange.Kind.DELETED) {
        snapshots.remove(c.model(), c.id());
      } else {
        snapshots.put(c.model(), c.id(), c.values());
      }
      out.add(published.isEmpty() ? SinkResult.skipped("no event for " + c.kind() + " of " + c.model() + "," + c.id())
          : SinkResult.applied(String.join(",", published)));
    }
    return out;
  }

  /** True: events are published into an outbox that keeps one entry per idempotency key. */
  @Override
  public boolean idempotent() {
    return true;
  }
}
