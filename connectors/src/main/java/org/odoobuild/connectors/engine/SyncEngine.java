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
import org.odoobuild.connectors.store.RunRecord;
import org.odoobuild.connectors.store.SyncStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
 * RunReport report = engine.run("vendors");
 * }</pre>
 */
public final class SyncEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  static final String H_TYPE = "event_type";
  static final String H_SYSTEM = "source_system";
  static final String H_ID = "source_id";
  static final String H_REVISION = "source_revision";
  static final String H_OCCURRED = "occurred_at";
  static final String H_CORRELATION = "correlation_id";

  private final SyncStore store;
  private final Resilience resilience;
  private final SyncMetrics metrics;
  private final EventCatalog catalog;
  private final String workerId;
  private final Duration lease;
  private final Clock clock;
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
    Counters c = new Counters();
    Instant startedAt = clock.instant();
    long start = System.nanoTime();
    boolean completed;
    try (MdcScope ignored = MdcScope.flow(flowName)) {
      completed = flow.source().isEmpty() || pullAll(flow, c);
      if (completed) {
        completed = drainOutbox(flow, c);
      }
    }
    RunReport r = c.report(flowName, Duration.ofNanos(System.nanoTime() - start), completed);
    metrics.record("sync.run", r.elapsed(), Map.of("flow", flowName));
    LOG.info("{}", r.summary());
    keep(r, startedAt);
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
    Counters c = new Counters();
    Instant startedAt = clock.instant();
    long start = System.nanoTime();
    boolean completed;
    try (MdcScope ignored = MdcScope.flow(flowName)) {
      completed = drainOutbox(flow, c);
    }
    RunReport r = c.report(flowName, Duration.ofNanos(System.nanoTime() - start), completed);
    keep(r, startedAt);
    return r;
  }

  /**
   * Accepts a pushed record (e.g. from a webhook) into the flow's durable outbox. Returns false
   * when a record with the same idempotency key was accepted before (nothing changes then).
   */
  public <T> boolean accept(String flowName, SourceRecord<T> record) {
    @SuppressWarnings("unchecked")
    Flow<T> flow = (Flow<T>) flow(flowName);
    catalog.require(record.type().name());
    boolean added = store.enqueue(toOutbox(flow, record));
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
        return false;
      }
      Optional<String> cursor = store.cursor(flow.name());
      SourceBatch<T> batch;
      try {
        batch = resilience.call("source:" + flow.name(), flow.lane(),
            () -> flow.source().orElseThrow().pull(cursor, flow.batchSize()));
      } catch (Exception e) {
        LOG.warn("flow {}: source unavailable, stopping this run: {}", flow.name(), e.toString());
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
      metrics.increment("sync.records.applied", c.appliedDelta(), Map.of("flow", flow.name()));
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
    try {
      c.batches++;
      List<SinkResult> res = resilience.call(flow.endpoint(), flow.lane(), () -> flow.sink().apply(batch));
      if (res.size() != batch.size()) {
        throw new IllegalStateException("sink returned " + res.size() + " results for " + batch.size() + " records");
      }
      return Optional.of(res);
    } catch (Exception e) {
      if (resilience.config().classifier().isTransient(e)) {
        LOG.warn("flow {}: target unavailable after retries: {}", flow.name(), e.toString());
        return Optional.empty();
      }
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

  // ---- outbox mode ----------------------------------------------------------------------

  private <T> boolean drainOutbox(Flow<T> flow, Counters c) {
    while (true) {
      if (store.paused(flow.name())) {
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
    store.append(new AuditEntry(clock.instant(), r.actor().orElse(workerId), action, flow.name(), r.type().name(),
        r.key().idempotencyKey(), Optional.ofNullable(MDC.get(H_CORRELATION)).orElse(""), "", after, detail));
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
    headers.putIfAbsent(H_CORRELATION, Optional.ofNullable(MDC.get(H_CORRELATION)).orElse(""));
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
    long pulled;
    long applied;
    long skipped;
    long duplicates;
    long deadLettered;
    long batches;
    private long lastApplied;

    long appliedDelta() {
      long d = applied - lastApplied;
      lastApplied = applied;
      return d;
    }

    RunReport report(String flow, Duration elapsed, boolean completed) {
      return new RunReport(flow, pulled, applied, skipped, duplicates, deadLettered, batches, elapsed, completed);
    }
  }

  /** Sets and restores the MDC keys of a run. */
  private static final class MdcScope implements AutoCloseable {
    private final boolean ownCorrelation;

    private MdcScope(String flow) {
      MDC.put("flow", flow);
      ownCorrelation = MDC.get(H_CORRELATION) == null;
      if (ownCorrelation) {
        MDC.put(H_CORRELATION, "run-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
      }
    }

    static MdcScope flow(String flow) {
      return new MdcScope(flow);
    }

    @Override
    public void close() {
      MDC.remove("flow");
      if (ownCorrelation) {
        MDC.remove(H_CORRELATION);
      }
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

    /** Builds the engine. */
    public SyncEngine build() {
      return new SyncEngine(this);
    }
  }
}
