package org.odoobuild.connectors.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.odoobuild.connectors.metrics.SyncMetrics;
import org.odoobuild.connectors.resilience.Resilience;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.EventType;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.ClaimedEntry;
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
 * several engines may drain one outbox (work is claimed with leases).
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
 * {@code sync.records.duplicates}, {@code sync.records.dead_lettered} (tag {@code flow}),
 * {@code sync.runs} and timer {@code sync.run} (tags {@code flow}, {@code outcome}: the run's
 * status in lower case), {@code sync.run.failures} (a scheduled run threw), timer
 * {@code sync.batch} (tags {@code flow}, {@code outcome}: {@code ok}, {@code failed},
 * {@code unavailable}); gauges {@code sync.outbox.backlog} and {@code sync.dead_letters} (tag
 * {@code flow}).
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  static final String H_TYPE = "event_type";
  static final String H_SYSTEM = "source_system";
  static final String H_ID = "source_id";
  static final String H_REVISION = "source_revision";
  static final String H_OCCURRED = "occurred_at";
  static final String H_CORRELATION = SyncContext.MDC_CORRELATION;

  private final SyncStore store;
  private final Resilience resilience;
  private final SyncMetrics metrics;
  private final EventCatalog catalog;
  private final String workerId;
  private final Duration lease;
  private final Clock clock;
  private final RunListener listener;
  private final Duration progressInterval;
  private final Map<String, Flow<?>> flows = new ConcurrentHashMap<>();
  private volatile ScheduledExecutorService scheduler;

  private SyncEngine(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store is required");
    this.resilience = b.resilience;
    this.metrics = b.metrics;
    this.catalog = b.catalog;
    this.workerId = b.workerId;
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
   * Pulls the flow's source until it has nothing more, then drains the flow's outbox. Stops
   * early (report {@code completed=false}) when the flow is paused or the target stays
   * unavailable beyond the retry policy; nothing is lost then, the next run resumes. The run is
   * kept in the store's run history ({@link SyncStore#runs}).
   */
  public RunReport run(String flowName) {
    Flow<?> flow = flow(flowName);
    long start = System.nanoTime();
    RunReport r;
    try (SyncContext.Scope scope = SyncContext.enter(flowName, "run")) {
      Counters c = started(flowName, scope);
      boolean completed = flow.source().isEmpty() || pullAll(flow, c);
      if (completed) {
        completed = drainOutbox(flow, c);
      }
      r = c.report(Duration.ofNanos(System.nanoTime() - start), completed);
      finished(r, c.startedAt);
    }
    return r;
  }

  /** Adds a run to the store's run history; a failure there never fails the run. */
  private void keep(RunReport r, Instant startedAt) {
    try {
      store.recordRun(new RunRecord(r.flow(), workerId, startedAt, r.elapsed(), r.pulled(), r.applied(), r.skipped(),
          r.duplicates(), r.deadLettered(), r.completed()));
    } catch (RuntimeException e) {
      LOG.warn("flow {}: run not kept in the run history: {}", r.flow(), e.toString());
    }
  }

  /** Only drains the outbox (pushed and replayed records) of a flow. */
  public RunReport drain(String flowName) {
    Flow<?> flow = flow(flowName);
    long start = System.nanoTime();
    RunReport r;
    try (SyncContext.Scope scope = SyncContext.enter(flowName, "drain")) {
      Counters c = started(flowName, scope);
      r = c.report(Duration.ofNanos(System.nanoTime() - start), drainOutbox(flow, c));
      finished(r, c.startedAt);
    }
    return r;
  }

  private Counters started(String flowName, SyncContext.Scope scope) {
    Counters c = new Counters(flowName, scope.context().correlationId(), clock.instant());
    tell(l -> l.runStarted(flowName, c.correlationId));
    return c;
  }

  private void finished(RunReport r, Instant startedAt) {
    Map<String, String> tags = Map.of("flow", r.flow(), "outcome", r.status().name().toLowerCase(java.util.Locale.ROOT));
    metrics.record("sync.run", r.elapsed(), tags);
    metrics.increment("sync.runs", 1, tags);
    if (r.status() == RunReport.Status.COMPLETED) {
      LOG.info("{} [{}]", r.summary(), r.correlationId());
    } else {
      LOG.warn("{} [{}]{}", r.summary(), r.correlationId(), r.status() == RunReport.Status.FAILED
          ? ": dead letters need an operator (engine.operations().deadLetters(\"" + r.flow() + "\", 50))" : "");
    }
    keep(r, startedAt);
    tell(l -> l.runFinished(r));
  }

  /** After every batch: metrics, the listener, and an INFO line once per progress interval. */
  private void progress(Counters c, OptionalLong remaining) {
    c.flush(metrics);
    Instant now = clock.instant();
    Progress p = new Progress(c.flow, c.correlationId, c.pulled, c.applied, c.deadLettered,
        Duration.between(c.startedAt, now), remaining);
    tell(l -> l.progress(p));
    if (!now.isBefore(c.lastLogAt.plus(progressInterval))) {
      c.lastLogAt = now;
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

  /** Stops the schedule (a run in progress finishes its batch). */
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
  }

  private Flow<?> flow(String name) {
    Flow<?> f = flows.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no flow named '" + name + "'; registered: " + flows.keySet());
    }
    return f;
  }

  // ---- pull mode ------------------------------------------------------------------------

  private <T> boolean pullAll(Flow<T> flow, Counters c) {
    while (true) {
      if (store.paused(flow.name())) {
        LOG.info("flow {} is paused", flow.name());
        c.stoppedBecause = "paused";
        return false;
      }
      Optional<String> cursor = store.cursor(flow.name());
      SourceBatch<T> batch;
      try {
        batch = resilience.call("source:" + flow.name(), flow.lane(),
            () -> flow.source().orElseThrow().pull(cursor, flow.batchSize()));
      } catch (Exception e) {
        LOG.warn("flow {}: source unavailable, stopping this run: {}", flow.name(), e.toString());
        c.stoppedBecause = "source unavailable: " + e;
        return false;
      }
      if (batch.records().isEmpty()) {
        // a source may return an empty page that still moves its cursor (e.g. filtered rows)
        if (!batch.nextCursor().equals(cursor.orElse(""))) {
          store.commit(flow.name(), batch.nextCursor(), Map.of());
        }
        if (batch.hasMore()) {
          continue;
        }
        return true;
      }
      Map<String, String> processed = new LinkedHashMap<>();
      List<SourceRecord<T>> toSend = new ArrayList<>();
      java.util.Set<String> inBatch = new java.util.HashSet<>();
      for (SourceRecord<T> r : batch.records()) {
        c.pulled++;
        String key = key(flow, r);
        if (!inBatch.add(key) || store.seen(key)) {
          c.duplicates++;
          continue;
        }
        List<String> problems = flow.validator().problems(r.payload());
        if (!problems.isEmpty()) {
          deadLetterNew(flow, r, "validation", String.join("; ", problems), 0, c);
          continue;
        }
        toSend.add(r);
      }
      Optional<List<SinkResult>> results = applyWithSplit(flow, toSend, c);
      if (results.isEmpty()) {
        return false; // target unavailable: cursor stays, next run re-pulls this batch
      }
      for (int i = 0; i < toSend.size(); i++) {
        SourceRecord<T> r = toSend.get(i);
        SinkResult res = results.get().get(i);
        switch (res.outcome()) {
          case APPLIED -> {
            c.applied++;
            processed.put(key(flow, r), res.targetRef());
            audit(flow, r, "applied", res.targetRef());
          }
          case SKIPPED -> {
            c.skipped++;
            processed.put(key(flow, r), "skipped: " + res.detail());
          }
          case FAILED -> {
            deadLetterNew(flow, r, errorType(res), res.detail(), 1, c);
          }
        }
      }
      store.commit(flow.name(), batch.nextCursor(), processed);
      progress(c, batch.remaining());
      if (!batch.hasMore()) {
        return true;
      }
    }
  }

  /**
   * Applies a batch under the resilience policies. A batch that fails for a non-transient
   * reason is split down to single records so one bad record cannot block the rest.
   * Empty result: the target stayed unavailable.
   */
  private <T> Optional<List<SinkResult>> applyWithSplit(Flow<T> flow, List<SourceRecord<T>> batch, Counters c) {
    if (batch.isEmpty()) {
      return Optional.of(List.of());
    }
    long start = System.nanoTime();
    try {
      c.batches++;
      List<SinkResult> res = resilience.call(flow.endpoint(), flow.lane(), () -> flow.sink().apply(batch));
      if (res.size() != batch.size()) {
        throw new IllegalStateException("sink returned " + res.size() + " results for " + batch.size() + " records");
      }
      batchTimer(flow, start, "ok");
      return Optional.of(res);
    } catch (Exception e) {
      if (resilience.config().classifier().isTransient(e)) {
        batchTimer(flow, start, "unavailable");
        LOG.warn("flow {}: target unavailable after retries: {}", flow.name(), e.toString());
        c.stoppedBecause = "target unavailable: " + e;
        return Optional.empty();
      }
      batchTimer(flow, start, "failed");
      if (batch.size() == 1) {
        return Optional.of(List.of(SinkResult.failed(e)));
      }
      int mid = batch.size() / 2;
      Optional<List<SinkResult>> left = applyWithSplit(flow, batch.subList(0, mid), c);
      if (left.isEmpty()) {
        return left;
      }
      Optional<List<SinkResult>> right = applyWithSplit(flow, batch.subList(mid, batch.size()), c);
      if (right.isEmpty()) {
        return right;
      }
      List<SinkResult> all = new ArrayList<>(left.get());
      all.addAll(right.get());
      return Optional.of(all);
    }
  }

  private void batchTimer(Flow<?> flow, long startNanos, String outcome) {
    metrics.record("sync.batch", Duration.ofNanos(System.nanoTime() - startNanos),
        Map.of("flow", flow.name(), "outcome", outcome));
  }

  // ---- outbox mode ----------------------------------------------------------------------

  private <T> boolean drainOutbox(Flow<T> flow, Counters c) {
    while (true) {
      if (store.paused(flow.name())) {
        c.stoppedBecause = "paused";
        return false;
      }
      List<ClaimedEntry> claimed = store.claim(flow.name(), workerId, flow.batchSize(), lease);
      if (claimed.isEmpty()) {
        return true;
      }
      List<ClaimedEntry> entries = new ArrayList<>();
      List<SourceRecord<T>> toSend = new ArrayList<>();
      for (ClaimedEntry e : claimed) {
        c.pulled++;
        SourceRecord<T> r;
        try {
          r = fromOutbox(flow, e);
        } catch (RuntimeException ex) {
          store.deadLetter(e.id(), workerId, "undecodable: " + ex.getMessage());
          c.deadLettered++;
          continue;
        }
        if (store.seen(key(flow, r))) {
          store.complete(e.id(), workerId);
          c.duplicates++;
          continue;
        }
        List<String> problems = flow.validator().problems(r.payload());
        if (!problems.isEmpty()) {
          store.deadLetter(e.id(), workerId, "validation: " + String.join("; ", problems));
          c.deadLettered++;
          continue;
        }
        entries.add(e);
        toSend.add(r);
      }
      Optional<List<SinkResult>> results = applyWithSplit(flow, toSend, c);
      if (results.isEmpty()) {
        Instant retryAt = clock.instant().plus(backoff(entries.isEmpty() ? 0 : entries.get(0).attempts()));
        for (ClaimedEntry e : entries) {
          store.fail(e.id(), workerId, "target unavailable", retryAt);
        }
        progress(c, OptionalLong.empty());
        return false;
      }
      for (int i = 0; i < entries.size(); i++) {
        ClaimedEntry e = entries.get(i);
        SourceRecord<T> r = toSend.get(i);
        SinkResult res = results.get().get(i);
        switch (res.outcome()) {
          case APPLIED, SKIPPED -> {
            store.markProcessed(key(flow, r), res.outcome() == SinkResult.Outcome.APPLIED ? res.targetRef()
                : "skipped: " + res.detail());
            store.complete(e.id(), workerId);
            if (res.outcome() == SinkResult.Outcome.APPLIED) {
              c.applied++;
              audit(flow, r, "applied", res.targetRef());
            } else {
              c.skipped++;
            }
          }
          case FAILED -> {
            boolean transientFailure = res.error().map(resilience.config().classifier()::isTransient).orElse(false);
            if (transientFailure && e.attempts() + 1 < flow.maxDeliveries()) {
              store.fail(e.id(), workerId, res.detail(), clock.instant().plus(backoff(e.attempts())));
            } else {
              store.deadLetter(e.id(), workerId, errorType(res) + ": " + res.detail());
              c.deadLettered++;
              audit(flow, r, "dead_lettered", res.detail());
            }
          }
        }
      }
      progress(c, OptionalLong.empty());
    }
  }

  private static Duration backoff(int attempts) {
    long base = Math.min(60_000L, 500L << Math.min(attempts, 7));
    return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  private <T> void deadLetterNew(Flow<T> flow, SourceRecord<T> r, String errorType, String message, int attempts,
      Counters c) {
    // records from a pull never were in the outbox: enqueue and dead-letter at once, so the dead
    // letter keeps the payload and can be replayed through the outbox later
    store.deadLetter(toOutbox(flow, r), errorType + ": " + message);
    c.deadLettered++;
    audit(flow, r, "dead_lettered", errorType + ": " + message);
    LOG.warn("flow {}: {} dead-lettered ({}): {}", flow.name(), r.key(), errorType, message);
  }

  private static String errorType(SinkResult res) {
    return res.error().map(e -> e.getClass().getSimpleName()).orElse("refused");
  }

  private <T> void audit(Flow<T> flow, SourceRecord<T> r, String action, String detail) {
    String after = r.type().financial() ? flow.codec().encode(r.payload()) : "";
    String correlation = r.correlationId().isEmpty() ? SyncContext.currentCorrelationId().orElse("") : r.correlationId();
    store.append(new AuditEntry(clock.instant(), r.actor().orElse(workerId), action, flow.name(), r.type().name(),
        r.key().idempotencyKey(), correlation, "", after, detail));
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

  /** Per-run tallies. */
  private static final class Counters {
    final String flow;
    final String correlationId;
    final Instant startedAt;
    Instant lastLogAt;
    String stoppedBecause = "";
    long pulled;
    long applied;
    long skipped;
    long duplicates;
    long deadLettered;
    long batches;
    private final long[] reported = new long[4];

    Counters(String flow, String correlationId, Instant startedAt) {
      this.flow = flow;
      this.correlationId = correlationId;
      this.startedAt = startedAt;
      this.lastLogAt = startedAt;
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

    RunReport report(Duration elapsed, boolean completed) {
      return new RunReport(flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed, completed,
          correlationId, completed ? "" : stoppedBecause);
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

    /** How long claimed outbox work stays reserved to this engine (default 5 min). */
    public Builder lease(Duration lease) {
      this.lease = Objects.requireNonNull(lease, "lease");
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
