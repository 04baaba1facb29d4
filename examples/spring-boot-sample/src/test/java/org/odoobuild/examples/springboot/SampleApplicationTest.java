package org.odoobuild.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.RunListener;
import org.odoobuild.connectors.engine.RunReport;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.testkit.OdooEmulator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sample starts with nothing but properties (an emulated Odoo's URL, database and key, and an
 * in-memory database), its schedule runs the vendors flow once at start, and health and metrics
 * report it.
 */
class SampleApplicationTest {

  /** Hands the test the first finished run (a listener, not a sleep). */
  @Configuration(proxyBeanMethods = false)
  static class FirstRun {
    final CompletableFuture<RunReport> report = new CompletableFuture<>();

    @Bean
    RunListener firstRunProbe() {
      return new RunListener() {
        @Override
        public void runFinished(RunReport r) {
          report.complete(r);
        }
      };
    }
  }

  @Test
  void startsWithPropertiesOnlyAndSyncsTheVendorsOnce() throws Exception {
    try (OdooEmulator odoo = OdooEmulator.builder().apiKey("sample-key").build().start();
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SampleApplication.class, FirstRun.class).run(
            "--odoo.url=" + odoo.url(), "--odoo.database=" + odoo.database(), "--odoo.api-key=sample-key",
            "--spring.datasource.url=jdbc:h2:mem:sample-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")) {
      RunReport first = ctx.getBean(FirstRun.class).report.get(120, TimeUnit.SECONDS);
      assertThat(first.status()).isEqualTo(RunReport.Status.COMPLETED);
      assertThat(first.applied()).isEqualTo(3);
      OdooClient client = ctx.getBean(OdooClient.class);
      assertThat(client.model("res.partner").count(Domain.where("name", "in",
          java.util.List.of("Northside Rebar Ltd", "Granite Ready-Mix", "Apex Scaffolding")))).isEqualTo(3);
      assertThat(odoo.externalId("sample.vendor_v-101")).isPresent();

      Map<String, HealthIndicator> health = ctx.getBeansOfType(HealthIndicator.class);
      assertThat(health.get("odooHealthIndicator").health(true).getStatus()).isEqualTo(Status.UP);
      assertThat(health.get("odooSyncHealthIndicator").health(true).getDetails()).containsEntry("deadLetters", 0L);
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      assertThat(registry.get("sync.records.applied").tag("flow", "vendors").counter().count()).isEqualTo(3.0);
      assertThat(ctx.getBean(SyncEngine.class).store().toString()).contains("H2 data source");
    }
  }
}
