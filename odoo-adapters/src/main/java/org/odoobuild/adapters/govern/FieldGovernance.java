package org.odoobuild.adapters.govern;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.odoobuild.adapters.internal.Json;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.ownership.OwnershipConflict;
import org.odoobuild.connectors.ownership.OwnershipPolicy;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.store.AuditEntry;

/**
 * Field-level governance of the writes a sink makes into Odoo: before a batch is loaded, the
 * current values of its records are read (one {@code ir.model.data} lookup and one {@code read}
 * per model), fields owned by another system ({@link OwnershipPolicy}) are withheld from
 * records that exist, and every difference between a withheld value and the owner's value is
 * reported as an {@link OwnershipConflict} (both values); after the load, one audit line per
 * changed record holds the before and after values of exactly the fields that changed, with the
 * acting principal of the source event ({@link SourceRecord#actor()}, else the writing system)
 * and its correlation id.
 *
 * <p>Relational columns ({@code partner_id/id}) owned elsewhere are withheld without a conflict
 * (their external ids are not compared); their before values are audited by display name.
 * Thread-safe when its consumers are.
 * <pre>{@code
 * FieldGovernance gov = FieldGovernance.builder(odoo, "procore").ownership(owners)
 *     .onConflict(cases::ownershipConflict).audit(store::append).build();
 * Sink<Vendor> sink = EntitySink.of(odoo, Vendor.class).governed(gov);
 * }</pre>
 */
public final class FieldGovernance {
  /** The header carrying the correlation id (as the sync engine sets it). */
  public static final String CORRELATION = "correlation_id";
  private final OdooClient odoo;
  private final String writer;
  private final OwnershipPolicy ownership;
  private final Consumer<OwnershipConflict> conflicts;
  private final Optional<Consumer<AuditEntry>> audit;
  private final Clock clock;

  private FieldGovernance(Builder b) {
    this.odoo = b.odoo;
    this.writer = b.writer;
    this.ownership = b.ownership;
    this.conflicts = b.conflicts;
    this.audit = b.audit;
    this.clock = b.clock;
  }

  /**
   * A builder.
   *
   * @param odoo the client current values are read with
   * @param writer the name of the system this sink writes for (as used in the ownership policy)
   * @return the builder
   */
  public static Builder builder(OdooClient odoo, String writer) {
    return new Builder(odoo, writer);
  }

  /** The writing system's name. */
  public String writer() {
    return writer;
  }

  /**
   * Reads the current values of a batch's records and withholds fields owned elsewhere;
   * conflicts go to the conflict consumer at once.
   *
   * @param rows the rows about to be loaded
   * @return the reviewed batch (its {@link Batch#rows()} are what to load)
   */
  public Batch review(List<LoadRecord> rows) {
    Map<String, Map<String, String>> current = currentValues(rows);
    List<LoadRecord> out = new ArrayList<>(rows.size());
    Map<String, List<String>> withheld = new HashMap<>();
    for (LoadRecord r : rows) {
      Optional<Map<String, String>> now = Optional.ofNullable(current.get(r.externalId()));
      Map<String, String> plain = new LinkedHashMap<>();
      Map<String, String> relational = new LinkedHashMap<>();
      r.values().forEach((k, v) -> (k.contains("/") ? relational : plain).put(k, v));
      OwnershipPolicy.Review review = ownership.review(writer, r.model(), r.externalId(), plain, now);
      review.conflicts().forEach(conflicts);
      Map<String, String> keep = new LinkedHashMap<>(review.allowed());
      List<String> held = new ArrayList<>(review.withheld());
      relational.forEach((k, v) -> {
        if (now.isEmpty() || ownership.mayOverwrite(writer, r.model(), field(k))) {
          keep.put(k, v);
        } else {
          held.add(k);
        }
      });
      Map<String, String> ordered = new LinkedHashMap<>();
      r.values().keySet().stream().filter(keep::containsKey).forEach(k -> ordered.put(k, keep.get(k)));
      withheld.put(r.externalId(), List.copyOf(held));
      out.add(new LoadRecord(r.model(), r.externalId(), ordered, r.linesField(), r.lines()));
    }
    return new Batch(out, current, withheld);
  }

  /**
   * Writes the audit line of one loaded record: the fields whose values changed, before and after.
   * Nothing is written when nothing changed or no audit consumer is configured.
   *
   * @param batch the reviewed batch
   * @param source the source record the row came from
   * @param outcome the load outcome of the row
   */
  public void audit(Batch batch, SourceRecord<?> source, UpsertOutcome outcome) {
    if (audit.isEmpty() || !outcome.isSuccess()) {
      return;
    }
    LoadRecord sent = batch.rows.stream().filter(r -> r.externalId().equals(outcome.externalId())).findFirst()
        .orElse(null);
    if (sent == null) {
      return;
    }
    Map<String, String> was = batch.current.getOrDefault(sent.externalId(), Map.of());
    Map<String, String> before = new LinkedHashMap<>();
    Map<String, String> after = new LinkedHashMap<>();
    sent.values().forEach((k, v) -> {
      String old = was.getOrDefault(k, "");
      if (!old.equals(v)) {
        before.put(k, old);
        after.put(k, v);
      }
    });
    List<String> held = batch.withheld.getOrDefault(sent.externalId(), List.of());
    if (after.isEmpty() && held.isEmpty()) {
      return;
    }
    String ref = sent.model() + "," + outcome.odooId().map(String::valueOf).orElse("");
    audit.get().accept(new AuditEntry(clock.instant(), source.actor().orElse(writer),
        batch.current.containsKey(sent.externalId()) ? "updated" : "created", writer, sent.model(), sent.externalId(),
        source.headers().getOrDefault(CORRELATION, ""), json(before), json(after),
        held.isEmpty() ? ref : ref + "; withheld (owned elsewhere): " + String.join(", ", held)));
  }

  private static String field(String column) {
    int slash = column.indexOf('/');
    return slash < 0 ? column : column.substring(0, slash);
  }

  /** External id → column → current import text, for the rows' records that exist. */
  private Map<String, Map<String, String>> currentValues(List<LoadRecord> rows) {
    Map<String, List<LoadRecord>> byModel = new LinkedHashMap<>();
    rows.forEach(r -> byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r));
    Map<String, Map<String, String>> out = new HashMap<>();
    byModel.forEach((model, list) -> {
      Set<String> names = new LinkedHashSet<>();
      list.forEach(r -> names.add(r.externalId().substring(r.externalId().indexOf('.') + 1)));
      Map<String, Long> ids = new HashMap<>();
      for (Record x : odoo.model("ir.model.data").searchRead(Query.where(Domain.where("model", "=", model)
          .and(Domain.where("name", "in", List.copyOf(names)))).fields("module", "name", "res_id"))) {
        ids.put(x.getString("module").orElse("") + "." + x.getString("name").orElse(""), x.getLong("res_id"));
      }
      if (ids.isEmpty()) {
        return;
      }
      Set<String> fields = new LinkedHashSet<>();
      list.forEach(r -> r.values().keySet().forEach(k -> fields.add(field(k))));
      Map<Long, Record> read = new HashMap<>();
      odoo.model(model).read(new LinkedHashSet<>(ids.values()), List.copyOf(fields)).forEach(x -> read.put(x.id(), x));
      for (LoadRecord r : list) {
        Long id = ids.get(r.externalId());
        Record x = id == null ? null : read.get(id);
        if (x == null) {
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : r.values().keySet()) {
          String f = field(column);
          values.put(column, column.contains("/")
              ? x.getMany2one(f).map(m -> m.displayName()).orElse("")
              : LoadRecord.importText(x.get(f).orElse(null)));
        }
        out.put(r.externalId(), values);
      }
    });
    return out;
  }

  private static String json(Map<String, String> m) {
    try {
      return Json.MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an audit value", e);
    }
  }

  @Override
  public String toString() {
    return "FieldGovernance{writer=" + writer + "}";
  }

  /** A batch after review: the rows to load, and what the review read and withheld (for the audit). */
  public static final class Batch {
    private final List<LoadRecord> rows;
    private final Map<String, Map<String, String>> current;
    private final Map<String, List<String>> withheld;

    private Batch(List<LoadRecord> rows, Map<String, Map<String, String>> current, Map<String, List<String>> withheld) {
      this.rows = List.copyOf(rows);
      this.current = current;
      this.withheld = withheld;
    }

    /** The rows to load (fields owned elsewhere removed). */
    public List<LoadRecord> rows() {
      return rows;
    }

    /**
     * The fields withheld from a record.
     *
     * @param externalId the record's external id
     * @return the withheld columns, possibly none
     */
    public List<String> withheld(String externalId) {
      return withheld.getOrDefault(externalId, List.of());
    }
  }

  /** Configures a {@link FieldGovernance}; not thread-safe. */
  public static final class Builder {
    private final OdooClient odoo;
    private final String writer;
    private OwnershipPolicy ownership = OwnershipPolicy.open();
    private Consumer<OwnershipConflict> conflicts = c -> { };
    private Optional<Consumer<AuditEntry>> audit = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder(OdooClient odoo, String writer) {
      this.odoo = Objects.requireNonNull(odoo, "odoo");
      this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The ownership policy (default: nobody owns anything). */
    public Builder ownership(OwnershipPolicy policy) {
      this.ownership = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Where conflicts go (e.g. a case service opening an exception case); default: dropped. */
    public Builder onConflict(Consumer<OwnershipConflict> consumer) {
      this.conflicts = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /** Where field-level audit lines go (e.g. {@code store::append}); default: none. */
    public Builder audit(Consumer<AuditEntry> consumer) {
      this.audit = Optional.of(Objects.requireNonNull(consumer, "consumer"));
      return this;
    }

    /** The clock of audit lines. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds it. */
    public FieldGovernance build() {
      return new FieldGovernance(this);
    }
  }
}
