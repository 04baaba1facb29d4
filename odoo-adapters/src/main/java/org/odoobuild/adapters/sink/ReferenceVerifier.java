package org.odoobuild.adapters.sink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.odoobuild.client.Context;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.connectors.spi.Verifier;

/**
 * Verifies records whose delivery outcome is unknown by looking them up in Odoo: a sink that
 * creates records (a plain {@code create}, not an upsert) writes each record's reference into a
 * field (e.g. {@code ref}, {@code client_order_ref}, a custom {@code x_sync_key}), and this
 * verifier searches that field, one {@code search_read} per batch (archived records included).
 * Found: the record was applied, with {@code model,id} as its target reference; not found: it
 * was not. Give it to the flow with {@code Flow.Builder.verifier}.
 * <pre>{@code
 * Flow.builder("meter-readings", Reading.class).source(telematics)
 *     .sink(createSink)   // odoo.model("maintenance.request").create(Map.of(..., "x_sync_key", r.idempotencyKey()))
 *     .verifier(ReferenceVerifier.of(odoo, "maintenance.request", "x_sync_key", SourceRecord::idempotencyKey))
 *     .build();
 * }</pre>
 * Thread-safe when its reference function is.
 *
 * @param <T> the payload type
 */
public final class ReferenceVerifier<T> implements Verifier<T> {
  private static final int CHUNK = 500;
  private final OdooModel model;
  private final String field;
  private final Function<SourceRecord<T>, String> reference;

  private ReferenceVerifier(OdooModel model, String field, Function<SourceRecord<T>, String> reference) {
    this.model = model;
    this.field = field;
    this.reference = reference;
  }

  /**
   * A verifier searching {@code model} for records whose {@code field} holds the reference.
   *
   * @param odoo the client
   * @param model the model the sink creates records in
   * @param field the field holding each record's reference
   * @param reference the reference a record was created with (e.g. its idempotency key)
   * @param <T> the payload type
   * @return the verifier
   */
  public static <T> ReferenceVerifier<T> of(OdooClient odoo, String model, String field,
      Function<SourceRecord<T>, String> reference) {
    Objects.requireNonNull(odoo, "odoo");
    return new ReferenceVerifier<>(odoo.model(Objects.requireNonNull(model, "model"))
        .withContext(Context.empty().activeTest(false)), Objects.requireNonNull(field, "field"),
        Objects.requireNonNull(reference, "reference"));
  }

  @Override
  public List<Optional<String>> verify(List<SourceRecord<T>> records) {
    List<String> refs = new ArrayList<>(records.size());
    for (SourceRecord<T> r : records) {
      refs.add(Objects.requireNonNull(reference.apply(r), "a reference function returned null"));
    }
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(refs));
    Map<String, Long> found = new HashMap<>();
    for (int from = 0; from < distinct.size(); from += CHUNK) {
      List<String> part = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
      for (Record row : model.searchRead(Query.where(Domain.where(field, "in", part)).fields(field).order("id asc"))) {
        row.getString(field).ifPresent(ref -> found.putIfAbsent(ref, row.id()));
      }
    }
    List<Optional<String>> out = new ArrayList<>(records.size());
    for (String ref : refs) {
      Long id = found.get(ref);
      out.add(id == null ? Optional.empty() : Optional.of(model.name() + "," + id));
    }
    return out;
  }

  @Override
  public String toString() {
    return "ReferenceVerifier{" + model.name() + "." + field + "}";
  }
}
