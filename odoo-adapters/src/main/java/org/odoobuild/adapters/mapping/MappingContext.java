package org.odoobuild.adapters.mapping;

import java.util.List;
import java.util.Objects;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Record;

/**
 * What a mapping needs besides the record: the server's field names ({@link OdooSchema}), the
 * reference resolver, and a way to read related records (order lines, moves) by id.
 */
public interface MappingContext {
  /** Version-dependent field names. */
  OdooSchema schema();

  /** Reference lookups in both directions. */
  ReferenceResolver refs();

  /** Reads related records (e.g. {@code purchase.order.line} by the ids of {@code order_line}). */
  List<Record> related(String model, List<Long> ids, List<String> fields);

  /** The Odoo major version. */
  default int major() {
    return schema().major();
  }

  /** An offline context: static field names of {@code major}, these references, no related reads. */
  static MappingContext offline(int major, ReferenceResolver refs) {
    return of(OdooSchema.offline(major), refs, (m, ids, f) -> List.of());
  }

  /** A context from parts. */
  static MappingContext of(OdooSchema schema, ReferenceResolver refs, RelatedReader reader) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(refs, "refs");
    Objects.requireNonNull(reader, "reader");
    return new MappingContext() {
      @Override
      public OdooSchema schema() {
        return schema;
      }

      @Override
      public ReferenceResolver refs() {
        return refs;
      }

      @Override
      public List<Record> related(String model, List<Long> ids, List<String> fields) {
        return ids.isEmpty() ? List.of() : reader.read(model, ids, fields);
      }
    };
  }

  /** A live context: fields discovered with {@code fields_get}, references looked up on the server. */
  static MappingContext live(OdooClient client, InMemoryReferences known) {
    return of(OdooSchema.live(client), new OdooReferences(client, known), (m, ids, f) -> client.model(m).read(ids, f));
  }

  /** Reads related records by id. */
  @FunctionalInterface
  interface RelatedReader {
    /** The records of {@code model} with these ids (only the given fields needed). */
    List<Record> read(String model, List<Long> ids, List<String> fields);
  }
}
