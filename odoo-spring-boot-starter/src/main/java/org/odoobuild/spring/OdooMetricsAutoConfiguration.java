package org.odoobuild.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.odoobuild.adapters.metrics.OdooCallMetrics;
import org.odoobuild.connectors.metrics.MicrometerSyncMetrics;
import org.odoobuild.connectors.metrics.SyncMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer bindings when the application has a {@link MeterRegistry}: the engine's metrics
 * ({@code sync.*}, tagged flow and outcome, with backlog and dead-letter gauges) and a timer of
 * every Odoo call ({@code odoo.calls}, tagged model, method, protocol, outcome and flow).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class OdooMetricsAutoConfiguration {

  /** For Spring. */
  public OdooMetricsAutoConfiguration() {}

  /**
   * The engine's metrics.
   *
   * @param registry the registry
   * @return the binding
   */
  @Bean
  @ConditionalOnMissingBean(SyncMetrics.class)
  public MicrometerSyncMetrics odooSyncMetrics(MeterRegistry registry) {
    return new MicrometerSyncMetrics(registry);
  }

  /**
   * The Odoo calls' timer.
   *
   * @param registry the registry
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public OdooCallMetrics odooCallMetrics(MeterRegistry registry) {
    return new OdooCallMetrics(registry);
  }
}
