package org.odoobuild.spring;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.odoobuild.adapters.tracing.OdooCallTracing;
import org.odoobuild.connectors.tracing.RunTracing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spans when the application has an {@link OpenTelemetry} bean: one per sync run
 * ({@link RunTracing}) with the Odoo calls it makes as children ({@link OdooCallTracing}).
 */
@AutoConfiguration(before = {OdooAutoConfiguration.class, OdooSyncAutoConfiguration.class},
    afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean(OpenTelemetry.class)
public class OdooTracingAutoConfiguration {

  /** For Spring. */
  public OdooTracingAutoConfiguration() {}

  /**
   * Run spans.
   *
   * @param otel the application's OpenTelemetry
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public RunTracing odooRunTracing(OpenTelemetry otel) {
    return new RunTracing(otel.getTracer("org.odoobuild.sync"));
  }

  /**
   * Odoo call spans.
   *
   * @param otel the application's OpenTelemetry
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public OdooCallTracing odooCallTracing(OpenTelemetry otel) {
    return new OdooCallTracing(otel.getTracer("org.odoobuild.client"));
  }
}
