package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.procurement.GoodsReceipt;
import org.odoobuild.workflow.p2p.P2pEvent;

/**
 * The adapters' sinks in the sync engine (with Odoo's failure classification): deliveries and
 * bills flow in, bad ones are dead-lettered with their reason, and the events reach a subscriber
 * flow once each, through the engine's outbox.
 */
class P2pEngineTest {

  static <T extends CanonicalEntity> Source<T> once(List<T> items) {
    return (cursor, max) -> {
      if (cursor.isPresent()) {
        return new SourceBatch<>(List.of(), cursor.get(), false);
      }
      List<SourceRecord<T>> out = new ArrayList<>();
      for (T t : items) {
        out.add(SourceRecord.of(new RecordKey(t.primaryRef().system(), t.primaryRef().id(), "1"), EventCatalog.VENDOR_BILL_RECEIVED, t,
            Instant.EPOCH));
      }
      return new SourceBatch<>(out, "done", false);
    };
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void deliveriesAndBillsThroughTheEngineWithDeadLettersAndEventsDeliveredOnce(int version) {
    try (P2pWorld w = new P2pWorld(version); SyncStore store = SyncStores.inMemory()) {
      SyncEngine engine = SyncEngine.builder().store(store).resilience(OdooFailures.resilience().build()).build();
      List<P2pEvent> subscriber = new CopyOnWriteArrayList<>();
      engine.register(Flow.builder("p2p-events", P2pEvent.class).sink(batch -> {
        batch.forEach(r -> subscriber.add(r.payload()));
        return batch.stream().map(r -> SinkResult.applied("subscriber")).toList();
      }).build());
      P2pPublisher publisher = P2pPublisher.toEngine(engine, "p2p-events");
      OdooReceipts receipts = OdooReceipts.builder(w.odoo).references(w.known).publisher(publisher).build();
      OdooVendorBills bills = OdooVendorBills.builder(w.odoo).references(w.known).publisher(publisher).build();
      List<GoodsReceipt> deliveries = List.of(
          P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "20", "EA"}, new Object[] {2, "3000", "kg"}),
          P2pWorld.delivery("DT-2", P2pWorld.ORDER, new Object[] {1, "1", "EA"}),
          P2pWorld.delivery("DT-3", SourceRef.of("erp", "PO-404"), new Object[] {1, "1", "EA"}));
      engine.register(Flow.builder("deliveries", GoodsReceipt.class).source(once(deliveries)).sink(receipts.sink()).build());
      List<VendorBill> sent = List.of(
          P2pWorld.bill("INV-1", "USD", P2pWorld.ORDER, new Object[] {1, "20", "EA", "145.00"}, new Object[] {2, "3000", "kg", "0.62"}),
          P2pWorld.bill("INV-9", "USD", SourceRef.of("erp", "PO-404"), new Object[] {1, "1", "EA", "145.00"}),
          P2pWorld.bill("INV-EUR", "EUR", P2pWorld.ORDER, new Object[] {1, "1", "EA", "145.00"}),
          P2pWorld.bill("INV-NEG", "USD", P2pWorld.ORDER, new Object[] {1, "-1", "EA", "145.00"}));
      engine.register(Flow.builder("bills", VendorBill.class).source(once(sent)).sink(bills.sink()).build());

      RunReport d = engine.run("deliveries");
      assertEquals(1, d.applied(), d.summary());
      assertEquals(2, d.deadLettered(), d.summary());
      RunReport b = engine.run("bills");
      assertEquals(1, b.applied(), b.summary());
      assertEquals(3, b.deadLettered(), b.summary());

      Map<String, DeadLetter> dead = store.deadLetters("deliveries", 10).stream().collect(Collectors.toMap(x -> x.idempotencyKey()
          .replaceAll(".*fieldapp:([^:]+):.*", "$1"), x -> x));
      assertEquals("P2pException", dead.get("DT-2").errorType());
      assertTrue(dead.get("DT-2").errorMessage().contains("over_receipt: purchase order PO-5001 has no open receipt"),
          dead.get("DT-2").errorMessage());
      assertTrue(dead.get("DT-3").errorMessage().contains("unknown_purchase_order: purchase order erp:PO-404 is not in Odoo"));
      List<String> billReasons = store.deadLetters("bills", 10).stream().map(DeadLetter::errorMessage).sorted().toList();
      assertEquals(3, billReasons.size());
      assertTrue(billReasons.get(0).contains("currency_mismatch: bill INV-EUR is in EUR"), billReasons.toString());
      assertTrue(billReasons.get(1).contains("invalid: bill INV-NEG: [lines[0].quantity.value"), billReasons.toString());
      assertTrue(billReasons.get(2).contains("unknown_purchase_order"), billReasons.toString());
      assertEquals(List.of("INV-1"), w.server.records("account.move").stream().map(m -> m.get("ref")).toList(), "nothing else in Odoo");
      assertEquals(2, w.server.records("account.analytic.line").size());

      // the events reach the subscriber once; announcing DT-1 again (a re-sent delivery) adds nothing
      receipts.apply(deliveries.get(0));
      RunReport e = engine.run("p2p-events");
      assertEquals(2, e.applied(), e.summary());
      assertEquals(List.of("delivery_received_on_site", "cost_posted"), subscriber.stream().map(x -> x.type().name()).toList());
      assertEquals(0, engine.run("p2p-events").applied());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {17, 19})
  void thePortSinksAreIdempotentSoARecordOfUnknownOutcomeIsSentAgainNotWrittenTwice(int version) throws Exception {
    try (P2pWorld w = new P2pWorld(version)) {
      OdooReceipts receipts = OdooReceipts.builder(w.odoo).references(w.known).build();
      OdooVendorBills bills = OdooVendorBills.builder(w.odoo).references(w.known).build();
      Sink<GoodsReceipt> receiptSink = receipts.sink();
      Sink<VendorBill> billSink = bills.sink();
      assertTrue(receiptSink.idempotent() && billSink.idempotent(), "the engine sends them again instead of dead-lettering");
      List<SourceRecord<GoodsReceipt>> delivery = List.of(SourceRecord.of(new RecordKey("fieldapp", "DT-1", "1"),
          EventCatalog.DELIVERY_RECEIVED_ON_SITE, P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "20", "EA"}),
          Instant.EPOCH));
      List<SourceRecord<VendorBill>> bill = List.of(SourceRecord.of(new RecordKey("ap", "INV-1", "1"),
          EventCatalog.VENDOR_BILL_RECEIVED, P2pWorld.bill("INV-1", "USD", P2pWorld.ORDER,
              new Object[] {1, "20", "EA", "145.00"}), Instant.EPOCH));
      assertEquals(SinkResult.Outcome.APPLIED, receiptSink.apply(delivery).get(0).outcome());
      assertEquals(SinkResult.Outcome.APPLIED, billSink.apply(bill).get(0).outcome());
      int pickings = w.server.records("stock.picking").size();
      // sent again, as the engine does for an idempotent sink when the first answer was lost
      assertEquals(SinkResult.Outcome.SKIPPED, receiptSink.apply(delivery).get(0).outcome());
      assertEquals(SinkResult.Outcome.APPLIED, billSink.apply(bill).get(0).outcome());
      assertEquals(pickings, w.server.records("stock.picking").size());
      assertEquals(1, w.server.records("account.move").stream().filter(m -> "INV-1".equals(m.get("ref"))).count(),
          "one bill");
    }
  }
}
