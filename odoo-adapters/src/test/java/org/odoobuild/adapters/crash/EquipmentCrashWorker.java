package org.odoobuild.adapters.crash;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.odoobuild.adapters.equipment.OdooEquipmentUsage;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooEventListener;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.equipment.AssetStatus;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableAsset;
import org.odoobuild.model.equipment.ImmutableEquipmentUsage;
import org.odoobuild.workflow.equipment.EquipmentLedger;
import org.odoobuild.workflow.equipment.EquipmentPolicy;
import org.odoobuild.workflow.equipment.JdbcMeterStore;

/**
 * Equipment usage through {@link OdooEquipmentUsage} in a child JVM, killed with SIGKILL by
 * {@link EquipmentCrashTest}: args url key storeDir n [holdAt]. Report {@code i} is 8 h of machine
 * {@code EQ-(i % ASSETS)}, its meter at {@code START + 8 * (i / ASSETS + 1)}. With {@code holdAt}
 * h, the source waits for the kill when asked for report h. A worker that finishes prints
 * {@code LOAD SENDS k}: the load requests it sent for analytic lines.
 */
public final class EquipmentCrashWorker {
  static final int ASSETS = 4;
  static final int BATCH = 50;
  static final BigDecimal START = new BigDecimal("1000");
  static final BigDecimal INTERVAL = new BigDecimal("250");
  static final Money RATE = Money.of("95.00", "USD");
  static final String COST_CODE = "01 54 00";

  private EquipmentCrashWorker() {}

  static String tag(int asset) {
    return "EQ-" + asset;
  }

  static EquipmentUsage usage(int i) {
    return ImmutableEquipmentUsage.builder().addSourceRefs(SourceRef.of("telematics", tag(i % ASSETS) + "@" + i))
        .assetRef(SourceRef.of("telematics", tag(i % ASSETS))).usageDate(LocalDate.of(2026, 1, 1).plusDays(i / ASSETS))
        .hours(Quantity.of("8", "h")).meterReading(Quantity.of(START.add(BigDecimal.valueOf(8L * (i / ASSETS + 1))), UnitOfMeasure.H))
        .projectRef(SourceRef.of("erp", "P-1")).costCode(COST_CODE).build();
  }

  /** Runs the flow to completion (unless killed). */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String key = args[1];
    Path dir = Path.of(args[2]);
    int n = Integer.parseInt(args[3]);
    int holdAt = args.length > 4 ? Integer.parseInt(args[4]) : n;
    AtomicInteger loadSends = new AtomicInteger();
    OdooEventListener sends = new OdooEventListener() {
      @Override
      public void callEnd(String model, String method, Protocol protocol, int attempts, Duration duration,
          Optional<OdooException> failure) {
        if (model.equals("account.analytic.line") && method.equals("load")) {
          loadSends.addAndGet(attempts);
        }
      }
    };
    try (SyncStore store = SyncStores.embedded(dir)) {
      OdooClient odoo = OdooClient.builder().url(url).database("construction").login("admin").apiKey(key)
          .eventListener(sends).build();
      EquipmentLedger ledger = new EquipmentLedger(new EquipmentPolicy(Map.of("Excavator", RATE), Map.of("Excavator", INTERVAL),
          new BigDecimal("4")), JdbcMeterStore.in(store));
      for (int a = 0; a < ASSETS; a++) {
        ledger.register(ImmutableAsset.builder().addSourceRefs(SourceRef.of("telematics", tag(a))).assetTag(tag(a))
            .name("Excavator " + a).category("Excavator").status(AssetStatus.ACTIVE)
            .meterReading(Quantity.of(START, UnitOfMeasure.H)).build());
      }
      SyncEngine engine = SyncEngine.builder().store(store).workerId("equipment-crash-worker")
          .resilience(OdooFailures.resilience().build()).build();
      engine.register(Flow.builder("equipment-usage", EquipmentUsage.class).batchSize(BATCH).source((cursor, max) -> {
        int from = cursor.map(Integer::parseInt).orElse(0);
        if (from >= holdAt && from < n) {
          System.in.read(); // the parent kills the process now
        }
        int to = Math.min(n, from + max);
        List<SourceRecord<EquipmentUsage>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
          out.add(SourceRecord.of(new RecordKey("telematics", tag(i % ASSETS) + "@" + i, "1"),
              EventCatalog.EQUIPMENT_USAGE_REPORTED, usage(i), Instant.EPOCH.plusSeconds(i)));
        }
        Thread.sleep(5); // a slow source, so the kill lands mid-run
        return new SourceBatch<>(out, Integer.toString(to), to < n);
      }).sink(OdooEquipmentUsage.of(odoo, ledger, MappingContext.live(odoo, new InMemoryReferences()))).build());
      RunReport r = engine.run("equipment-usage");
      System.out.println("WORKER DONE " + r.summary());
      System.out.println("LOAD SENDS " + loadSends.get());
      System.out.flush();
      System.exit(r.completed() && r.deadLettered() == 0 ? 0 : 3);
    }
  }
}
