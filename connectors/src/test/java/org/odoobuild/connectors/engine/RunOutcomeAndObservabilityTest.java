package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.engine.FakeSystems.Item;
import org.odoobuild.connectors.metrics.InMemorySyncMetrics;
import org.odoobuild.connectors.metrics.MicrometerSyncMetrics;
import org.odoobuild.connectors.metrics.SyncMetrics;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.testsupport.MutableClock;
import org.slf4j.MDC;

/**
 * Run outcomes that cannot be missed (status, orThrow), correlation ids carried without the MDC
 * (this module's tests log through slf4j-simple, whose MDC keeps nothing), progress with rate,
 * total and ETA, and the metrics the engine reports, in memory and through Micrometer.
 */
class RunOutcomeAndObservabilityTest {
  @TempDir Path dir;
  SyncStore store;
  FakeSystems.ListSource source;
  FakeSystems.MapSink sink;
  MutableClock clock;
  List<Progress> progress;
  List<RunReport> finished;

  @BeforeEach
  void setUp() {
    store = TestStores.embedded(dir);
    source = new FakeSystems.ListSource();
    sink = new FakeSystems.MapSink();
    clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    progress = new ArrayList<>();
    finished = new ArrayList<>();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  SyncEngine engine(SyncMetrics metrics, Source<Item> src, int batchSize) {
    SyncEngine e = SyncEngine.builder().store(store).workerId("w1").clock(clock).metrics(metrics)
        .progressInterval(Duration.ofSeconds(30))
        .listener(new RunListener() {
          @Override
          public void progress(Progress p) {
            progress.add(p);
          }

          @Override
          public void runFinished(RunReport r) {
            finished.add(r);
          }
        }).build();
    e.register(Flow.builder("items", Item.class).source(src).sink(sink).batchSize(batchSize)
        .validator(i -> i.name().isBlank() ? List.of("name: missing") : List.of()).build());
    return e;
  }

  static Item blank(int n) {
    return new Item("I" + n, "", 1);
  }

  @Test
  void aCleanRunIsCompletedAndOrThrowReturnsIt() {
    for (int i = 0; i < 5; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    RunReport r = engine(SyncMetrics.noop(), source, 10).run("items");
    assertEquals(RunReport.Status.COMPLETED, r.status());
    assertSame(r, r.orThrow());
    assertTrue(r.summary().startsWith("items: COMPLETED, 5 received, 5 applied"), r.summary());
    assertEquals(List.of(r), finished);
  }

  @Test
  void deadLettersMakeTheRunFailedAndOrThrowSaysWhereToLook() {
    source.records.add(FakeSystems.item(1, 1));
    source.records.add(new org.odoobuild.connectors.spi.SourceRecord<>(
        new org.odoobuild.connectors.spi.RecordKey("fake", "I2", "1"), FakeSystems.item(2, 1).type(), blank(2),
        Instant.parse("2026-11-01T00:00:00Z"), "", Map.of()));
    RunReport r = engine(SyncMetrics.noop(), source, 10).run("items");
    assertTrue(r.completed(), "the run reached the end");
    assertEquals(RunReport.Status.FAILED, r.status());
    RunFailedException e = assertThrows(RunFailedException.class, r::orThrow);
    assertTrue(e.getMessage().contains("FAILED") && e.getMessage().contains("deadLetters(\"items\", 50)"),
        e.getMessage());
    assertSame(r, e.report());
  }

  @Test
  void aPausedRunIsIncompleteWithTheReason() {
    source.records.add(FakeSystems.item(1, 1));
    SyncEngine engine = engine(SyncMetrics.noop(), source, 10);
    engine.operations().pause("items");
    RunReport r = engine.run("items");
    assertEquals(RunReport.Status.INCOMPLETE, r.status());
    assertEquals("paused", r.stoppedBecause());
    RunFailedException e = assertThrows(RunFailedException.class, r::orThrow);
    assertTrue(e.getMessage().contains("stopped early: paused") && e.getMessage().contains("next run resumes"),
        e.getMessage());
  }

  @Test
  void aTargetThatStaysDownMakesTheRunIncompleteWithTheCause() {
    source.records.add(FakeSystems.item(1, 1));
    sink.failNextCalls = 1;
    sink.failure = new java.io.IOException("connection refused");
    RunReport r = engine(SyncMetrics.noop(), source, 10).run("items");
    assertEquals(RunReport.Status.INCOMPLETE, r.status());
    assertEquals("target unavailable: java.io.IOException: connection refused", r.stoppedBecause());
  }

  @Test
  void auditRowsCarryTheRunsCorrelationIdWithoutAnMdc() {
    assertEquals(null, MDC.get("correlation_id"), "slf4j-simple's MDC keeps nothing");
    source.records.add(FakeSystems.item(1, 1));
    RunReport r = engine(SyncMetrics.noop(), source, 10).run("items");
    assertTrue(r.correlationId().startsWith("run-"), r.correlationId());
    List<AuditEntry> audit = store.audit(AuditQuery.builder().flow("items").build());
    assertEquals(1, audit.size());
    assertEquals(r.correlationId(), audit.get(0).correlationId());
  }

  @Test
  void aCallersCorrelationIdGoesFromAcceptToTheAuditRow() {
    SyncEngine engine = engine(SyncMetrics.noop(), source, 10);
    try (SyncContext.Scope ignored = SyncContext.open("", "req-42")) {
      assertTrue(engine.accept("items", FakeSystems.item(9, 1)));
    }
    assertTrue(SyncContext.current().isEmpty(), "the scope restored the empty context");
    RunReport r = engine.drain("items");
    assertEquals(1, r.applied());
    assertNotEquals("req-42", r.correlationId(), "the drain has its own id");
    List<AuditEntry> audit = store.audit(AuditQuery.builder().flow("items").build());
    assertEquals("req-42", audit.get(0).correlationId(), "the record keeps the id it was accepted with");
  }

  @Test
  void acceptWithoutAContextGivesTheRecordAnIdOfItsOwn() {
    SyncEngine engine = engine(SyncMetrics.noop(), source, 10);
    engine.accept("items", FakeSystems.item(3, 1));
    engine.drain("items");
    String id = store.audit(AuditQuery.builder().flow("items").build()).get(0).correlationId();
    assertTrue(id.startsWith("accept-"), id);
  }

  /** A source of 300 records that says how many are left and takes 10 s (engine clock) per pull. */
  Source<Item> slowCountingSource() {
    for (int i = 0; i < 300; i++) {
      source.records.add(FakeSystems.item(i, 1));
    }
    return (cursor, max) -> {
      clock.advance(Duration.ofSeconds(10));
      SourceBatch<Item> b = source.pull(cursor, max);
      int next = Integer.parseInt(b.nextCursor());
      return new SourceBatch<>(b.records(), b.nextCursor(), b.hasMore(), OptionalLong.of(300 - next));
    };
  }

  @Test
  void progressHasRateTotalAndEtaAndIsLoggedOncePerInterval() {
    SyncEngine engine = engine(SyncMetrics.noop(), slowCountingSource(), 50);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RunReport r;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      r = engine.run("items");
    } finally {
      System.setErr(err);
    }
    assertEquals(300, r.applied());
    assertEquals(6, progress.size(), "one per pulled batch (the outbox was empty)");
    Progress second = progress.get(1);
    assertEquals(100, second.pulled());
    assertEquals(Duration.ofSeconds(20), second.elapsed());
    assertEquals(5.0, second.ratePerSecond());
    assertEquals(OptionalLong.of(300), second.total());
    assertEquals(Optional.of(Duration.ofSeconds(40)), second.eta());
    assertEquals("items: 100 of 300 done (33%), 100 applied, 0 dead-lettered, 5.0/s, ETA 0m40s [" + r.correlationId()
        + "]", second.line());
    String log = captured.toString(StandardCharsets.UTF_8);
    // 10 s per batch, one line per 30 s: after the 3rd batch (30 s) and the 6th (60 s)
    List<String> lines = log.lines().filter(l -> l.contains(" done (")).toList();
    assertEquals(2, lines.size(), log);
    assertTrue(lines.get(0).contains("150 of 300 done (50%)"), lines.get(0));
    assertTrue(lines.get(1).contains("300 of 300 done (100%)"), lines.get(1));
    assertTrue(log.lines().anyMatch(l -> l.contains("items: COMPLETED, 300 received")), log);
  }

  @Test
  void metricsCountOutcomesAndGaugeBacklogAndDeadLetters() {
    InMemorySyncMetrics metrics = new InMemorySyncMetrics();
    source.records.add(FakeSystems.item(1, 1));
    source.records.add(FakeSystems.item(1, 1));
    source.records.add(FakeSystems.item(2, 1));
    sink.refuse = i -> i.id().equals("I2");
    SyncEngine engine = engine(metrics, source, 10);
    Map<String, String> flow = Map.of("flow", "items");
    engine.accept("items", FakeSystems.item(5, 1));
    assertEquals(1.0, metrics.gauge("sync.outbox.backlog", flow));
    RunReport r = engine.run("items");
    assertEquals(RunReport.Status.FAILED, r.status());
    assertEquals(2, metrics.count("sync.records.applied", flow));
    assertEquals(1, metrics.count("sync.records.duplicates", flow));
    assertEquals(1, metrics.count("sync.records.dead_lettered", flow));
    assertEquals(1, metrics.count("sync.runs", Map.of("flow", "items", "outcome", "failed")));
    assertEquals(1, metrics.timerCount("sync.run", Map.of("flow", "items", "outcome", "failed")));
    assertTrue(metrics.timerCount("sync.batch", Map.of("flow", "items", "outcome", "ok")) >= 2);
    assertEquals(0.0, metrics.gauge("sync.outbox.backlog", flow));
    assertEquals(1.0, metrics.gauge("sync.dead_letters", flow));
    engine.operations().discard(engine.operations().deadLetters("items", 1).get(0).id(), "test");
    assertEquals(0.0, metrics.gauge("sync.dead_letters", flow));
  }

  @Test
  void micrometerGetsTaggedCountersTimersAndGauges() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    source.records.add(FakeSystems.item(1, 1));
    source.records.add(FakeSystems.item(2, 1));
    sink.refuse = i -> i.id().equals("I2");
    SyncEngine engine = engine(new MicrometerSyncMetrics(registry), source, 10);
    engine.run("items");
    assertEquals(1.0, registry.get("sync.records.applied").tag("flow", "items").counter().count());
    assertEquals(1.0, registry.get("sync.records.dead_lettered").tag("flow", "items").counter().count());
    assertEquals(1, registry.get("sync.run").tags("flow", "items", "outcome", "failed").timer().count());
    assertEquals(1, registry.get("sync.batch").tags("flow", "items", "outcome", "ok").timer().count());
    assertEquals(1.0, registry.get("sync.dead_letters").tag("flow", "items").gauge().value());
    assertEquals(0.0, registry.get("sync.outbox.backlog").tag("flow", "items").gauge().value());
    assertFalse(registry.find("sync.records.skipped").counters().stream().anyMatch(c -> c.count() > 0));
  }
}
