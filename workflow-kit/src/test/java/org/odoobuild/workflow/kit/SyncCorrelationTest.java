package org.odoobuild.workflow.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncContext;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

/**
 * A workflow event fired by a sink during a sync run carries the run's correlation id into the
 * instance history, the same id as the run's audit rows, with a logging backend whose MDC keeps
 * nothing (slf4j-simple).
 */
class SyncCorrelationTest {
  enum State { OPEN, RELEASED }

  enum Event { RELEASE }

  /** A payload. */
  public record Release(String order) {}

  @Test
  void historyLinesCarryTheCorrelationIdOfTheSyncRunThatFiredThem() {
    Workflow<State, Event, Release> wf = Workflow.define("release", State.class, Event.class, Release.class)
        .initial(State.OPEN).from(State.OPEN).on(Event.RELEASE).to(State.RELEASED).terminal(State.RELEASED).build();
    try (SyncStore store = SyncStores.inMemory(); SyncEngine engine = SyncEngine.builder().store(store).build()) {
      WorkflowEngine<State, Event, Release> releases = new WorkflowEngine<>(wf, JdbcInstanceStore.in(store),
          Clock.systemUTC());
      releases.start("PO-1", Map.of(), EventMeta.by("setup", "created"));
      List<SourceRecord<Release>> records = List.of(new SourceRecord<>(new RecordKey("doc", "PO-1", "1"),
          EventCatalog.MATERIAL_REQUESTED, new Release("PO-1"), Instant.now(), "", Map.of()));
      engine.register(Flow.builder("releases", Release.class)
          .source((cursor, max) -> new SourceBatch<>(cursor.isEmpty() ? records : List.of(), "done", false))
          .sink(batch -> {
            List<SinkResult> out = new ArrayList<>();
            for (SourceRecord<Release> r : batch) {
              releases.fire(r.payload().order(), Event.RELEASE, r.payload(), EventMeta.by("sync", "released"));
              out.add(SinkResult.applied("released " + r.payload().order()));
            }
            return out;
          }).build());

      RunReport run = engine.run("releases").orThrow();

      assertTrue(SyncContext.current().isEmpty());
      List<TransitionRecord> history = releases.history("PO-1");
      assertEquals("", history.get(0).correlationId(), "started outside any sync context");
      assertEquals(run.correlationId(), history.get(1).correlationId());
      assertEquals(run.correlationId(),
          store.audit(AuditQuery.builder().flow("releases").build()).get(0).correlationId());
    }
  }
}
