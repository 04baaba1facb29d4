package org.odoobuild.spring;

import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.SyncEngine;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health: {@code odoo} (the server answers and accepts the credentials) and
 * {@code odooSync} (the store answers; backlog and dead letters per flow). Needs
 * {@code spring-boot-health} (brought by {@code spring-boot-starter-actuator}).
 */
@AutoConfiguration(after = {OdooAutoConfiguration.class, OdooSyncAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
public class OdooHealthAutoConfiguration {

  /** For Spring. */
  public OdooHealthAutoConfiguration() {}

  /**
   * Odoo reachable.
   *
   * @param odoo the client
   * @return the indicator
   */
  @Bean
  @ConditionalOnBean(OdooClient.class)
  @ConditionalOnMissingBean(name = "odooHealthIndicator")
  public OdooHealthIndicator odooHealthIndicator(OdooClient odoo) {
    return new OdooHealthIndicator(odoo);
  }

  /**
   * The sync store, backlog and dead letters.
   *
   * @param engine the engine
   * @param p the properties
   * @return the indicator
   */
  @Bean
  @ConditionalOnBean(SyncEngine.class)
  @ConditionalOnMissingBean(name = "odooSyncHealthIndicator")
  public SyncHealthIndicator odooSyncHealthIndicator(SyncEngine engine, OdooProperties p) {
    return new SyncHealthIndicator(engine, p.getHealth().getMaxDeadLetters());
  }
}
