package org.odoobuild.adapters.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.connectors.tracing.RunTracing;
import org.odoobuild.testkit.OdooEmulator;

/** A span per sync run, with the Odoo calls the run made as its children. */
class TracingTest {
  @Test
  void aRunSpanParentsTheSpansOfItsOdooCalls() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
            .build();
        OdooEmulator emulator = OdooEmulator.builder().build().start();
        OdooClient odoo = OdooClient.builder().url(emulator.url().toString()).database(emulator.database())
            .apiKey(emulator.apiKey()).listener(new OdooCallTracing(provider.get("odoo-client"))).build();
        SyncStore store = SyncStores.inMemory();
        SyncEngine engine = SyncEngine.builder().store(store).listener(new RunTracing(provider.get("odoo-sync")))
            .build()) {
      List<SourceRecord<String>> rows = List.of(
          new SourceRecord<>(new RecordKey("t", "1", "1"), EventCatalog.VENDOR_APPROVED, "Traced Steel", Instant.EPOCH,
              "", Map.of()),
          new SourceRecord<>(new RecordKey("t", "2", "1"), EventCatalog.VENDOR_APPROVED, "", Instant.EPOCH, "",
              Map.of()));
      engine.register(Flow.builder("traced", String.class)
          .source((cursor, max) -> new SourceBatch<>(cursor.isEmpty() ? rows : List.of(), "end", false))
          .sink(batch -> {
            List<SinkResult> out = new ArrayList<>();
            for (SourceRecord<String> r : batch) {
              try {
                Map<String, Object> values = r.payload().isEmpty() ? Map.of("no_such_field", 1)
                    : Map.of("name", r.payload());
                out.add(SinkResult.applied("res.partner," + odoo.model("res.partner").create(values)));
              } catch (OdooException e) {
                out.add(SinkResult.failed(e));
              }
            }
            return out;
          }).build());

      RunReport r = engine.run("traced");

      assertEquals(RunReport.Status.FAILED, r.status());
      List<SpanData> all = spans.getFinishedSpanItems();
      SpanData run = all.stream().filter(s -> s.getName().equals("sync.run traced")).findFirst().orElseThrow();
      assertEquals(r.correlationId(), run.getAttributes().get(AttributeKey.stringKey("sync.correlation_id")));
      assertEquals(1L, run.getAttributes().get(AttributeKey.longKey("sync.applied")));
      assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
      List<SpanData> creates = all.stream().filter(s -> s.getName().equals("odoo res.partner.create")).toList();
      assertEquals(2, creates.size(), all.toString());
      for (SpanData c : creates) {
        assertEquals(run.getSpanId(), c.getParentSpanId(), "a child of the run");
        assertEquals(run.getTraceId(), c.getTraceId());
        assertEquals("traced", c.getAttributes().get(AttributeKey.stringKey("sync.flow")));
        assertTrue(c.getStartEpochNanos() >= run.getStartEpochNanos() && c.getEndEpochNanos() <= run.getEndEpochNanos());
      }
      assertEquals(1, creates.stream().filter(c -> c.getStatus().getStatusCode() == StatusCode.ERROR).count());
    }
  }
}
