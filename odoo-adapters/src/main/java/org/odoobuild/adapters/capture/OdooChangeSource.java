package org.odoobuild.adapters.capture;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.client.Context;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooDates;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.access.AccessNeed;
import org.odoobuild.connectors.access.AccessNeeds;
import org.odoobuild.connectors.spi.EventCatalog;
import org.odoobuild.connectors.spi.RecordKey;
import org.odoobuild.connectors.spi.Source;
import org.odoobuild.connectors.spi.SourceBatch;
import org.odoobuild.connectors.spi.SourceRecord;

/**
 * Incremental change capture from any Odoo model, as a connector {@link Source}. The cursor is
 * the pair ({@code write_date}, {@code id}), so rows written in the same second are neither
 * lost nor repeated; each scan starts an overlap window before the high-water mark to catch
 * rows committed late (long transactions, clock skew), and rows already captured at the same
 * {@code write_date} are dropped. Archived records are scanned too ({@code active_test=False})
 * and reported as archivals; hard deletes are found by comparing the captured id set with
 * Odoo's, every {@link Builder#deletionCheckEvery(Duration)}.
 * <pre>{@code
 * Source<OdooChange> pos = OdooChangeSource.builder(odoo, "purchase.order")
 *     .fields("name", "state", "partner_id", "amount_total").snapshots(snapshots).build();
 * }</pre>
 */
public final class OdooChangeSource implements Source<OdooChange>, AccessNeeds {
  /** Snapshot key holding the captured {@code write_date}. */
  static final String WRITE_DATE = "write_date";
  /** The field naming who last wrote a record (echo suppression). */
  static final String WRITE_UID = "write_uid";

  private final OdooModel model;
  private final List<String> fields;
  private final Domain scope;
  private final Duration overlap;
  private final SnapshotStore snapshots;
  private final Duration deletionCheckEvery;
  private final Clock clock;
  private final java.util.function.Function<Record, Optional<?>> canonical;
  private final Set<Long> ignoredWriters;

  private OdooChangeSource(Builder b) {
    this.model = b.odoo.model(b.model).withContext(Context.empty().activeTest(false));
    Set<String> f = new LinkedHashSet<>(b.fields);
    f.add(WRITE_DATE);
    f.add("create_date");
    if (b.trackActive) {
      f.add("active");
    }
    this.ignoredWriters = Set.copyOf(b.ignoredWriters);
    if (!ignoredWriters.isEmpty()) {
      f.add(WRITE_UID);
    }
    this.fields = List.copyOf(f);
    this.scope = b.scope;
    this.overlap = b.overlap;
    this.snapshots = b.snapshots;
    this.deletionCheckEvery = b.deletionCheckEvery;
    this.clock = b.clock;
    this.canonical = b.canonical;
  }

  /** A builder for capturing {@code model}. */
  public static Builder builder(OdooClient odoo, String model) {
    return new Builder(odoo, model);
  }

  /** The model captured. */
  public String model() {
    return model.name();
  }

  /** Read on the captured model. */
  @Override
  public List<AccessNeed> accessNeeds() {
    return List.of(AccessNeed.read(model.name()));
  }

  /** The snapshot store (the {@link ChangeEventSink} updates it after events are accepted). */
  public SnapshotStore snapshots() {
    return snapshots;
  }

  @Override
  public SourceBatch<OdooChange> pull(Optional<String> cursorText, int max) {
    Cursor cur = cursorText.map(Cursor::parse).orElse(Cursor.START);
    if (!cur.scanning) {
      String from = cur.hwm.isEmpty() ? "" : minus(cur.hwm, overlap);
      cur = new Cursor(true, from, 0, cur.hwm, cur.lastDeletionCheck);
    }
    Domain d = scope;
    if (!cur.scanWd.isEmpty()) {
      Domain after = Domain.where(WRITE_DATE, ">", cur.scanWd)
          .or(Domain.where(WRITE_DATE, "=", cur.scanWd).and(Domain.where("id", ">", cur.scanId)));
      d = d.and(after);
    }
    List<Record> rows = model.searchRead(Query.where(d).fields(fields).order("write_date asc, id asc").limit(max));
    List<SourceRecord<OdooChange>> out = new ArrayList<>(rows.size());
    String wd = cur.scanWd;
    long id = cur.scanId;
    String hwm = cur.hwm;
    for (Record r : rows) {
      wd = r.getString(WRITE_DATE).orElse(wd);
      id = r.id();
      if (wd.compareTo(hwm) > 0) {
        hwm = wd;
      }
      Map<String, Object> values = new LinkedHashMap<>(r.asMap());
      Optional<Map<String, Object>> prev = snapshots.get(model.name(), r.id());
      if (prev.isPresent() && Objects.equals(prev.get().get(WRITE_DATE), values.get(WRITE_DATE))) {
        continue; // captured before (overlap window)
      }
      if (echo(r)) {
        snapshots.put(model.name(), r.id(), values); // our own write: the baseline moves, no event
        continue;
      }
      OdooChange.Kind kind = kind(values, prev);
      Optional<Object> entity = canonical.apply(r).map(Object.class::cast);
      out.add(record(new OdooChange(model.name(), r.id(), kind, instant(wd), values, prev.orElse(Map.of()), entity)));
    }
    boolean more = rows.size() >= max;
    if (more) {
      return new SourceBatch<>(out, new Cursor(true, wd, id, hwm, cur.lastDeletionCheck).format(), true);
    }
    long now = clock.instant().getEpochSecond();
    long lastCheck = cur.lastDeletionCheck;
    if (now - lastCheck >= deletionCheckEvery.getSeconds()) {
      out.addAll(deletions());
      lastCheck = now;
    }
    return new SourceBatch<>(out, new Cursor(false, "", 0, hwm, lastCheck).format(), false);
  }

  /** Whether the row was last written by one of the ignored users (the SDK's own integration user). */
  private boolean echo(Record r) {
    return !ignoredWriters.isEmpty() && r.getMany2one(WRITE_UID).map(w -> ignoredWriters.contains(w.id())).orElse(false);
  }

  private List<SourceRecord<OdooChange>> deletions() {
    Set<Long> known = snapshots.ids(model.name());
    if (known.isEmpty()) {
      return List.of();
    }
    Set<Long> present = new HashSet<>(model.search(Query.where(scope)));
    List<SourceRecord<OdooChange>> out = new ArrayList<>();
    Instant now = clock.instant();
    for (long id : known) {
      if (!present.contains(id)) {
        Map<String, Object> prev = snapshots.get(model.name(), id).orElse(Map.of());
        out.add(record(new OdooChange(model.name(), id, OdooChange.Kind.DELETED, now, Map.of(), prev)));
      }
    }
    return out;
  }

  private static OdooChange.Kind kind(Map<String, Object> values, Optional<Map<String, Object>> prev) {
    if (prev.isEmpty()) {
      return OdooChange.Kind.CREATED;
    }
    Object was = prev.get().get("active");
    Object is = values.get("active");
    if (Boolean.TRUE.equals(was) && Boolean.FALSE.equals(is)) {
      return OdooChange.Kind.ARCHIVED;
    }
    if (Boolean.FALSE.equals(was) && Boolean.TRUE.equals(is)) {
      return OdooChange.Kind.UNARCHIVED;
    }
    return OdooChange.Kind.UPDATED;
  }

  private SourceRecord<OdooChange> record(OdooChange c) {
    String revision = c.kind() == OdooChange.Kind.DELETED ? "deleted"
        : String.valueOf(c.values().getOrDefault(WRITE_DATE, ""));
    return new SourceRecord<>(new RecordKey("odoo:" + c.model(), Long.toString(c.id()), revision),
        EventCatalog.MASTER_DATA_CHANGED, c, c.writeDate(), c.model() + "," + c.id(), Map.of("change", c.kind().name()));
  }

  private static Instant instant(String odooDateTime) {
    if (odooDateTime.isEmpty()) {
      return Instant.EPOCH;
    }
    return OdooDates.parseInstant(odooDateTime);
  }

  private static String minus(String odooDateTime, Duration d) {
    return OdooDates.formatDateTime(instant(odooDateTime).minus(d));
  }

  /** Scan position, high-water mark and last deletion check, as text {@code v1|scanning|wd|id|hwm|check}. */
  record Cursor(boolean scanning, String scanWd, long scanId, String hwm, long lastDeletionCheck) {
    static final Cursor START = new Cursor(false, "", 0, "", 0);

    String format() {
      return "v1|" + (scanning ? 1 : 0) + "|" + scanWd + "|" + scanId + "|" + hwm + "|" + lastDeletionCheck;
    }

    static Cursor parse(String text) {
      String[] p = text.split("\\|", -1);
      if (p.length != 6 || !p[0].equals("v1")) {
        throw new IllegalArgumentException("not a change-capture cursor: '" + text + "'");
      }
      return new Cursor(p[1].equals("1"), p[2], Long.parseLong(p[3]), p[4], Long.parseLong(p[5]));
    }
  }

  /** Configures an {@link OdooChangeSource}. */
  public static final class Builder {
    private final OdooClient odoo;
    private final String model;
    private final List<String> fields = new ArrayList<>();
    private Domain scope = Domain.all();
    private Duration overlap = Duration.ofSeconds(60);
    private SnapshotStore snapshots = new InMemorySnapshotStore();
    private Duration deletionCheckEvery = Duration.ofMinutes(15);
    private boolean trackActive = true;
    private Clock clock = Clock.systemUTC();
    private java.util.function.Function<Record, Optional<?>> canonical = r -> Optional.empty();
    private final Set<Long> ignoredWriters = new HashSet<>();

    private Builder(OdooClient odoo, String model) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The fields to capture (projection); {@code write_date}, {@code create_date} and {@code active} are added. */
    public Builder fields(String... names) {
      fields.addAll(List.of(names));
      return this;
    }

    /** Only records in this domain. */
    public Builder scope(Domain scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /** How far before the high-water mark each scan starts (default 60 s). */
    public Builder overlap(Duration overlap) {
      this.overlap = Objects.requireNonNull(overlap, "overlap");
      return this;
    }

    /** Where snapshots live (default in memory; use {@link JdbcSnapshotStore} to survive restarts). */
    public Builder snapshots(SnapshotStore snapshots) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      return this;
    }

    /** How often hard deletes are looked for (default 15 min; zero: at the end of every scan). */
    public Builder deletionCheckEvery(Duration every) {
      this.deletionCheckEvery = Objects.requireNonNull(every, "every");
      return this;
    }

    /** Whether the model has {@code active} (default true; switch off for models without it). */
    public Builder trackActive(boolean trackActive) {
      this.trackActive = trackActive;
      return this;
    }

    /** The clock (for tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Turns each captured row into its canonical entity (e.g. with a canonical-model mapping:
     * {@code r -> mapping.decode(r, ctx).value()}); empty when the row does not map.
     */
    public Builder canonical(java.util.function.Function<Record, Optional<?>> mapper) {
      this.canonical = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * Suppresses echoes: rows last written by this user are not reported as changes (their
     * snapshot still moves, so the next real change is diffed against what the SDK wrote). Give
     * the SDK's writers a dedicated integration user and name it here.
     *
     * @param uid the user id whose writes are the SDK's own
     * @return this builder
     */
    public Builder ignoreWritesBy(long uid) {
      ignoredWriters.add(uid);
      return this;
    }

    /**
     * Suppresses echoes of the writes made with this source's own client ({@link OdooClient#uid()}):
     * use it when the sinks and the capture share the integration user.
     *
     * @return this builder
     */
    public Builder ignoreOwnWrites() {
      return ignoreWritesBy(odoo.uid());
    }

    /** Builds the source. */
    public OdooChangeSource build() {
      return new OdooChangeSource(this);
    }
  }
}
