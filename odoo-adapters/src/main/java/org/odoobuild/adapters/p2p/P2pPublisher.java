package org.odoobuild.adapters.p2p;

import java.time.Instant;
import java.util.Map;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * Where the procure-to-pay adapters hand their events, once Odoo's state is verified. The record
 * key is the Odoo record and the event type ({@code odoo:stock.picking,12:delivery_received_on_site}),
 * so announcing the same state change again (a retry, a re-sent delivery) is recognised by the
 * engine's outbox and reaches subscribers once.
 */
@FunctionalInterface
public interface P2pPublisher {

  /** Publishes one event record. */
  void publish(SourceRecord<P2pEvent> event);

  /** Discards events. */
  static P2pPublisher none() {
    return e -> { };
  }

  /** Into a flow of the engine (its durable outbox), e.g. a flow {@code Flow.builder("p2p-events", P2pEvent.class)}. */
  static P2pPublisher toEngine(SyncEngine engine, String flow) {
    return e -> engine.accept(flow, e);
  }

  /** The record of an event: keyed by its Odoo record and type, ordered per Odoo record. */
  static SourceRecord<P2pEvent> record(P2pEvent event, Instant at) {
    return new SourceRecord<>(new RecordKey("odoo", event.subject(), event.type().name()), event.type(), event, at,
        event.subject(), Map.of());
  }
}
