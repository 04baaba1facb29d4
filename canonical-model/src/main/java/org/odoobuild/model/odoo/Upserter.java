package org.odoobuild.model.odoo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.OdooClient;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;

/**
 * Idempotent bulk writes through Odoo's {@code load(fields, rows)}: every row's {@code id} column
 * is the record's deterministic external id, so sending the same canonical record twice updates
 * instead of duplicating. Records are validated and mapped first (invalid data never reaches
 * Odoo), batched ({@link #batchSize}) into one {@code load} call per batch, and Odoo's per-row
 * messages come back as typed {@link UpsertOutcome}s. Because Odoo imports nothing from a call
 * with an error, the rows that were not at fault are retried once in a second call.
 *
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
    return new Upserter((model, fields, rows) -> client.model(model).load(fields, rows), DEFAULT_BATCH);
  }

  /** The number of records per load call. */
  public int batchSize() {
    return batchSize;
  }

  /** Validates, maps and loads the records; one outcome per input record, in input order. */
  public <T extends CanonicalEntity> List<UpsertOutcome> upsert(OdooMapping<T> mapping, List<? extends T> records, MappingContext ctx) {
    UpsertOutcome[] out = new UpsertOutcome[records.size()];
    List<Integer> ready = new ArrayList<>();
    List<LoadRecord> mapped = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      T rec = records.get(i);
      List<Violation> invalid = rec.validate().violations();
      if (!invalid.isEmpty()) {
        out[i] = new UpsertOutcome(i, rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.INVALID, Optional.empty(), invalid);
        continue;
      }
      Parsed<LoadRecord> lr = mapping.encodeForLoad(rec, ctx);
      if (lr.value().isEmpty()) {
        out[i] = new UpsertOutcome(i, rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.UNMAPPABLE, Optional.empty(), lr.violations());
        continue;
      }
      ready.add(i);
      mapped.add(lr.value().get());
    }
    for (int from = 0; from < ready.size(); from += batchSize) {
      int to = Math.min(ready.size(), from + batchSize);
      loadBatch(mapping.model(), records, ready.subList(from, to), mapped.subList(from, to), out, true);
    }
    return List.of(out);
  }

  private void loadBatch(String model, List<? extends CanonicalEntity> records, List<Integer> indexes, List<LoadRecord> batch,
      UpsertOutcome[] out, boolean mayRetry) {
    Table t = table(batch);
    LoadResult result;
    try {
      result = loader.load(model, t.fields, t.rows);
    } catch (RuntimeException e) {
      for (int k = 0; k < indexes.size(); k++) {
        CanonicalEntity rec = records.get(indexes.get(k));
        out[indexes.get(k)] = new UpsertOutcome(indexes.get(k), rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.NOT_IMPORTED,
            Optional.empty(), List.of(new Violation("", ViolationCodes.UNMAPPABLE, "load failed: " + e.getMessage())));
      }
      return;
    }
    if (result.errors().isEmpty() && result.ids().size() == batch.size()) {
      for (int k = 0; k < indexes.size(); k++) {
        CanonicalEntity rec = records.get(indexes.get(k));
        out[indexes.get(k)] = new UpsertOutcome(indexes.get(k), rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.UPSERTED,
            Optional.of(result.ids().get(k)), List.of());
      }
      return;
    }
    Map<Integer, List<Violation>> byRecord = new java.util.HashMap<>();
    for (LoadResult.Message m : result.errors()) {
      int rec = m.row().map(row -> t.recordOfRow(row)).orElse(-1);
      Violation v = new Violation(m.field().orElse(""), ViolationCodes.UNMAPPABLE, m.message());
      byRecord.computeIfAbsent(rec, x -> new ArrayList<>()).add(v);
    }
    List<Integer> retryIdx = new ArrayList<>();
    List<LoadRecord> retry = new ArrayList<>();
    for (int k = 0; k < indexes.size(); k++) {
      CanonicalEntity rec = records.get(indexes.get(k));
      List<Violation> own = byRecord.get(k);
      if (own != null) {
        out[indexes.get(k)] = new UpsertOutcome(indexes.get(k), rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.REJECTED,
            Optional.empty(), own);
      } else {
        List<Violation> why = byRecord.getOrDefault(-1, List.of(new Violation("", ViolationCodes.UNMAPPABLE,
            "not imported: another row of the same load call was refused")));
        out[indexes.get(k)] = new UpsertOutcome(indexes.get(k), rec.externalId(), rec.idempotencyKey(), UpsertOutcome.Status.NOT_IMPORTED,
            Optional.empty(), why);
        retryIdx.add(indexes.get(k));
        retry.add(batch.get(k));
      }
    }
    if (mayRetry && !retry.isEmpty() && retry.size() < batch.size()) {
      loadBatch(model, records, retryIdx, retry, out, false);
    }
  }

  /** The load table of a batch: fields (id first) and rows (continuation rows for lines). */
  static Table table(List<LoadRecord> batch) {
    Set<String> header = new LinkedHashSet<>();
    Set<String> lineCols = new LinkedHashSet<>();
    Set<String> lineFields = new HashSet<>();
    for (LoadRecord r : batch) {
      header.addAll(r.values().keySet());
      r.linesField().ifPresent(lf -> {
        lineFields.add(lf);
        r.lines().forEach(l -> l.keySet().forEach(c -> lineCols.add(lf + "/" + c)));
      });
    }
    List<String> fields = new ArrayList<>();
    fields.add("id");
    fields.addAll(header);
    fields.addAll(lineCols);
    List<List<Object>> rows = new ArrayList<>();
    List<Integer> rowRecord = new ArrayList<>();
    for (int k = 0; k < batch.size(); k++) {
      LoadRecord r = batch.get(k);
      int n = Math.max(1, r.lines().size());
      for (int li = 0; li < n; li++) {
        List<Object> row = new ArrayList<>(fields.size());
        for (String f : fields) {
          if (f.equals("id")) {
            row.add(li == 0 ? r.externalId() : "");
          } else if (header.contains(f)) {
            row.add(li == 0 ? r.values().getOrDefault(f, "") : "");
          } else {
            int slash = f.indexOf('/');
            String lf = f.substring(0, slash);
            String sub = f.substring(slash + 1);
            boolean mine = r.linesField().map(lf::equals).orElse(false) && li < r.lines().size();
            row.add(mine ? r.lines().get(li).getOrDefault(sub, "") : "");
          }
        }
        rows.add(row);
        rowRecord.add(k);
      }
    }
    return new Table(fields, rows, rowRecord);
  }

  /** A load table. */
  static final class Table {
    final List<String> fields;
    final List<List<Object>> rows;
    final List<Integer> rowRecord;

    Table(List<String> fields, List<List<Object>> rows, List<Integer> rowRecord) {
      this.fields = fields;
      this.rows = rows;
      this.rowRecord = rowRecord;
    }

    /** Odoo reports the record index ({@code record}); clamp to the batch. */
    int recordOfRow(int record) {
      int max = rowRecord.isEmpty() ? -1 : rowRecord.get(rowRecord.size() - 1);
      return record >= 0 && record <= max ? record : -1;
    }
  }
}
