package org.odoobuild.examples.connector;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.adapters.sink.OdooUpsertSink;
import org.odoobuild.adapters.sink.UpsertRow;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.RecordValidator;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.examples.support.Console;
import org.odoobuild.examples.support.OdooConnection;
import org.odoobuild.examples.support.OdooRefs;

/**
 * The worked example of docs/writing-a-connector.md: field material requests from a site app
 * become draft purchase orders (requisitions) in Odoo, exactly once, however often the site app
 * resends them. Run: {@code mvn -B -q -pl examples exec:java
 * -Dexec.mainClass=org.odoobuild.examples.connector.FieldRequestsConnector}.
 */
public final class FieldRequestsConnector {
  /** A material request from the site app. */
  public record MaterialRequest(String id, int version, String project, String costCode, String item, BigDecimal qty,
      String unit, Instant updatedAt) {}

  /** The site app's API, faked: requests ordered by update time. */
  static final class SiteAppApi {
    final List<MaterialRequest> requests = new ArrayList<>();

    List<MaterialRequest> changedSince(Instant since, int max) {
      return requests.stream().filter(r -> r.updatedAt().isAfter(since)).limit(max).toList();
    }
  }

  /** The connector's source: what changed after the cursor (an ISO instant). */
  static final class SiteAppSource implements Source<MaterialRequest> {
    private final SiteAppApi api;

    SiteAppSource(SiteAppApi api) {
      this.api = api;
    }

    @Override
    public SourceBatch<MaterialRequest> pull(Optional<String> cursor, int max) {
      Instant since = cursor.map(Instant::parse).orElse(Instant.EPOCH);
      List<MaterialRequest> page = api.changedSince(since, max);
      List<SourceRecord<MaterialRequest>> records = new ArrayList<>();
      for (MaterialRequest r : page) {
        records.add(new SourceRecord<>(new RecordKey("siteapp", r.id(), Integer.toString(r.version())),
            EventCatalog.MATERIAL_REQUESTED, r, r.updatedAt(), r.project(), Map.of()));
      }
      String next = page.isEmpty() ? cursor.orElse(Instant.EPOCH.toString()) : page.get(page.size() - 1).updatedAt().toString();
      return new SourceBatch<>(records, next, page.size() == max);
    }
  }

  private FieldRequestsConnector() {}

  /** Runs the connector twice (the second run finds nothing new) and prints what it did. */
  public static void main(String[] args) throws Exception {
    run(new Console(System.out));
  }

  /** Runs; returns the number of requests applied in the first run. */
  public static long run(Console out) throws Exception {
    Path work = Files.createTempDirectory("field-requests");
    try (OdooConnection conn = OdooConnection.open(out); SyncStore store = SyncStores.embedded(work.resolve("sync"))) {
      OdooClient odoo = conn.client();
      long defaultVendor = OdooRefs.vendor(odoo, "SITE-DEFAULT", "Site Supply Co");
      SiteAppApi api = new SiteAppApi();
      Instant t = Instant.parse("2026-11-20T07:00:00Z");
      api.requests.add(new MaterialRequest("MR-101", 1, "P-1042", "03 30 00", "Form ties", new BigDecimal("400"), "ea", t));
      api.requests.add(new MaterialRequest("MR-102", 1, "P-1042", "", "Rebar chairs", new BigDecimal("250"), "ea",
          t.plusSeconds(60)));
      api.requests.add(new MaterialRequest("MR-103", 1, "P-1042", "06 10 00", "2x10 lumber", new BigDecimal("-5"), "ea",
          t.plusSeconds(120)));
      api.requests.add(new MaterialRequest("MR-101", 2, "P-1042", "03 30 00", "Form ties", new BigDecimal("450"), "ea",
          t.plusSeconds(180)));

      RecordValidator<MaterialRequest> validator = r -> {
        List<String> problems = new ArrayList<>();
        if (r.costCode() == null || r.costCode().isBlank()) {
          problems.add("costCode: missing cost code");
        }
        if (r.qty().signum() <= 0) {
          problems.add("qty: must be positive");
        }
        return problems;
      };
      OdooUpsertSink<MaterialRequest> sink = OdooUpsertSink.of(odoo, "purchase.order", r -> {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("partner_id/.id", defaultVendor);
        cols.put("origin", "site app " + r.id());
        cols.put("notes", r.item() + " " + r.qty().toPlainString() + " " + r.unit() + " for " + r.project() + " / " + r.costCode());
        return new UpsertRow("construction_sdk.mr_siteapp_" + r.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"), cols);
      });
      SyncEngine engine = SyncEngine.builder().store(store)
          .resilience(Resilience.builder().rateLimit(20, Duration.ofSeconds(1)).lane("procurement", 2).build()).build();
      engine.register(Flow.builder("material-requests", MaterialRequest.class).source(new SiteAppSource(api))
          .validator(validator).sink(sink).batchSize(200).lane("procurement").build());

      out.step("First run");
      RunReport first = engine.run("material-requests");
      out.info("%s", first.summary());
      store.deadLetters("material-requests", 10).forEach(d -> out.info("dead letter %s: %s", d.idempotencyKey(),
          d.errorMessage()));
      out.step("Second run: the site app resends MR-101 v2, nothing else changed");
      api.requests.add(new MaterialRequest("MR-101", 2, "P-1042", "03 30 00", "Form ties", new BigDecimal("450"), "ea",
          t.plusSeconds(240)));
      RunReport second = engine.run("material-requests");
      out.info("%s", second.summary());
      out.info("purchase orders from the site app in Odoo: %d", odoo.model("purchase.order").count(
          org.odoobuild.client.Domain.where("origin", "=like", "site app %")));
      out.summary("Field requests → Odoo", first.applied() + second.applied(), first.duplicates() + second.duplicates(),
          first.deadLettered());
      return first.applied();
    }
  }
}
