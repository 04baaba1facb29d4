package org.odoobuild.model.common;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * Where a canonical record comes from: the source system, the record's id there and, when the
 * source versions its records, the revision. The same real-world thing is recognised across
 * systems by its source refs; {@link #idempotencyKey()} identifies one revision of it.
 *
 * <pre>{@code SourceRef.of("procore", "PO-1001")  // idempotency key "procore:PO-1001:"}</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSourceRef.class)
@JsonDeserialize(as = ImmutableSourceRef.class)
public interface SourceRef {
  /** Allowed shape of a system name: lower-case letters, digits, {@code . _ -}. */
  Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** The source system's name, e.g. {@code procore}, {@code aconex}, {@code odoo}. */
  @MaxLength(Limits.CODE)
  String system();

  /** The record's id in the source system (any printable text). */
  @MaxLength(Limits.REF)
  String id();

  /** The source's revision or version of the record (e.g. an etag, a version number). */
  @MaxLength(Limits.CODE)
  Optional<String> revision();

  /** {@code system:id:revision} (revision empty when absent): one revision of one record. */
  default String idempotencyKey() {
    return system() + ":" + id() + ":" + revision().orElse("");
  }

  /** {@code system:id}: the record regardless of revision. */
  default String key() {
    return system() + ":" + id();
  }

  /** Structural invariants: the system and id are well formed. */
  @Value.Check
  default void checkShape() {
    if (!SYSTEM.matcher(system()).matches()) {
      throw new IllegalStateException("source system must match " + SYSTEM.pattern() + ": '" + Texts.preview(system()) + "'");
    }
    if (id().isBlank() || id().length() > Limits.REF || Texts.hasControl(id())) {
      throw new IllegalStateException("source id must be 1.." + Limits.REF + " printable characters: '" + Texts.preview(id()) + "'");
    }
    revision().ifPresent(r -> {
      if (r.length() > Limits.CODE || Texts.hasControl(r)) {
        throw new IllegalStateException("revision must be at most " + Limits.CODE + " printable characters");
      }
    });
  }

  /** A reference without revision. */
  static SourceRef of(String system, String id) {
    return ImmutableSourceRef.builder().system(system).id(id).build();
  }

  /** A reference to one revision. */
  static SourceRef of(String system, String id, String revision) {
    return ImmutableSourceRef.builder().system(system).id(id).revision(revision).build();
  }
}
