package org.odoobuild.adapters.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.adapters.govern.FieldGovernance;
import org.odoobuild.adapters.mapping.InMemoryReferences;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooMapping;
import org.odoobuild.adapters.mapping.OdooMappings;
import org.odoobuild.adapters.upsert.UpsertOutcome;
import org.odoobuild.adapters.upsert.Upserter;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.access.AccessNeed;
import org.odoobuild.connectors.access.AccessNeeds;
import org.odoobuild.connectors.spi.Sink;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.spi.SourceRecord;
import org.odoobuild.model.common.CanonicalEntity;

/**
 * The sink that takes canonical entities through their Odoo mapping into Odoo: each batch is
 * validated, mapped for the server's version and upserted by external id with one {@code load}
 * call per batch ({@link Upserter}), so a record delivered twice updates instead of duplicating.
 * Invalid, unmappable and refused records come back as failed results with their reasons (the
 * engine dead-letters them); a transport failure propagates for the engine to classify.
 * <pre>{@code
 * Flow<PurchaseOrder> pos = Flow.builder("field-requests", PurchaseOrder.class)
 *     .source(fieldApp).sink(EntitySink.of(odoo, PurchaseOrder.class)).build();
 * }</pre>
 * Thread-safe when its mapping context is.
 *
 * @param <T> the canonical entity
 */
public final class EntitySink<T extends CanonicalEntity> implements Sink<T>, AccessNeeds {
  private final OdooMapping<T> mapping;
  private final MappingContext ctx;
  private final Upserter upserter;
  private final Optional<InMemoryReferences> known;
  private final Optional<FieldGovernance> governance;

  private EntitySink(OdooMapping<T> mapping, MappingContext ctx, Upserter upserter, Optional<InMemoryReferences> known) {
    this(mapping, ctx, upserter, known, Optional.empty());
  }

  private EntitySink(OdooMapping<T> mapping, MappingContext ctx, Upserter upserter, Optional<InMemoryReferences> known,
      Optional<FieldGovernance> governance) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.upserter = Objects.requireNonNull(upserter, "upserter");
    this.known = known;
    this.governance = governance;
  }

  /**
   * This sink with field governance: fields owned by other systems are never overwritten (the
   * conflicts are reported), and each changed record is audited field by field with the acting
   * principal of its source event.
   *
   * @param fieldGovernance the governance
   * @return a governed copy of this sink
   */
  public EntitySink<T> governed(FieldGovernance fieldGovernance) {
    return new EntitySink<>(mapping, ctx, upserter, known, Optional.of(fieldGovernance));
  }

  /** A sink for {@code type} with its standard mapping, field names discovered from the server. */
  public static <T extends CanonicalEntity> EntitySink<T> of(OdooClient odoo, Class<T> type) {
    return of(odoo, type, new InMemoryReferences());
  }

  /**
   * A sink for {@code type} that shares {@code known} references with other sinks and readers:
   * every record it writes is registered there (canonical reference ↔ Odoo id), so a purchase
   * order sink finds the vendors a vendor sink wrote, and records read back from Odoo carry
   * their canonical references again.
   */
  public static <T extends CanonicalEntity> EntitySink<T> of(OdooClient odoo, Class<T> type, InMemoryReferences known) {
    OdooMapping<T> mapping = OdooMappings.forType(type)
        .orElseThrow(() -> new IllegalArgumentException("no Odoo mapping for " + type.getSimpleName()
            + "; pass one to EntitySink.of(odoo, mapping, ctx)"));
    return new EntitySink<>(mapping, MappingContext.live(odoo, known), Upserter.forClient(odoo, Integer.MAX_VALUE),
        Optional.of(known));
  }

  /** A sink with an explicit mapping and context. */
  public static <T extends CanonicalEntity> EntitySink<T> of(OdooClient odoo, OdooMapping<T> mapping, MappingContext ctx) {
    return new EntitySink<>(mapping, ctx, Upserter.forClient(odoo, Integer.MAX_VALUE), Optional.empty());
  }

  /** A sink over any upserter (e.g. one with a fake load function in tests). */
  public static <T extends CanonicalEntity> EntitySink<T> of(Upserter upserter, OdooMapping<T> mapping, MappingContext ctx) {
    return new EntitySink<>(mapping, ctx, upserter, Optional.empty());
  }

  /** The mapping. */
  public OdooMapping<T> mapping() {
    return mapping;
  }

  /** Read, create and write on the mapping's model (an upsert by external id never deletes). */
  @Override
  public List<AccessNeed> accessNeeds() {
    return List.of(AccessNeed.upsert(mapping.model()));
  }

  @Override
  public List<SinkResult> apply(List<SourceRecord<T>> batch) {
    List<T> payloads = batch.stream().map(SourceRecord::payload).toList();
    List<UpsertOutcome> outcomes;
    if (governance.isPresent()) {
      FieldGovernance g = governance.get();
      List<FieldGovernance.Batch> reviewed = new ArrayList<>(1);
      outcomes = upserter.upsert(mapping, payloads, ctx, rows -> {
        reviewed.add(g.review(rows));
        return reviewed.get(0).rows();
      });
      reviewed.forEach(b -> outcomes.forEach(o -> g.audit(b, batch.get(o.index()), o)));
    } else {
      outcomes = upserter.upsert(mapping, payloads, ctx);
    }
    known.ifPresent(refs -> outcomes.forEach(o -> o.odooId().ifPresent(id -> {
      T entity = payloads.get(o.index());
      refs.record(entity.entityType(), entity.primaryRef(), mapping.model(), id);
    })));
    return SinkResults.of(mapping.model(), outcomes);
  }

  /** True: every record is upserted by its external id, so applying it again changes nothing. */
  @Override
  public boolean idempotent() {
    return true;
  }
}
