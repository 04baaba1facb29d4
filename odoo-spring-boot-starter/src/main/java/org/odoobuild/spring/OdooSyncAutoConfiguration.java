package org.odoobuild.spring;

import javax.sql.DataSource;
import org.odoobuild.adapters.failure.OdooFailures;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.RunListener;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.metrics.SyncMetrics;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The sync engine: a {@link SyncStore} on the application's {@link DataSource} (PostgreSQL, or H2
 * in PostgreSQL mode; an embedded H2 file when there is none), a {@link SyncEngine} with every
 * {@link Flow} bean registered, Odoo's failure classification ({@link OdooFailures#resilience()})
 * unless a {@link Resilience} bean is given, the {@link SyncMetrics} and {@link RunListener} beans,
 * and, with {@code odoo.sync.interval}, a schedule that runs every flow. Off with
 * {@code odoo.sync.enabled=false}.
 */
@AutoConfiguration(after = OdooMetricsAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(prefix = "odoo.sync", name = "enabled", matchIfMissing = true)
public class OdooSyncAutoConfiguration {

  /** For Spring. */
  public OdooSyncAutoConfiguration() {}

  /**
   * The store.
   *
   * @param p the properties
   * @param dataSource the application's data source, if any
   * @return the store (closed with the context; an application's data source is left open)
   */
  @Bean
  @ConditionalOnMissingBean
  public SyncStore syncStore(OdooProperties p, ObjectProvider<DataSource> dataSource) {
    OdooProperties.Sync s = p.getSync();
    switch (s.getStore()) {
      case MEMORY:
        return SyncStores.inMemory();
      case EMBEDDED:
        return SyncStores.embedded(s.getEmbeddedDir());
      case DATASOURCE:
        return SyncStores.on(dataSource.getIfAvailable(() -> {
          throw new IllegalStateException("odoo.sync.store=datasource but the application has no DataSource");
        }));
      default:
        DataSource ds = dataSource.getIfUnique();
        return ds != null ? SyncStores.on(ds) : SyncStores.embedded(s.getEmbeddedDir());
    }
  }

  /**
   * The engine.
   *
   * @param p the properties
   * @param store the store
   * @param flows the application's flows
   * @param metrics a metrics binding, if any
   * @param listeners run listeners
   * @param resilience the application's policies, if any
   * @return the engine (closed with the context)
   */
  @Bean
  @ConditionalOnMissingBean
  public SyncEngine syncEngine(OdooProperties p, SyncStore store, ObjectProvider<Flow<?>> flows,
      ObjectProvider<SyncMetrics> metrics, ObjectProvider<RunListener> listeners,
      ObjectProvider<Resilience> resilience) {
    SyncEngine.Builder b = SyncEngine.builder().store(store)
        .resilience(resilience.getIfAvailable(() -> OdooFailures.resilience().build()));
    metrics.ifAvailable(b::metrics);
    java.util.List<RunListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      b.listener(new FanOut(all));
    }
    if (!p.getSync().getWorkerId().isEmpty()) {
      b.workerId(p.getSync().getWorkerId());
    }
    SyncEngine engine = b.build();
    flows.orderedStream().forEach(engine::register);
    return engine;
  }

  /**
   * Runs every flow each {@code odoo.sync.interval} while the context runs.
   *
   * @param p the properties
   * @param engine the engine
   * @return the schedule
   */
  @Bean
  @ConditionalOnMissingBean(name = "odooSyncSchedule")
  public SmartLifecycle odooSyncSchedule(OdooProperties p, SyncEngine engine) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        if (p.getSync().getInterval() != null) {
          engine.start(p.getSync().getInterval());
        }
        running = true;
      }

      @Override
      public void stop() {
        engine.close();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  /** Several listeners as one. */
  static final class FanOut extends RunListener {
    private final java.util.List<RunListener> all;

    FanOut(java.util.List<RunListener> all) {
      this.all = all;
    }

    @Override
    public void runStarted(String flow, String correlationId) {
      all.forEach(l -> l.runStarted(flow, correlationId));
    }

    @Override
    public void progress(org.odoobuild.connectors.engine.Progress progress) {
      all.forEach(l -> l.progress(progress));
    }

    @Override
    public void runFinished(org.odoobuild.connectors.engine.RunReport report) {
      all.forEach(l -> l.runFinished(report));
    }
  }
}
