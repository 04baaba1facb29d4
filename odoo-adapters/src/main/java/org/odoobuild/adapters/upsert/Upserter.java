package org.odoobuild.adapters.upsert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.adapters.mapping.LoadRecord;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooMapping;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.OdooClient;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;

/**
 * The one writer of records into Odoo by external id, through {@code load(fields, rows)}: every
 * record's {@code id} column is its deterministic external id, so sending it again updates it
 * instead of duplicating it, and a {@code load} may be re-sent safely.
 *
 * <ul>
 *   <li>Canonical records are validated and mapped first: invalid data never reaches Odoo.</li>
 *   <li>Records are grouped by their set of columns, so a column a record did not send is never
 *       sent as empty (which would clear the field in Odoo), then batched ({@link #batchSize}).</li>
 *   <li>Odoo imports nothing from a call with an error. The records it refused are reported one
 *       by one with Odoo's messages ({@link UpsertOutcome.Status#REJECTED}); the others are loaded
 *       again without them, until a call succeeds. When Odoo names no record, every record of
 *       the call is rejected with its message.</li>
 *   <li>A failed call (transport, server) is not swallowed: its {@code OdooException} propagates,
 *       after the client's own retries, so the caller (e.g. the sync engine) decides.</li>
 * </ul>
 *
 * <p>Thread-safe when its load function is.
 * <pre>{@code
 * Upserter up = Upserter.forClient(client);
 * MappingContext ctx = MappingContext.live(client, new InMemoryReferences());
 * List<UpsertOutcome> out = up.upsert(new VendorMapping(), vendors, ctx);
 * }</pre>
 */
public final class Upserter {
  /** Default number of records per load call. */
  public static final int DEFAULT_BATCH = 200;
  private final LoadFunction loader;
  private final int batchSize;

  /** The transport of a load call (a client's {@code OdooModel.load}, or a fake in tests). */
  @FunctionalInterface
  public interface LoadFunction {
    /** Runs {@code model.load(fields, rows)}. */
    LoadResult load(String model, List<String> fields, List<List<Object>> rows);
  }

  /** An upserter over any load transport. */
  public Upserter(LoadFunction loader, int batchSize) {
    this.loader = Objects.requireNonNull(loader, "loader");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.batchSize = batchSize;
  }

  /** An upserter writing through a client, {@value #DEFAULT_BATCH} records per call. */
  public static Upserter forClient(OdooClient client) {
    return forClient(client, DEFAULT_BATCH);
  }

  /** An upserter writing through a client, {@code batchSize} records per call. */
  public static Upserter forClient(OdooClient client, int batchSize) {
    Objects.requireNonNull(client, "client");
    return new Upserter((model, fields, rows) -> client.model(model).load(fields, rows), batchSize);
  }

  /** The number of records per load call. */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Validates, maps and loads canonical records (after their {@link OdooMapping#prerequisites});
   * one outcome per input record, in input order.
   */
  public <T extends CanonicalEntity> List<UpsertOutcome> upsert(OdooMapping<T> mapping, List<? extends T> records, MappingContext ctx) {
    return upsert(mapping, records, ctx, rows -> rows);
  }

  /**
   * Like {@link #upsert(OdooMapping, List, MappingContext)}, with the mapped rows passed through
   * {@code review} just before they are loaded (e.g. to withhold fields another system owns);
   * the review returns one row per row, in order, for the same external ids.
   */
  public <T extends CanonicalEntity> List<UpsertOutcome> upsert(OdooMapping<T> mapping, List<? extends T> records,
      MappingContext ctx, java.util.function.UnaryOperator<List<LoadRecord>> review) {
    Objects.requireNonNull(review, "review");
    UpsertOutcome[] out = new UpsertOutcome[records.size()];
    List<Pending> ready = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      T rec = records.get(i);
      List<Violation> invalid = rec.validate().violations();
      if (!invalid.isEmpty()) {
        out[i] = new UpsertOutcome(i, rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.INVALID, Optional.empty(), invalid);
        continue;
      }
      Parsed<LoadRecord> lr = mapping.encodeForLoad(rec, ctx);
      if (lr.value().isEmpty()) {
        out[i] = new UpsertOutcome(i, rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.UNMAPPABLE, Optional.empty(),
            lr.violations());
        continue;
      }
      ready.add(new Pending(i, rec.idempotencyKey(), lr.value().get()));
    }
    ready = withPrerequisites(mapping, records, ready, ctx, out);
    if (!ready.isEmpty()) {
      List<LoadRecord> reviewed = review.apply(ready.stream().map(p -> p.row).toList());
      if (reviewed.size() != ready.size()) {
        throw new IllegalStateException("a review must return one row per row");
      }
      List<Pending> kept = new ArrayList<>(ready.size());
      for (int k = 0; k < ready.size(); k++) {
        Pending p = ready.get(k);
        if (!reviewed.get(k).externalId().equals(p.row.externalId())) {
          throw new IllegalStateException("a review must keep each row's external id");
        }
        kept.add(new Pending(p.index, p.idempotencyKey, reviewed.get(k)));
      }
      ready = kept;
    }
    loadAll(ready, out);
    return List.of(out);
  }

  /**
   * Loads the records' {@link OdooMapping#prerequisites} first (each distinct one once); a record
   * whose prerequisite Odoo refused is rejected with that refusal and not sent.
   */
  private <T extends CanonicalEntity> List<Pending> withPrerequisites(OdooMapping<T> mapping, List<? extends T> records,
      List<Pending> ready, MappingContext ctx, UpsertOutcome[] out) {
    Map<String, LoadRecord> distinct = new LinkedHashMap<>();
    Map<Integer, List<String>> needs = new LinkedHashMap<>();
    for (Pending p : ready) {
      for (LoadRecord pre : mapping.prerequisites(records.get(p.index), ctx)) {
        distinct.putIfAbsent(pre.model() + "/" + pre.externalId(), pre);
        needs.computeIfAbsent(p.index, k -> new ArrayList<>()).add(pre.model() + "/" + pre.externalId());
      }
    }
    if (distinct.isEmpty()) {
      return ready;
    }
    List<String> keys = new ArrayList<>(distinct.keySet());
    List<UpsertOutcome> pre = load(new ArrayList<>(distinct.values()));
    Map<String, UpsertOutcome> byKey = new LinkedHashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      byKey.put(keys.get(k), pre.get(k));
    }
    List<Pending> still = new ArrayList<>();
    for (Pending p : ready) {
      List<Violation> failed = needs.getOrDefault(p.index, List.of()).stream().map(byKey::get).filter(o -> !o.isSuccess())
          .flatMap(o -> o.problems().stream().map(v -> new Violation(v.path(), v.code(),
              "prerequisite " + o.externalId() + ": " + v.message())))
          .toList();
      if (failed.isEmpty()) {
        still.add(p);
      } else {
        out[p.index] = p.outcome(UpsertOutcome.Status.REJECTED, Optional.empty(), failed);
      }
    }
    return still;
  }

  /**
   * Loads rows that are already in {@code load()} form (for Odoo models without a canonical
   * entity); one outcome per row, in input order, with the external id as idempotency key.
   */
  public List<UpsertOutcome> load(List<LoadRecord> rows) {
    UpsertOutcome[] out = new UpsertOutcome[rows.size()];
    List<Pending> ready = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      ready.add(new Pending(i, rows.get(i).externalId(), rows.get(i)));
    }
    loadAll(ready, out);
    return List.of(out);
  }

  private void loadAll(List<Pending> ready, UpsertOutcome[] out) {
    Map<List<Object>, List<Pending>> groups = new LinkedHashMap<>();
    for (Pending p : ready) {
      groups.computeIfAbsent(signature(p.row), k -> new ArrayList<>()).add(p);
    }
    for (List<Pending> group : groups.values()) {
      for (int from = 0; from < group.size(); from += batchSize) {
        loadBatch(group.subList(from, Math.min(group.size(), from + batchSize)), out);
      }
    }
  }

  /** Records load together only when they send the same columns (an absent column is never cleared). */
  private static List<Object> signature(LoadRecord r) {
    Set<String> lineCols = new LinkedHashSet<>();
    r.lines().forEach(l -> lineCols.addAll(l.keySet()));
    return List.of(r.model(), r.values().keySet(), r.linesField().orElse(""), lineCols);
  }

  private void loadBatch(List<Pending> batch, UpsertOutcome[] out) {
    List<Pending> pending = batch;
    while (!pending.isEmpty()) {
      Table t = table(pending.stream().map(p -> p.row).toList());
      LoadResult result = loader.load(pending.get(0).row.model(), t.fields, t.rows);
      if (result.errors().isEmpty() && result.ids().size() == pending.size()) {
        for (int k = 0; k < pending.size(); k++) {
          out[pending.get(k).index] = pending.get(k).outcome(UpsertOutcome.Status.UPSERTED, Optional.of(result.ids().get(k)), List.of());
        }
        return;
      }
      Map<Integer, List<Violation>> refused = new LinkedHashMap<>();
      List<Violation> unattributed = new ArrayList<>();
      for (LoadResult.Message m : result.errors()) {
        Violation v = new Violation(m.field().orElse(""), ViolationCodes.UNMAPPABLE, m.message());
        int rec = m.row().orElse(-1); // Odoo's "record": the index of the record in the call
        if (rec >= 0 && rec < pending.size()) {
          refused.computeIfAbsent(rec, x -> new ArrayList<>()).add(v);
        } else {
          unattributed.add(v);
        }
      }
      if (refused.isEmpty()) {
        List<Violation> why = !unattributed.isEmpty() ? unattributed : List.of(new Violation("", ViolationCodes.UNMAPPABLE,
            "load() answered " + result.ids().size() + " ids for " + pending.size() + " records and no message"));
        for (Pending p : pending) {
          out[p.index] = p.outcome(UpsertOutcome.Status.REJECTED, Optional.empty(), why);
        }
        return;
      }
      List<Pending> still = new ArrayList<>();
      for (int k = 0; k < pending.size(); k++) {
        List<Violation> own = refused.get(k);
        if (own != null) {
          out[pending.get(k).index] = pending.get(k).outcome(UpsertOutcome.Status.REJECTED, Optional.empty(), own);
        } else {
          still.add(pending.get(k));
        }
      }
      pending = still;
    }
  }

  /** The load table of records with one column set: fields ({@code id} first) and rows (continuation rows for lines). */
  static Table table(List<LoadRecord> batch) {
    LoadRecord first = batch.get(0);
    List<String> header = new ArrayList<>(first.values().keySet());
    Set<String> lineCols = new LinkedHashSet<>();
    first.lines().forEach(l -> lineCols.addAll(l.keySet()));
    String lf = first.linesField().orElse("");
    List<String> fields = new ArrayList<>(1 + header.size() + lineCols.size());
    fields.add("id");
    fields.addAll(header);
    lineCols.forEach(c -> fields.add(lf + "/" + c));
    List<List<Object>> rows = new ArrayList<>();
    for (LoadRecord r : batch) {
      int n = Math.max(1, r.lines().size());
      for (int li = 0; li < n; li++) {
        List<Object> row = new ArrayList<>(fields.size());
        row.add(li == 0 ? r.externalId() : "");
        for (String h : header) {
          row.add(li == 0 ? r.values().get(h) : "");
        }
        for (String c : lineCols) {
          row.add(li < r.lines().size() ? r.lines().get(li).getOrDefault(c, "") : "");
        }
        rows.add(row);
      }
    }
    return new Table(fields, rows);
  }

  /** A load table. */
  record Table(List<String> fields, List<List<Object>> rows) {}

  private record Pending(int index, String idempotencyKey, LoadRecord row) {
    UpsertOutcome outcome(UpsertOutcome.Status status, Optional<Long> id, List<Violation> problems) {
      return new UpsertOutcome(index, row.externalId(), idempotencyKey, status, id, problems);
    }
  }
}
