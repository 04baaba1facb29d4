package org.odoobuild.connectors.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.odoobuild.connectors.metrics.SyncMetrics;
import org.odoobuild.connectors.resilience.FailureClassifier;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.EventType;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.ClaimedEntry;
import org.odoobuild.connectors.store.DeliveryIntent;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.RunRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs flows: pulls each source from its stored cursor, skips records already processed
 * (idempotency key {@code type/system:id:revision}), validates, applies batches to the sink
 * under the resilience policies, dead-letters what cannot be applied, and stores the cursor
 * together with the processed keys only after the sink confirmed the batch. Pushed records
 * (webhooks) and replayed dead letters go through the durable outbox and the same steps;
 * several engines may drain one outbox (work is claimed with leases, renewed while the sink
 * works).
 *
 * <p>Each record is delivered at most once unless it is known not to have been applied: before
 * a record goes to a sink that is not {@linkplain org.odoobuild.connectors.spi.Sink#idempotent()
 * idempotent}, a delivery intent is stored for it; the record's outcome (applied, refused, not
 * sent) ends the intent. (An idempotent sink, e.g. an upsert by external id, may get a record
 * again by construction: its deliveries store no intents.) A record whose outcome is unknown (the sink reported
 * {@link SinkResult#unknown}, or its failure is one the classifier calls
 * {@linkplain FailureClassifier#outcomeUnknown outcome unknown}), and a record whose intent was
 * left by an engine that died, is checked with the flow's {@link org.odoobuild.connectors.spi.Verifier}
 * before anything else: found applied, it is recorded as applied; found missing, it is sent again
 * in a later delivery. Without a verifier, it is sent again only to an idempotent sink, and
 * otherwise dead-lettered as {@code unknown_outcome} for a person to decide. An intent of a run
 * that is still alive (in any process) is never taken over, so two engines never apply one record
 * at the same time, even when one of them lost its lease.
 *
 * <p>A pull run into an idempotent sink commits each batch (cursor, processed keys, audit lines)
 * while it pulls and sends the next one, on a thread of the engine's; the commit is awaited before
 * the next commit, before the run ends and before its progress is reported (as of that batch), so
 * a progress event only counts committed batches. Should that commit fail or the process die, the
 * next run sends up to two batches again, which an idempotent sink absorbs. Such a run also pulls
 * the next batch (on a thread of the engine's, one pull at a time) while it sends one, and looks
 * up its processed keys once the commit before has ended, so neither the pull nor the lookup waits
 * on the run's path and no lookup runs beside a commit; a pull that takes longer never holds a
 * commit back. A batch pulled ahead of a run that stops (paused, a failure) is dropped, and the
 * next run pulls it again from the stored cursor. Any other sink's batch is committed before the
 * next is pulled.
 * <pre>{@code
 * SyncEngine engine = SyncEngine.builder().store(SyncStores.embedded(dir)).build();
 * engine.register(vendorFlow);
 * RunReport report = engine.run("vendors").orThrow();   // or look at report.status()
 * }</pre>
 *
 * <p>Every run, drain and accept happens in a {@link SyncContext} (flow and correlation id,
 * carried explicitly to outbox headers and audit rows, and copied to the MDC). A long run reports
 * its {@link Progress} to the {@link RunListener} after every batch and logs it at INFO every
 * {@link Builder#progressInterval progress interval}. Metrics (see {@link SyncMetrics}):
 * counters {@code sync.records.accepted}, {@code sync.records.applied}, {@code sync.records.skipped},
 * {@code sync.records.duplicates}, {@code sync.records.dead_lettered},
 * {@code sync.records.unknown_outcome}, {@code sync.records.verified} (tag {@code flow}),
 * {@code sync.leases.lost}, {@code sync.runs} and timer {@code sync.run} (tags {@code flow},
 * {@code outcome}: the run's status in lower case), {@code sync.run.failures} (a scheduled run
 * threw), timer {@code sync.batch} (tags {@code flow}, {@code outcome}: {@code ok}, {@code failed},
 * {@code unavailable}, {@code unknown}); gauges {@code sync.outbox.backlog} and
 * {@code sync.dead_letters} (tag {@code flow}).
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  static final String H_TYPE = "event_type";
  static final String H_SYSTEM = "source_system";
  static final String H_ID = "source_id";
  static final String H_REVISION = "source_revision";
  static final String H_OCCURRED = "occurred_at";
  static final String H_CORRELATION = SyncContext.MDC_CORRELATION;
  /** Dead-letter error type of a record whose outcome stayed unknown. */
  public static final String UNKNOWN_OUTCOME = "unknown_outcome";

  private final SyncStore store;
  private final Resilience resilience;
  private final SyncMetrics metrics;
  private final EventCatalog catalog;
  private final String workerId;
  private final String instanceId;
  private final Duration lease;
  private final Clock clock;
  private final RunListener listener;
  private final Duration progressInterval;
  private final Map<String, Flow<?>> flows = new ConcurrentHashMap<>();
  private final Set<Run> active = ConcurrentHashMap.newKeySet();
  private final AtomicLong runs = new AtomicLong();
  private volatile ScheduledExecutorService scheduler;
  private ScheduledExecutorService heart;
  private java.util.concurrent.ExecutorService committer;

  private SyncEngine(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store is required");
    this.resilience = b.resilience;
    this.metrics = b.metrics;
    this.catalog = b.catalog;
    this.workerId = b.workerId;
    String w = b.workerId.length() > 200 ? b.workerId.substring(0, 200) : b.workerId;
    this.instanceId = w + "#" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    this.lease = b.lease;
    this.clock = b.clock;
    this.listener = b.listener;
    this.progressInterval = b.progressInterval;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Adds a flow; names are unique. */
  public <T> SyncEngine register(Flow<T> flow) {
    if (flows.putIfAbsent(flow.name(), flow) != null) {
      throw new IllegalArgumentException("a flow named '" + flow.name() + "' is already registered");
    }
    Map<String, String> tags = Map.of("flow", flow.name());
    metrics.gauge("sync.outbox.backlog", tags, () -> outboxCount(flow.name(), OutboxStatus.PENDING, OutboxStatus.CLAIMED));
    metrics.gauge("sync.dead_letters", tags, () -> outboxCount(flow.name(), OutboxStatus.DEAD));
    return this;
  }

  /** The names of the registered flows, sorted. */
  public java.util.SortedSet<String> flowNames() {
    return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(flows.keySet()));
  }

  /** The durable store (dead letters, audit, cursors). */
  public SyncStore store() {
    return store;
  }

  /** The operations API: dead letters, replay, pause/resume. */
  public Operations operations() {
    return new Operations(store, flows.keySet());
  }

  /**
   * Pulls the flow's source until it has nothing more, then drains the flow's outbox. The
   * report's {@link RunReport#status() status} says how it ended: completed; incomplete when it
   * stopped early (paused, the target or source stayed unavailable, records waiting for
   * verification; nothing is lost, the next run resumes); failed when a permanent failure
   * stopped it (e.g. a source that cannot work as configured; logged at ERROR). The run is kept
   * in the store's run history ({@link SyncStore#runs}).
   */
  public RunReport run(String flowName) {
    return execute(flow(flowName), true);
  }

  /** Only drains the outbox (pushed and replayed records) of a flow. */
  public RunReport drain(String flowName) {
    return execute(flow(flowName), false);
  }

  private RunReport execute(Flow<?> flow, boolean pull) {
    long start = System.nanoTime();
    RunReport r;
    try (SyncContext.Scope scope = SyncContext.enter(flow.name(), pull ? "run" : "drain")) {
      Run run = new Run(instanceId + "/" + runs.incrementAndGet(), flow.name(), scope.context().correlationId(),
          clock.instant());
      tell(l -> l.runStarted(flow.name(), run.correlationId));
      try (SyncStore.Liveness live = store.announce(run.owner)) {
        active.add(run);
        ensureHeartbeat();
        if (pull && flow.source().isPresent()) {
          pullAll(flow, run);
        }
        if (run.stop == null) {
          drainOutbox(flow, run);
        }
      } catch (RuntimeException e) {
        // e.g. the store is unreachable: nothing was recorded that the next run cannot redo
        boolean transientFailure = classifier().isTransient(e) || e instanceof org.odoobuild.connectors.store.StoreException;
        run.stop(transientFailure ? RunReport.Status.INCOMPLETE : RunReport.Status.FAILED, e.toString());
        if (!transientFailure) {
          LOG.error("flow {}: run failed: {}", flow.name(), e.toString(), e);
        }
      } finally {
        active.remove(run);
      }
      run.flush(metrics);
      r = run.report(Duration.ofNanos(System.nanoTime() - start));
      finished(r, run.startedAt);
    }
    return r;
  }

  private void finished(RunReport r, Instant startedAt) {
    Map<String, String> tags = Map.of("flow", r.flow(), "outcome", r.status().name().toLowerCase(java.util.Locale.ROOT));
    metrics.record("sync.run", r.elapsed(), tags);
    metrics.increment("sync.runs", 1, tags);
    switch (r.status()) {
      case COMPLETED -> LOG.info("{} [{}]", r.summary(), r.correlationId());
      case INCOMPLETE -> LOG.warn("{} [{}]", r.summary(), r.correlationId());
      case FAILED -> LOG.error("{} [{}]{}", r.summary(), r.correlationId(), r.deadLettered() > 0
          ? ": dead letters need an operator (engine.operations().deadLetters(\"" + r.flow() + "\", 50))" : "");
    }
    keep(r, startedAt);
    tell(l -> l.runFinished(r));
  }

  /** After every batch: metrics, the listener, and an INFO line once per progress interval. */
  private void progress(Run run, OptionalLong remaining) {
    progress(run, run.pulled, run.applied, run.deadLettered, remaining);
  }

  private void progress(Run run, long pulled, long applied, long deadLettered, OptionalLong remaining) {
    run.flush(metrics);
    Instant now = clock.instant();
    Progress p = new Progress(run.flow, run.correlationId, pulled, applied, deadLettered,
        Duration.between(run.startedAt, now), remaining);
    tell(l -> l.progress(p));
    if (!now.isBefore(run.lastLogAt.plus(progressInterval))) {
      run.lastLogAt = now;
      LOG.info("{}", p.line());
    }
  }

  private void tell(java.util.function.Consumer<RunListener> event) {
    try {
      event.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn("run listener failed: {}", e.toString());
    }
  }

  private double outboxCount(String flow, OutboxStatus... statuses) {
    try {
      Map<OutboxStatus, Long> counts = store.outboxCounts(flow);
      long n = 0;
      for (OutboxStatus s : statuses) {
        n += counts.getOrDefault(s, 0L);
      }
      return n;
    } catch (RuntimeException e) { // a metrics scrape never fails because the store is down
      return Double.NaN;
    }
  }

  /** Adds a run to the store's run history; a failure there never fails the run. */
  private void keep(RunReport r, Instant startedAt) {
    try {
      store.recordRun(new RunRecord(r.flow(), workerId, startedAt, r.elapsed(), r.pulled(), r.applied(), r.skipped(),
          r.duplicates(), r.deadLettered(), r.completed(), r.status().name().toLowerCase(java.util.Locale.ROOT),
          r.problem()));
    } catch (RuntimeException e) {
      LOG.warn("flow {}: run not kept in the run history: {}", r.flow(), e.toString());
    }
  }

  /**
   * Accepts a pushed record (e.g. from a webhook) into the flow's durable outbox. Returns false
   * when a record with the same idempotency key was accepted before (nothing changes then).
   */
  public <T> boolean accept(String flowName, SourceRecord<T> record) {
    @SuppressWarnings("unchecked")
    Flow<T> flow = (Flow<T>) flow(flowName);
    catalog.require(record.type().name());
    boolean added;
    try (SyncContext.Scope ignored = SyncContext.enter(flowName, "accept")) {
      added = store.enqueue(toOutbox(flow, record));
    }
    metrics.increment("sync.records.accepted", added ? 1 : 0, Map.of("flow", flowName));
    return added;
  }

  /**
   * The outbox entry the engine would store for a record of a flow (idempotency key, headers,
   * payload). Use it where something else writes the outbox, e.g. a
   * {@link org.odoobuild.connectors.webhook.WebhookIntake} mapper:
   * {@code (flow, w) -> engine.outboxEntry(flow, toRecord(w.json()))}.
   */
  public <T> OutboxEntry outboxEntry(String flowName, SourceRecord<T> record) {
    @SuppressWarnings("unchecked")
    Flow<T> flow = (Flow<T>) flow(flowName);
    catalog.require(record.type().name());
    return toOutbox(flow, record);
  }

  /** Runs every registered flow now and then every {@code interval}, until {@link #close()}. */
  public synchronized void start(Duration interval) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sync-engine-" + workerId);
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(() -> flows.keySet().forEach(f -> {
      try {
        run(f);
      } catch (Throwable e) { // a scheduled task that throws is never run again: keep the schedule alive
        LOG.error("flow {} failed: {}", f, e.toString());
        metrics.increment("sync.run.failures", 1, Map.of("flow", f));
      }
    }), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the schedule (a run in progress finishes its batch) and the lease heartbeat. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
    if (heart != null) {
      heart.shutdownNow();
      heart = null;
    }
    if (committer != null) {
      committer.shutdown(); // a commit in flight finishes; its run awaits it
      committer = null;
    }
  }

  private Flow<?> flow(String name) {
    Flow<?> f = flows.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no flow named '" + name + "'; registered: " + flows.keySet());
    }
    return f;
  }

  private FailureClassifier classifier() {
    return resilience.config().classifier();
  }

  // ---- leases ----------------------------------------------------------------------------

  /** Renews the leases of outbox entries being applied, every third of a lease, while a run holds any. */
  private synchronized void ensureHeartbeat() {
    if (heart == null) {
      heart = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sync-lease-" + workerId);
        t.setDaemon(true);
        return t;
      });
      long every = Math.max(1, lease.toMillis() / 3);
      heart.scheduleWithFixedDelay(() -> {
        try {
          heartbeat();
        } catch (Throwable e) {
          LOG.warn("lease renewal failed: {}", e.toString());
        }
      }, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** Renews every lease this engine's runs hold now (run by the heartbeat; tests call it directly). */
  void heartbeat() {
    for (Run run : active) {
      Set<Long> held = run.held();
      Set<Long> still = store.renew(held, workerId, lease);
      if (still.size() < held.size()) {
        metrics.increment("sync.leases.lost", held.size() - still.size(), Map.of());
        LOG.warn("leases of {} outbox entries were taken over while their records were being applied; "
            + "their delivery intents keep other engines from applying them", held.size() - still.size());
      }
    }
  }

  // ---- pull mode ------------------------------------------------------------------------

  private <T> void pullAll(Flow<T> flow, Run run) {
    Ahead<T> ahead = new Ahead<>(flow.idempotent(), from -> {
      try (SyncContext.Scope ignored = SyncContext.open(flow.name(), run.correlationId)) {
        return pull(flow, Optional.of(from));
      }
    }, b -> handled(flow, b));
    try {
      pullBatches(flow, run, ahead);
    } catch (RuntimeException | Error e) {
      try {
        ahead.await(run);
      } catch (RuntimeException | Error late) {
        e.addSuppressed(late);
      }
      throw e;
    } finally {
      ahead.dropPulled(); // a run that stops early leaves no pull of its source behind
    }
    ahead.await(run);
  }

  private <T> SourceBatch<T> pull(Flow<T> flow, Optional<String> cursor) throws Exception {
    return resilience.call("source:" + flow.name(), flow.lane(),
        () -> flow.source().orElseThrow().pull(cursor, flow.batchSize()));
  }

  private <T> void pullBatches(Flow<T> flow, Run run, Ahead<T> ahead) {
    Optional<Boolean> pausedBeforeCommit = Optional.empty(); // read before the last commit started
    while (true) {
      boolean paused = pausedBeforeCommit.orElseGet(() -> store.paused(flow.name()));
      pausedBeforeCommit = Optional.empty();
      if (paused) {
        LOG.info("flow {} is paused", flow.name());
        run.stop(RunReport.Status.INCOMPLETE, "paused");
        return;
      }
      SourceBatch<T> batch;
      Optional<String> cursor = Optional.empty();
      Optional<Set<String>> lookedUp = Optional.empty();
      try {
        if (ahead.pulling()) {
          cursor = Optional.of(ahead.pulledFrom());
          Pulled<T> p = ahead.takePulled();
          batch = p.batch();
          lookedUp = p.handled();
        } else {
          cursor = ahead.cursor().or(() -> store.cursor(flow.name()));
          batch = pull(flow, cursor);
        }
      } catch (Exception e) {
        if (classifier().isTransient(e)) {
          LOG.warn("flow {}: source unavailable, stopping this run: {}", flow.name(), e.toString());
          run.stop(RunReport.Status.INCOMPLETE, "source unavailable: " + e);
        } else {
          LOG.error("flow {}: the source failed permanently; the flow cannot run until this is fixed: {}",
              flow.name(), e.toString(), e);
          run.stop(RunReport.Status.FAILED, "source failed: " + e);
        }
        return;
      }
      if (batch.records().isEmpty()) {
        // a source may return an empty page that still moves its cursor (e.g. filtered rows)
        if (!batch.nextCursor().equals(cursor.orElse(""))) {
          ahead.await(run);
          store.commit(flow.name(), batch.nextCursor(), Map.of());
        }
        if (batch.hasMore()) {
          continue;
        }
        return;
      }
      Set<String> handled = lookedUp.orElseGet(() -> handled(flow, batch));
      List<Delivery<T>> toSend = new ArrayList<>();
      Set<String> inBatch = new HashSet<>();
      for (SourceRecord<T> r : batch.records()) {
        run.pulled++;
        String key = key(flow, r);
        if (!inBatch.add(key) || handled.contains(key) || ahead.holds(key)) {
          run.duplicates++;
          continue;
        }
        List<String> problems = flow.validator().problems(r.payload());
        if (!problems.isEmpty()) {
          deadLetterNew(flow, r, "validation", String.join("; ", problems), run);
          continue;
        }
        toSend.add(new Delivery<>(r, key, Optional.empty()));
      }
      if (ahead.enabled && batch.hasMore()) {
        ahead.pullAhead(batch.nextCursor());
      }
      deliver(flow, run, toSend);
      Map<String, String> processed = new LinkedHashMap<>();
      int open = 0;
      for (Delivery<T> d : toSend) {
        switch (d.fate) {
          case APPLIED, SKIPPED -> processed.put(d.key, d.resultRef());
          case DEAD -> deadLetterNew(flow, d.record, d.errorType, d.detail, run);
          case RETRY, UNVERIFIED, BUSY -> open++;
          default -> throw new IllegalStateException("undecided " + d.key);
        }
      }
      if (open > 0) {
        // the cursor stays: the next run pulls this batch again, skips what was processed and
        // verifies what is unknown before sending anything again
        ahead.await(run);
        store.markProcessed(processed, appliedAudit(flow, toSend));
        run.stop(RunReport.Status.INCOMPLETE, run.problem.isEmpty()
            ? open + " record(s) of a batch to deliver again later" : run.problem);
        finishIntents(flow, run, toSend);
        return;
      }
      List<AuditEntry> lines = appliedAudit(flow, toSend);
      if (ahead.enabled) {
        ahead.await(run);
        if (batch.hasMore()) {
          pausedBeforeCommit = Optional.of(store.paused(flow.name())); // while no commit runs beside it
        }
        ahead.start(flow.name(), run, batch.nextCursor(), processed, lines, batch.remaining());
      } else {
        store.commit(flow.name(), batch.nextCursor(), processed, lines);
        finishIntents(flow, run, toSend);
        progress(run, batch.remaining());
      }
      if (!batch.hasMore()) {
        return;
      }
    }
  }

  /** Pulls the batch after a cursor. */
  @FunctionalInterface
  private interface Puller<T> {
    SourceBatch<T> pull(String from) throws Exception;
  }

  /** A batch pulled ahead, with its processed keys if they were looked up already. */
  private record Pulled<T>(SourceBatch<T> batch, Optional<Set<String>> handled) {}

  private <T> Set<String> handled(Flow<T> flow, SourceBatch<T> batch) {
    return store.handled(batch.records().stream().map(r -> key(flow, r)).toList());
  }

  /**
   * The commit of a pulled batch (cursor, processed keys, audit lines) that runs while the next
   * batch is pulled and sent. Only for an idempotent sink: should the commit fail or the process
   * die, the next run sends both batches again, which such a sink absorbs by construction; any
   * other sink's batches are committed before the next is pulled. At most one commit per run is
   * in flight; it is awaited before the next starts, before the cursor is moved any other way and
   * before the run ends, so commits land in order and a run ends with its batches committed. Its
   * progress event follows the commit and counts the run as of that batch.
   *
   * <p>The next batch is pulled while a batch is sent (one pull at a time, never more than one
   * batch ahead). When that pull is back by the time the sent batch's commit starts, its keys are
   * looked up first, so the lookup does not run beside the commit; a pull that takes longer does
   * not hold the commit back (its keys are looked up when the engine takes the batch).
   */
  private final class Ahead<T> {
    final boolean enabled;
    private java.util.concurrent.CompletableFuture<Pulled<T>> nextPull;
    private String pulledFrom;
    private boolean commitStarted; // since the pull ahead started (guarded by this)
    private boolean lookingUp; // the pull's thread looks up its keys (guarded by this)
    private SourceBatch<T> pulledBatch; // back from the pull, not empty (guarded by this)
    private final Puller<T> puller;
    private final java.util.function.Function<SourceBatch<T>, Set<String>> lookup;
    private Optional<Set<String>> lookedUpBeforeCommit = Optional.empty(); // by the engine's thread
    private java.util.concurrent.CompletableFuture<Void> commit;
    private String cursor;
    private Set<String> keys = Set.of();
    private OptionalLong remaining = OptionalLong.empty();
    private long pulled;
    private long applied;
    private long deadLettered;

    /**
     * @param puller pulls the batch after a cursor (in the run's context)
     * @param lookup the processed keys among a batch's
     */
    Ahead(boolean enabled, Puller<T> puller, java.util.function.Function<SourceBatch<T>, Set<String>> lookup) {
      this.enabled = enabled;
      this.puller = puller;
      this.lookup = lookup;
    }

    /** The cursor of the batch being committed, if any: where the next pull starts. */
    Optional<String> cursor() {
      return commit == null ? Optional.empty() : Optional.of(cursor);
    }

    /** Whether {@code key} is among the processed keys being committed. */
    boolean holds(String key) {
      return keys.contains(key);
    }

    void start(String flow, Run run, String nextCursor, Map<String, String> processed, List<AuditEntry> lines,
        OptionalLong left) {
      beforeCommit();
      Runnable task = () -> {
        try (SyncContext.Scope ignored = SyncContext.open(flow, run.correlationId)) {
          store.commit(flow, nextCursor, processed, lines);
        }
      };
      cursor = nextCursor;
      keys = processed.keySet();
      remaining = left;
      pulled = run.pulled;
      applied = run.applied;
      deadLettered = run.deadLettered;
      try {
        commit = java.util.concurrent.CompletableFuture.runAsync(task, committer());
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        task.run(); // the engine is closing: commit on this thread
        commit = java.util.concurrent.CompletableFuture.completedFuture(null);
      }
    }

    /**
     * Starts pulling the batch after {@code from} on an engine thread (unless the engine is
     * closing). Once the pull is back and the commit in flight now has ended, the pulled keys are
     * looked up on that thread too, unless the next commit has started by then.
     */
    void pullAhead(String from) {
      java.util.concurrent.CompletableFuture<Void> before =
          commit == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : commit;
      synchronized (this) {
        commitStarted = false;
        lookingUp = false;
        pulledBatch = null;
        lookedUpBeforeCommit = Optional.empty();
      }
      try {
        nextPull = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          SourceBatch<T> b;
          try {
            b = puller.pull(from);
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
          if (b.records().isEmpty()) {
            return new Pulled<>(b, Optional.empty());
          }
          synchronized (this) {
            pulledBatch = b;
          }
          before.handle((v, e) -> null).join(); // its outcome is the run's to handle
          if (!claimLookup()) {
            return new Pulled<>(b, Optional.empty());
          }
          try {
            return new Pulled<>(b, Optional.of(lookup.apply(b)));
          } catch (RuntimeException e) {
            // looked up again, and failing the run, when the engine takes the batch
            LOG.debug("looking up the keys of a batch pulled ahead failed: {}", e.toString());
            return new Pulled<>(b, Optional.empty());
          }
        }, committer());
        pulledFrom = from;
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        nextPull = null; // pulled on the run's thread when its turn comes
      }
    }

    private synchronized boolean claimLookup() {
      if (commitStarted) {
        return false; // the lookup would run beside the commit: the engine makes it when it takes the batch
      }
      lookingUp = true;
      return true;
    }

    /**
     * Called before a commit starts (the one before it has ended): the pulled batch's keys are
     * looked up first, by the pull's thread if it has begun, otherwise here if the pull is back.
     */
    private void beforeCommit() {
      boolean wait;
      SourceBatch<T> lookUpHere = null;
      synchronized (this) {
        commitStarted = true;
        wait = lookingUp;
        if (!lookingUp && pulledBatch != null) {
          lookUpHere = pulledBatch;
        }
      }
      if (wait && nextPull != null) {
        nextPull.handle((p, e) -> null).join();
      } else if (lookUpHere != null) {
        try {
          lookedUpBeforeCommit = Optional.of(lookup.apply(lookUpHere));
        } catch (RuntimeException e) {
          LOG.debug("looking up the keys of a batch pulled ahead failed: {}", e.toString());
        }
      }
    }

    boolean pulling() {
      return nextPull != null;
    }

    /** The cursor the pull ahead started from. */
    String pulledFrom() {
      return pulledFrom;
    }

    /** Waits for the pull ahead and returns its batch; throws what the pull threw. */
    Pulled<T> takePulled() throws Exception {
      try {
        Pulled<T> pulled = nextPull.join();
        return pulled.handled().isPresent() ? pulled : new Pulled<>(pulled.batch(), lookedUpBeforeCommit);
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof Exception x) {
          throw x;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      } finally {
        forgetPull();
      }
    }

    /** Waits for a pull ahead that the run no longer needs, ignoring its outcome. */
    void dropPulled() {
      if (nextPull != null) {
        nextPull.handle((b, e) -> null).join();
        forgetPull();
      }
    }

    private synchronized void forgetPull() {
      nextPull = null;
      pulledBatch = null;
      lookingUp = false;
      lookedUpBeforeCommit = Optional.empty();
    }

    /** Waits for the commit in flight, if any, and reports its progress; rethrows its failure. */
    void await(Run run) {
      if (commit == null) {
        return;
      }
      java.util.concurrent.CompletableFuture<Void> c = commit;
      commit = null;
      keys = Set.of();
      try {
        c.join(); // not interruptible: the commit is under way, its outcome decides what the next run redoes
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
      progress(run, pulled, applied, deadLettered, remaining); // the run as of the committed batch
    }
  }

  private synchronized java.util.concurrent.ExecutorService committer() {
    if (committer == null) {
      committer = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sync-commit-" + workerId);
        t.setDaemon(true);
        return t;
      });
    }
    return committer;
  }

  // ---- outbox mode ----------------------------------------------------------------------

  private <T> void drainOutbox(Flow<T> flow, Run run) {
    while (true) {
      if (store.paused(flow.name())) {
        run.stop(RunReport.Status.INCOMPLETE, "paused");
        return;
      }
      List<ClaimedEntry> claimed = store.claim(flow.name(), workerId, flow.batchSize(), lease);
      if (claimed.isEmpty()) {
        return;
      }
      run.hold(claimed);
      try {
        Map<ClaimedEntry, SourceRecord<T>> decoded = new LinkedHashMap<>();
        for (ClaimedEntry e : claimed) {
          run.pulled++;
          try {
            decoded.put(e, fromOutbox(flow, e));
          } catch (RuntimeException ex) {
            store.deadLetter(e.id(), workerId, "undecodable: " + ex.getMessage());
            run.deadLettered++;
          }
        }
        Set<String> seen = store.seen(decoded.values().stream().map(r -> key(flow, r)).toList());
        List<Long> duplicates = new ArrayList<>();
        List<Delivery<T>> toSend = new ArrayList<>();
        for (Map.Entry<ClaimedEntry, SourceRecord<T>> x : decoded.entrySet()) {
          ClaimedEntry e = x.getKey();
          SourceRecord<T> r = x.getValue();
          if (seen.contains(key(flow, r))) {
            duplicates.add(e.id());
            run.duplicates++;
            continue;
          }
          List<String> problems = flow.validator().problems(r.payload());
          if (!problems.isEmpty()) {
            store.deadLetter(e.id(), workerId, "validation: " + String.join("; ", problems));
            run.deadLettered++;
            continue;
          }
          toSend.add(new Delivery<>(r, key(flow, r), Optional.of(e)));
        }
        if (!duplicates.isEmpty()) {
          store.complete(duplicates, workerId);
        }
        boolean unavailable = deliver(flow, run, toSend);
        finishEntries(flow, run, toSend);
        finishIntents(flow, run, toSend);
        progress(run, OptionalLong.empty());
        if (unavailable) {
          run.stop(RunReport.Status.INCOMPLETE, "target unavailable" + (run.problem.isEmpty() ? "" : ": " + run.problem));
          return;
        }
      } finally {
        run.release();
      }
    }
  }

  /** Records the outcome of each delivered outbox entry: processed and done, dead, back for later. */
  private <T> void finishEntries(Flow<T> flow, Run run, List<Delivery<T>> batch) {
    Map<String, String> processed = new LinkedHashMap<>();
    List<Long> done = new ArrayList<>();
    for (Delivery<T> d : batch) {
      if (d.fate == Fate.APPLIED || d.fate == Fate.SKIPPED) {
        processed.put(d.key, d.resultRef());
        done.add(d.entry.orElseThrow().id());
      } else {
        finishEntry(flow, run, d);
      }
    }
    if (done.isEmpty()) {
      return;
    }
    // the processed keys are the truth: recorded first (one transaction), they stop every other
    // engine, lease or not; only then are the entries marked done
    store.markProcessed(processed, appliedAudit(flow, batch));
    Set<Long> completed = store.complete(done, workerId);
    for (long id : done) {
      if (!completed.contains(id)) {
        metrics.increment("sync.leases.lost", 1, Map.of("flow", flow.name()));
        LOG.warn("flow {}: the lease on outbox entry {} ran out while its record was applied; the record is recorded "
            + "as processed, so the engine holding the entry now will not apply it again", flow.name(), id);
      }
    }
  }

  private <T> void finishEntry(Flow<T> flow, Run run, Delivery<T> d) {
    ClaimedEntry e = d.entry.orElseThrow();
    switch (d.fate) {
      case DEAD -> {
        store.deadLetter(e.id(), workerId, d.errorType, d.errorType + ": " + d.detail);
        run.deadLettered++;
        audit(flow, d.record, "dead_lettered", d.errorType + ": " + d.detail);
      }
      case RETRY, UNVERIFIED -> {
        if (e.attempts() + 1 < flow.maxDeliveries()) {
          store.fail(e.id(), workerId, d.errorType + ": " + d.detail, clock.instant().plus(backoff(e.attempts())));
        } else {
          // out of deliveries: a record whose outcome is still unknown is dead-lettered as such
          String type = d.fate == Fate.UNVERIFIED ? UNKNOWN_OUTCOME : d.errorType;
          store.deadLetter(e.id(), workerId, type, type + ": " + d.detail);
          store.endDelivery(run.owner, List.of(d.key));
          run.deadLettered++;
          audit(flow, d.record, "dead_lettered", type + ": " + d.detail);
          if (d.fate == Fate.UNVERIFIED) {
            run.unverified--;
            run.unknown++;
          }
        }
      }
      case BUSY -> store.release(e.id(), workerId, clock.instant().plus(backoff(e.attempts())));
      default -> throw new IllegalStateException("undecided " + d.key);
    }
  }

  // ---- delivering a batch -----------------------------------------------------------------

  /** What became of a record in a delivery. */
  private enum Fate {
    /** Not decided yet. */
    OPEN,
    /** The verifier must look first (an earlier delivery's outcome is unknown). */
    VERIFY_FIRST,
    APPLIED,
    SKIPPED,
    /** Refused for good (or unknown outcome without a way to verify): dead letter. */
    DEAD,
    /** Known not applied: deliver again later. */
    RETRY,
    /** The outcome is unknown and could not be verified now: verify before the next delivery. */
    UNVERIFIED,
    /** Another live run is delivering it right now: leave it alone. */
    BUSY
  }

  /** One record on its way through a delivery. */
  private static final class Delivery<T> {
    final SourceRecord<T> record;
    final String key;
    final Optional<ClaimedEntry> entry;
    Fate fate = Fate.OPEN;
    String targetRef = "";
    String errorType = "";
    String detail = "";
    boolean verified;

    Delivery(SourceRecord<T> record, String key, Optional<ClaimedEntry> entry) {
      this.record = record;
      this.key = key;
      this.entry = entry;
    }

    String resultRef() {
      return fate == Fate.SKIPPED ? "skipped: " + detail : targetRef;
    }

    void decide(Fate f, String type, String why) {
      fate = f;
      errorType = type;
      detail = why;
    }
  }

  /**
   * Delivers records: takes their delivery intents, verifies those an earlier delivery left
   * unknown, sends the rest to the sink, and verifies what the sink could not tell. Every
   * record ends with a fate. Returns true when the target was unavailable.
   */
  private <T> boolean deliver(Flow<T> flow, Run run, List<Delivery<T>> batch) {
    if (batch.isEmpty()) {
      return false;
    }
    // an idempotent sink may get a record twice by construction: its deliveries need no intents
    Map<String, DeliveryIntent> others = flow.idempotent() ? Map.of()
        : store.beginDelivery(run.owner, batch.stream().map(d -> d.key).toList());
    for (Delivery<T> d : batch) {
      DeliveryIntent i = others.get(d.key);
      if (i == null) {
        continue;
      }
      boolean orphaned = i.state() == DeliveryIntent.State.UNKNOWN || !store.alive(i.owner());
      if (orphaned && store.takeOverDelivery(i, run.owner)) {
        d.fate = Fate.VERIFY_FIRST;
        d.detail = i.state() == DeliveryIntent.State.UNKNOWN ? i.detail()
            : "an earlier delivery (" + i.owner() + ") was interrupted";
      } else {
        d.decide(Fate.BUSY, "busy", "being delivered by " + i.owner());
      }
    }
    List<Delivery<T>> first = batch.stream().filter(d -> d.fate == Fate.VERIFY_FIRST).toList();
    resolveUnknown(flow, run, first, true);

    List<Delivery<T>> send = batch.stream().filter(d -> d.fate == Fate.OPEN).toList();
    boolean[] unavailable = {false};
    List<SinkResult> results = applyWithSplit(flow, send.stream().map(d -> d.record).toList(), run, unavailable);
    List<Delivery<T>> unknown = new ArrayList<>();
    for (int k = 0; k < send.size(); k++) {
      Delivery<T> d = send.get(k);
      SinkResult res = results.get(k);
      switch (res.outcome()) {
        case APPLIED -> {
          d.fate = Fate.APPLIED;
          d.targetRef = res.targetRef();
        }
        case SKIPPED -> d.decide(Fate.SKIPPED, "", res.detail());
        case UNKNOWN -> {
          d.detail = res.detail();
          unknown.add(d);
        }
        case FAILED -> {
          Optional<Throwable> err = res.error();
          if (err.isPresent() && classifier().outcomeUnknown(err.get())) {
            d.detail = res.detail();
            unknown.add(d);
          } else if (err.isPresent() && classifier().isTransient(err.get())) {
            d.decide(Fate.RETRY, errorType(res), res.detail());
          } else {
            d.decide(Fate.DEAD, errorType(res), res.detail());
          }
        }
      }
    }
    resolveUnknown(flow, run, unknown, false);
    for (Delivery<T> d : batch) {
      switch (d.fate) {
        case APPLIED -> run.applied++;
        case SKIPPED -> run.skipped++;
        case UNVERIFIED -> run.unverified++;
        default -> { }
      }
    }
    return unavailable[0];
  }

  /**
   * One audit line per applied record of a delivered batch: stored with the batch's processed
   * keys (one transaction in the JDBC stores).
   */
  private <T> List<AuditEntry> appliedAudit(Flow<T> flow, List<Delivery<T>> batch) {
    List<AuditEntry> applied = new ArrayList<>();
    for (Delivery<T> d : batch) {
      if (d.fate == Fate.APPLIED) {
        applied.add(auditEntry(flow, d.record, "applied", d.verified ? "verified: " + d.targetRef : d.targetRef));
      }
    }
    return applied;
  }

  /**
   * Decides records whose outcome is unknown: the verifier finds them applied or not; without a
   * verifier an idempotent sink gets them again and any other sink's are dead-lettered as
   * {@value #UNKNOWN_OUTCOME}; when the verifier cannot answer they stay unverified.
   * {@code beforeSending}: the unknown outcome is an earlier delivery's, and a record found
   * missing may be sent now.
   */
  private <T> void resolveUnknown(Flow<T> flow, Run run, List<Delivery<T>> records, boolean beforeSending) {
    if (records.isEmpty()) {
      return;
    }
    metrics.increment("sync.records.unknown_outcome", records.size(), Map.of("flow", flow.name()));
    if (flow.verifier().isEmpty()) {
      for (Delivery<T> d : records) {
        if (flow.idempotent()) {
          // sending an idempotent record again is safe by construction
          if (beforeSending) {
            d.fate = Fate.OPEN;
          } else {
            d.decide(Fate.RETRY, UNKNOWN_OUTCOME, d.detail);
          }
        } else {
          d.decide(Fate.DEAD, UNKNOWN_OUTCOME, "the target may or may not have applied it and the flow has no "
              + "verifier; check the target, then replay or discard (" + d.detail + ")");
          run.unknown++;
          LOG.error("flow {}: {} has an unknown outcome and no verifier; dead-lettered as {}", flow.name(), d.key,
              UNKNOWN_OUTCOME);
        }
      }
      return;
    }
    List<Optional<String>> found;
    try {
      found = resilience.call(flow.endpoint(), flow.lane(),
          () -> flow.verifier().orElseThrow().verify(records.stream().map(d -> d.record).toList()));
      if (found.size() != records.size()) {
        throw new IllegalStateException("verifier returned " + found.size() + " answers for " + records.size()
            + " records");
      }
    } catch (Exception e) {
      LOG.warn("flow {}: cannot verify {} record(s) of unknown outcome now, they wait: {}", flow.name(), records.size(),
          e.toString());
      for (Delivery<T> d : records) {
        d.decide(Fate.UNVERIFIED, UNKNOWN_OUTCOME, "not verified yet (" + e + "); " + d.detail);
      }
      run.problem = "verification unavailable: " + e;
      return;
    }
    for (int k = 0; k < records.size(); k++) {
      Delivery<T> d = records.get(k);
      run.verified++;
      d.verified = true;
      if (found.get(k).isPresent()) {
        d.fate = Fate.APPLIED;
        d.targetRef = found.get(k).get();
      } else if (beforeSending) {
        d.fate = Fate.OPEN;
      } else {
        d.decide(Fate.RETRY, "not_applied", "verified not applied after: " + d.detail);
      }
    }
    metrics.increment("sync.records.verified", records.size(), Map.of("flow", flow.name()));
  }

  /** Ends intents of records known not applied or dead-lettered; keeps unverified ones as unknown. */
  private <T> void finishIntents(Flow<T> flow, Run run, List<Delivery<T>> batch) {
    if (flow.idempotent()) {
      return;
    }
    List<String> end = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Delivery<T> d : batch) {
      if (d.fate == Fate.RETRY || d.fate == Fate.DEAD) {
        end.add(d.key);
      } else if (d.fate == Fate.UNVERIFIED) {
        unknown.add(d.key);
      }
    }
    if (!end.isEmpty()) {
      store.endDelivery(run.owner, end);
    }
    if (!unknown.isEmpty()) {
      store.deliveryOutcomeUnknown(run.owner, unknown, "outcome unknown, not verified yet");
    }
  }

  /**
   * Sends records to the sink under the resilience policies; one result per record. A batch
   * that fails for a permanent reason is split down to single records so that one bad record
   * cannot block the rest (the sink threw, so by its contract none of them was applied). A batch whose outcome is
   * unknown is not split: all its records are unknown. After a transient failure nothing more
   * is sent: the records not sent fail with it.
   */
  private <T> List<SinkResult> applyWithSplit(Flow<T> flow, List<SourceRecord<T>> batch, Run run,
      boolean[] unavailable) {
    if (batch.isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    try {
      run.batches++;
      List<SinkResult> res = resilience.call(flow.endpoint(), flow.lane(), () -> flow.sink().apply(batch));
      if (res.size() != batch.size()) {
        // the records were sent: whatever the sink did, it did not say which
        batchTimer(flow, start, "unknown");
        return unknownAll(batch, new IllegalStateException("sink returned " + res.size() + " results for "
            + batch.size() + " records"));
      }
      batchTimer(flow, start, "ok");
      return res;
    } catch (Exception e) {
      if (classifier().outcomeUnknown(e)) {
        batchTimer(flow, start, "unknown");
        LOG.warn("flow {}: the outcome of a batch of {} is unknown: {}", flow.name(), batch.size(), e.toString());
        return unknownAll(batch, e);
      }
      if (classifier().isTransient(e)) {
        batchTimer(flow, start, "unavailable");
        LOG.warn("flow {}: target unavailable: {}", flow.name(), e.toString());
        unavailable[0] = true;
        run.problem = "target unavailable: " + e;
        return failAll(batch, e);
      }
      batchTimer(flow, start, "failed");
      if (batch.size() == 1) {
        return List.of(SinkResult.failed(e));
      }
      int mid = batch.size() / 2;
      List<SinkResult> all = new ArrayList<>(applyWithSplit(flow, batch.subList(0, mid), run, unavailable));
      if (unavailable[0]) {
        all.addAll(failAll(batch.subList(mid, batch.size()), new java.io.IOException("not sent: " + run.problem)));
      } else {
        all.addAll(applyWithSplit(flow, batch.subList(mid, batch.size()), run, unavailable));
      }
      return all;
    }
  }

  private void batchTimer(Flow<?> flow, long startNanos, String outcome) {
    metrics.record("sync.batch", Duration.ofNanos(System.nanoTime() - startNanos),
        Map.of("flow", flow.name(), "outcome", outcome));
  }

  private static <T> List<SinkResult> unknownAll(List<SourceRecord<T>> batch, Throwable e) {
    List<SinkResult> out = new ArrayList<>(batch.size());
    batch.forEach(r -> out.add(SinkResult.unknown(e)));
    return out;
  }

  private static <T> List<SinkResult> failAll(List<SourceRecord<T>> batch, Throwable e) {
    List<SinkResult> out = new ArrayList<>(batch.size());
    batch.forEach(r -> out.add(SinkResult.failed(e)));
    return out;
  }

  private static Duration backoff(int attempts) {
    long base = Math.min(60_000L, 500L << Math.min(attempts, 7));
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  private <T> void deadLetterNew(Flow<T> flow, SourceRecord<T> r, String errorType, String message, Run run) {
    // records from a pull never were in the outbox: enqueue and dead-letter at once, so the dead
    // letter keeps the payload and can be replayed through the outbox later
    store.deadLetter(toOutbox(flow, r), errorType + ": " + message);
    run.deadLettered++;
    audit(flow, r, "dead_lettered", errorType + ": " + message);
    LOG.warn("flow {}: {} dead-lettered ({}): {}", flow.name(), r.key(), errorType, message);
  }

  private static String errorType(SinkResult res) {
    return res.error().map(e -> e.getClass().getSimpleName()).orElse("refused");
  }

  private <T> void audit(Flow<T> flow, SourceRecord<T> r, String action, String detail) {
    store.append(auditEntry(flow, r, action, detail));
  }

  private <T> AuditEntry auditEntry(Flow<T> flow, SourceRecord<T> r, String action, String detail) {
    String after = r.type().financial() ? flow.codec().encode(r.payload()) : "";
    String correlation = r.correlationId().isEmpty() ? SyncContext.currentCorrelationId().orElse("") : r.correlationId();
    return new AuditEntry(clock.instant(), r.actor().orElse(workerId), action, flow.name(), r.type().name(),
        r.key().idempotencyKey(), correlation, "", after, detail);
  }

  /**
   * The idempotency key of a record within a flow: the same record may go to several flows
   * (a capture flow and its subscribers), each processes it once.
   */
  static String key(Flow<?> flow, SourceRecord<?> r) {
    return flow.name() + "|" + r.idempotencyKey();
  }

  private <T> OutboxEntry toOutbox(Flow<T> flow, SourceRecord<T> r) {
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    headers.put(H_TYPE, r.type().name());
    headers.put(H_SYSTEM, r.key().system());
    headers.put(H_ID, r.key().id());
    headers.put(H_REVISION, r.key().revision());
    headers.put(H_OCCURRED, r.occurredAt().toString());
    if (headers.getOrDefault(H_CORRELATION, "").isEmpty()) {
      headers.put(H_CORRELATION, SyncContext.currentCorrelationId().orElse(""));
    }
    return new OutboxEntry(flow.name(), key(flow, r), r.orderingKey(), flow.codec().encode(r.payload()), headers,
        clock.instant());
  }

  private <T> SourceRecord<T> fromOutbox(Flow<T> flow, ClaimedEntry e) {
    Map<String, String> h = e.headers();
    EventType type = catalog.find(h.getOrDefault(H_TYPE, "")).orElseGet(
        () -> EventType.of(h.getOrDefault(H_TYPE, "unknown"), "event type not in this engine's catalogue"));
    RecordKey key = new RecordKey(h.getOrDefault(H_SYSTEM, "unknown"), h.getOrDefault(H_ID, e.idempotencyKey()),
        h.getOrDefault(H_REVISION, ""));
    Instant at = h.containsKey(H_OCCURRED) ? Instant.parse(h.get(H_OCCURRED)) : clock.instant();
    return new SourceRecord<>(key, type, flow.codec().decode(e.payload()), at, e.orderingKey(), h);
  }

  /** One run: its owner token (for delivery intents), tallies, held leases and how it stopped. */
  private static final class Run {
    final String owner;
    final String flow;
    final String correlationId;
    final Instant startedAt;
    Instant lastLogAt;
    long pulled;
    long applied;
    long skipped;
    long duplicates;
    long deadLettered;
    long batches;
    long verified;
    long unknown;
    long unverified;
    private final long[] reported = new long[4];
    RunReport.Status stop;
    String problem = "";
    private final Set<Long> held = ConcurrentHashMap.newKeySet();

    Run(String owner, String flow, String correlationId, Instant startedAt) {
      this.owner = owner;
      this.flow = flow;
      this.correlationId = correlationId;
      this.startedAt = startedAt;
      this.lastLogAt = startedAt;
    }

    void stop(RunReport.Status status, String why) {
      if (stop != RunReport.Status.FAILED) {
        stop = status;
        problem = why;
      }
    }

    void hold(List<ClaimedEntry> claimed) {
      claimed.forEach(e -> held.add(e.id()));
    }

    void release() {
      held.clear();
    }

    Set<Long> held() {
      return Set.copyOf(held);
    }

    /** Adds what changed since the last flush to the record counters. */
    void flush(SyncMetrics metrics) {
      long[] now = {applied, skipped, duplicates, deadLettered};
      String[] names = {"sync.records.applied", "sync.records.skipped", "sync.records.duplicates",
          "sync.records.dead_lettered"};
      for (int i = 0; i < now.length; i++) {
        if (now[i] != reported[i]) {
          metrics.increment(names[i], now[i] - reported[i], Map.of("flow", flow));
          reported[i] = now[i];
        }
      }
    }

    RunReport report(Duration elapsed) {
      RunReport.Status status = stop == null ? RunReport.Status.COMPLETED : stop;
      return new RunReport(flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed,
          status == RunReport.Status.COMPLETED, verified, unknown + unverified, status,
          status == RunReport.Status.COMPLETED ? "" : problem, correlationId);
    }
  }

  /** Configures a {@link SyncEngine}. */
  public static final class Builder {
    private SyncStore store;
    private Resilience resilience = Resilience.defaults();
    private SyncMetrics metrics = SyncMetrics.noop();
    private EventCatalog catalog = EventCatalog.standard();
    private String workerId = "engine-" + ProcessHandle.current().pid();
    private Duration lease = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();
    private RunListener listener = RunListener.NONE;
    private Duration progressInterval = Duration.ofSeconds(30);

    private Builder() {}

    /** The durable store (required). */
    public Builder store(SyncStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The resilience policies (default {@link Resilience#defaults()}). */
    public Builder resilience(Resilience resilience) {
      this.resilience = Objects.requireNonNull(resilience, "resilience");
      return this;
    }

    /** The metrics hook. */
    public Builder metrics(SyncMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The event catalogue (default {@link EventCatalog#standard()}). */
    public Builder catalog(EventCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /** This engine instance's id in outbox leases and audit entries (default {@code engine-<pid>}). */
    public Builder workerId(String workerId) {
      this.workerId = Objects.requireNonNull(workerId, "workerId");
      return this;
    }

    /**
     * How long claimed outbox work stays reserved to this engine (default 5 min). The engine
     * renews the leases of the records it is applying every third of a lease, so a lease only
     * needs to outlast a stalled renewal; a lease that runs out anyway never leads to a second
     * engine applying the same record (delivery intents, see the class description).
     */
    public Builder lease(Duration lease) {
      Objects.requireNonNull(lease, "lease");
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("lease must be positive");
      }
      this.lease = lease;
      return this;
    }

    /** The clock (for tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Observes runs: start, progress after every batch, end (default none). */
    public Builder listener(RunListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How often a long run logs its progress at INFO (default 30 s, by the engine's clock): done,
     * applied, dead-lettered, rate, and the total and ETA when the source tells what is left.
     */
    public Builder progressInterval(Duration progressInterval) {
      if (progressInterval.isNegative() || progressInterval.isZero()) {
        throw new IllegalArgumentException("progressInterval must be positive");
      }
      this.progressInterval = progressInterval;
      return this;
    }

    /** Builds the engine. */
    public SyncEngine build() {
      return new SyncEngine(this);
    }
  }
}
