package org.odoobuild.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.metrics.MicrometerSyncMetrics;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.EmbeddedSyncStore;
import org.odoobuild.connectors.store.PostgresSyncStore;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter in an application context: the client from {@code odoo.*}, the store on the
 * application's DataSource, the engine with the Flow beans, health against the emulator, metrics.
 */
class OdooAutoConfigurationTest {
  static OdooEmulator odoo;

  @TempDir
  Path dir;

  @BeforeAll
  static void startOdoo() {
    odoo = OdooEmulator.builder().apiKey("starter-key").build().start();
  }

  @AfterAll
  static void stopOdoo() {
    odoo.close();
  }

  final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(OdooMetricsAutoConfiguration.class, OdooTracingAutoConfiguration.class,
          OdooAutoConfiguration.class, OdooSyncAutoConfiguration.class, OdooHealthAutoConfiguration.class));

  ApplicationContextRunner connected() {
    return runner.withPropertyValues("odoo.url=" + odoo.url(), "odoo.database=" + odoo.database(),
        "odoo.api-key=starter-key", "odoo.timeout=20s", "odoo.sync.embedded-dir=" + dir);
  }

  static DataSource h2(String options) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:starter-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1" + options);
    return ds;
  }

  /** Names of partners the flow puts into Odoo. */
  record Partner(String name) {}

  /** An application with one flow: partners from a list into Odoo through the auto-configured client. */
  @Configuration(proxyBeanMethods = false)
  static class PartnerApp {
    @Bean
    DataSource dataSource() {
      return h2(EmbeddedSyncStore.REQUIRED_URL_OPTIONS);
    }

    @Bean
    Flow<Partner> partners(OdooClient client) {
      List<SourceRecord<Partner>> rows = new ArrayList<>();
      for (String n : List.of("Starter Steel", "Starter Concrete")) {
        rows.add(new SourceRecord<>(new RecordKey("app", n, "1"), EventCatalog.VENDOR_APPROVED, new Partner(n),
            Instant.parse("2026-12-01T00:00:00Z"), "", Map.of()));
      }
      return Flow.builder("starter-partners", Partner.class)
          .source((cursor, max) -> new SourceBatch<>(cursor.isEmpty() ? rows : List.of(), "end", false))
          .sink(batch -> {
            List<SinkResult> out = new ArrayList<>();
            for (SourceRecord<Partner> r : batch) {
              long id = client.model("res.partner").create(Map.of("name", r.payload().name()));
              out.add(SinkResult.applied("res.partner," + id));
            }
            return out;
          }).build();
    }
  }

  @Test
  void propertiesGiveAClientAStoreOnTheDataSourceAndAnEngineRunningTheFlowBeans() {
    connected().withUserConfiguration(PartnerApp.class).run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(OdooClient.class).hasSingleBean(SyncEngine.class);
      OdooClient client = ctx.getBean(OdooClient.class);
      assertThat(client.protocol()).isEqualTo(Protocol.JSON2);
      SyncStore store = ctx.getBean(SyncStore.class);
      assertThat(store).isInstanceOf(EmbeddedSyncStore.class);
      assertThat(store.toString()).contains("H2 data source");
      SyncEngine engine = ctx.getBean(SyncEngine.class);
      assertThat(engine.flowNames()).containsExactly("starter-partners");
      long before = client.model("res.partner").count(Domain.where("name", "like", "Starter "));
      RunReport r = engine.run("starter-partners").orThrow();
      assertThat(r.applied()).isEqualTo(2);
      assertThat(client.model("res.partner").count(Domain.where("name", "like", "Starter "))).isEqualTo(before + 2);
      assertThat(engine.run("starter-partners").applied()).as("nothing twice").isZero();
    });
  }

  @Test
  void healthReportsOdooAndTheSyncStoreWithBacklogAndDeadLetters() {
    connected().withUserConfiguration(PartnerApp.class).withPropertyValues("odoo.health.max-dead-letters=0")
        .run(ctx -> {
          Health odooHealth = ctx.getBean(OdooHealthIndicator.class).health(true);
          assertThat(odooHealth.getStatus()).isEqualTo(Status.UP);
          assertThat(odooHealth.getDetails()).containsEntry("protocol", "JSON2");
          assertThat(odooHealth.getDetails().get("serverVersion").toString()).startsWith("19.0");
          SyncHealthIndicator syncHealth = ctx.getBean(SyncHealthIndicator.class);
          assertThat(syncHealth.health(true).getStatus()).isEqualTo(Status.UP);
          SyncEngine engine = ctx.getBean(SyncEngine.class);
          engine.accept("starter-partners", new SourceRecord<>(new RecordKey("app", "late", "1"),
              EventCatalog.VENDOR_APPROVED, new Partner("Starter Late"), Instant.now(), "", Map.of()));
          Health h = syncHealth.health(true);
          assertThat(h.getDetails()).containsEntry("backlog", 1L).containsEntry("deadLetters", 0L);
          @SuppressWarnings("unchecked")
          Map<String, Map<String, Object>> flows = (Map<String, Map<String, Object>>) h.getDetails().get("flows");
          assertThat(flows.get("starter-partners")).containsEntry("backlog", 1L).containsEntry("paused", false);
        });
  }

  @Test
  void anUnreachableOdooIsDownWithoutTheKey() {
    OdooEmulator gone = OdooEmulator.builder().apiKey("gone-key").build().start();
    String url = gone.url().toString();
    gone.close();
    runner.withPropertyValues("odoo.url=" + url, "odoo.database=x", "odoo.api-key=gone-key", "odoo.timeout=5s",
        "odoo.connect-timeout=2s", "odoo.sync.store=memory").run(ctx -> {
          Health h = ctx.getBean(OdooHealthIndicator.class).health(true);
          assertThat(h.getStatus()).isEqualTo(Status.DOWN);
          assertThat(h.toString()).doesNotContain("gone-key");
        });
  }

  @Test
  void withAMeterRegistryTheEngineAndTheClientReportMetrics() {
    connected().withUserConfiguration(PartnerApp.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(ctx -> {
          assertThat(ctx).hasSingleBean(MicrometerSyncMetrics.class);
          ctx.getBean(SyncEngine.class).run("starter-partners");
          MeterRegistry registry = ctx.getBean(MeterRegistry.class);
          assertThat(registry.get("sync.records.applied").tag("flow", "starter-partners").counter().count())
              .isEqualTo(2.0);
          assertThat(registry.get("sync.dead_letters").tag("flow", "starter-partners").gauge().value()).isZero();
          assertThat(registry.get("odoo.calls").tags("model", "res.partner", "method", "create",
              "flow", "starter-partners", "outcome", "ok").timer().count()).isEqualTo(2);
        });
  }

  @Test
  void withOpenTelemetryRunsAndOdooCallsAreTraced() {
    io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter spans =
        io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
    connected().withUserConfiguration(PartnerApp.class).withBean(io.opentelemetry.api.OpenTelemetry.class,
        () -> io.opentelemetry.sdk.OpenTelemetrySdk.builder().setTracerProvider(
            io.opentelemetry.sdk.trace.SdkTracerProvider.builder().addSpanProcessor(
                io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(spans)).build()).build())
        .run(ctx -> {
          ctx.getBean(SyncEngine.class).run("starter-partners");
          var finished = spans.getFinishedSpanItems();
          var run = finished.stream().filter(s -> s.getName().equals("sync.run starter-partners")).findFirst()
              .orElseThrow();
          assertThat(finished.stream().filter(s -> s.getName().equals("odoo res.partner.create")))
              .hasSize(2).allMatch(s -> s.getParentSpanId().equals(run.getSpanId()));
        });
  }

  @Test
  void withoutAUrlThereIsNoClientButTheEngineStillRuns() {
    runner.withPropertyValues("odoo.sync.store=memory").run(ctx -> {
      assertThat(ctx).hasNotFailed().doesNotHaveBean(OdooClient.class).hasSingleBean(SyncEngine.class);
      assertThat(ctx).doesNotHaveBean(OdooHealthIndicator.class).hasSingleBean(SyncHealthIndicator.class);
    });
  }

  @Test
  void aUrlWithoutCredentialsFailsNamingTheProperties() {
    runner.withPropertyValues("odoo.url=" + odoo.url(), "odoo.database=x", "odoo.sync.store=memory").run(ctx ->
        assertThat(ctx).hasFailed().getFailure().rootCause().hasMessageContaining("odoo.api-key")
            .hasMessageContaining("odoo.login and odoo.password"));
  }

  @Test
  void anH2DataSourceOutsidePostgresModeFailsWithTheOptionsToAdd() {
    runner.withBean(DataSource.class, () -> h2("")).run(ctx ->
        assertThat(ctx).hasFailed().getFailure().rootCause().hasMessageContaining("MODE=PostgreSQL"));
  }

  @Test
  void aPostgresDataSourceHoldsTheStore() {
    TestPostgres pg = TestPostgres.get();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(pg.jdbcUrl());
    ds.setUser(pg.user());
    ds.setPassword(pg.password());
    runner.withBean(DataSource.class, () -> ds).run(ctx -> {
      SyncStore store = ctx.getBean(SyncStore.class);
      assertThat(store).isInstanceOf(PostgresSyncStore.class);
      store.saveCursor("starter-pg", "1");
      assertThat(store.cursor("starter-pg")).contains("1");
    });
  }

  @Test
  void withoutADataSourceTheStoreIsEmbeddedAndOdooFailuresClassifyByDefault() {
    connected().run(ctx -> {
      assertThat(ctx.getBean(SyncStore.class).toString()).contains("H2 at " + dir);
      assertThat(ctx).doesNotHaveBean(Resilience.class);
    });
  }
}
