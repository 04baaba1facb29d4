package org.odoobuild.connectors.cases;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.odoobuild.connectors.ops.ReconciliationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation on a schedule: each run reconciles (e.g. an odoo-adapters {@code Reconciler}
 * for a flow) and opens a case for every drift found (one case per record and kind, however
 * often it is found). A failing run is logged and never stops the schedule. Thread-safe.
 * <pre>{@code
 * ScheduledReconciliation nightly = new ScheduledReconciliation(() -> reconciler.reconcile(vendors), desk);
 * nightly.schedule(executor, Duration.ofHours(24));
 * }</pre>
 */
public final class ScheduledReconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduledReconciliation.class);
  private final Supplier<ReconciliationReport> reconcile;
  private final CaseOpener desk;

  /**
   * Creates the job.
   *
   * @param reconcile runs one reconciliation
   * @param desk where drifts become cases (a {@link CaseDesk})
   */
  public ScheduledReconciliation(Supplier<ReconciliationReport> reconcile, CaseOpener desk) {
    this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
    this.desk = Objects.requireNonNull(desk, "desk");
  }

  /**
   * Runs once.
   *
   * @return the cases of the drifts found (existing ones included)
   */
  public List<ExceptionCase> runOnce() {
    return desk.drifts(reconcile.get());
  }

  /**
   * Runs every {@code every} on an executor (first run after one period).
   *
   * @param executor the executor
   * @param every the period
   * @return the scheduled task (cancel it to stop)
   */
  public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration every) {
    return executor.scheduleWithFixedDelay(() -> {
      try {
        List<ExceptionCase> cases = runOnce();
        LOG.info("reconciliation: {} drift case(s) open", cases.stream().filter(ExceptionCase::open).count());
      } catch (RuntimeException e) {
        LOG.warn("reconciliation failed: {}", e.toString());
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }
}
