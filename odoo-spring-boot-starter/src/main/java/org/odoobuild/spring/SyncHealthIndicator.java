package org.odoobuild.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.store.OutboxStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * UP when the sync store answers, with per flow its {@code backlog} (pending and claimed outbox
 * entries), {@code deadLetters} and {@code paused}; OUT_OF_SERVICE when the dead letters of all
 * flows exceed {@code odoo.health.max-dead-letters} (when set); DOWN when the store fails.
 */
public class SyncHealthIndicator extends AbstractHealthIndicator {
  private final SyncEngine engine;
  private final long maxDeadLetters;

  /**
   * An indicator for an engine.
   *
   * @param engine the engine
   * @param maxDeadLetters dead letters above which the status is OUT_OF_SERVICE; negative: never
   */
  public SyncHealthIndicator(SyncEngine engine, long maxDeadLetters) {
    super("Sync store health check failed");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.maxDeadLetters = maxDeadLetters;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Map<String, Object> flows = new LinkedHashMap<>();
    long backlog = 0;
    long dead = 0;
    for (String flow : engine.flowNames()) {
      Map<OutboxStatus, Long> counts = engine.store().outboxCounts(flow);
      long b = counts.get(OutboxStatus.PENDING) + counts.get(OutboxStatus.CLAIMED);
      long d = counts.get(OutboxStatus.DEAD);
      backlog += b;
      dead += d;
      flows.put(flow, Map.of("backlog", b, "deadLetters", d, "paused", engine.store().paused(flow)));
    }
    builder.status(maxDeadLetters >= 0 && dead > maxDeadLetters ? Status.OUT_OF_SERVICE : Status.UP)
        .withDetail("store", engine.store().toString()).withDetail("backlog", backlog).withDetail("deadLetters", dead)
        .withDetail("flows", flows);
  }
}
