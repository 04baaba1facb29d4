package org.odoobuild.connectors.ownership;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The declared system of record of each entity type and field: e.g. vendor master data owned by
 * Odoo, submittal status by document control, budget lines by estimating. A sink consults the
 * policy before it writes ({@link #review}): on a record that exists, a field owned by another
 * system is never overwritten; when the values differ, the write of that field is withheld and
 * reported as an {@link OwnershipConflict} with both values. A record that does not exist yet
 * may be created with every field (there is nothing to overwrite). Fields of entity types the
 * policy does not mention belong to whoever writes them.
 *
 * <p>Immutable and thread-safe.
 * <pre>{@code
 * OwnershipPolicy owners = OwnershipPolicy.builder()
 *     .entity("res.partner", "odoo")                       // vendor master: Odoo
 *     .field("project.project", "x_budget", "estimating")  // budget: estimating
 *     .field("x.submittal", "state", "document-control")
 *     .build();
 * }</pre>
 */
public final class OwnershipPolicy {
  private static final OwnershipPolicy OPEN = builder().build();
  private final Map<String, String> entityOwners;
  private final Map<String, Map<String, String>> fieldOwners;

  private OwnershipPolicy(Builder b) {
    this.entityOwners = Map.copyOf(b.entityOwners);
    Map<String, Map<String, String>> f = new LinkedHashMap<>();
    b.fieldOwners.forEach((k, v) -> f.put(k, Map.copyOf(v)));
    this.fieldOwners = Map.copyOf(f);
  }

  /** A policy with no declared owners: every writer may write everything. */
  public static OwnershipPolicy open() {
    return OPEN;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The system that owns a field.
   *
   * @param entityType the entity type
   * @param field the field
   * @return the owner; empty when nobody declared one
   */
  public Optional<String> owner(String entityType, String field) {
    String f = fieldOwners.getOrDefault(entityType, Map.of()).get(field);
    return Optional.ofNullable(f != null ? f : entityOwners.get(entityType));
  }

  /**
   * Whether a system may overwrite a field.
   *
   * @param writer the writing system
   * @param entityType the entity type
   * @param field the field
   * @return true when the field has no owner or {@code writer} owns it
   */
  public boolean mayOverwrite(String writer, String entityType, String field) {
    return owner(entityType, field).map(writer::equals).orElse(true);
  }

  /**
   * Decides a write of one record.
   *
   * @param writer the writing system
   * @param entityType the entity type
   * @param entityKey the record
   * @param proposed the fields to write
   * @param current the record's current values, empty when the record does not exist yet
   * @return the fields that may be written, the withheld ones and the conflicts among them
   */
  public Review review(String writer, String entityType, String entityKey, Map<String, String> proposed,
      Optional<Map<String, String>> current) {
    Objects.requireNonNull(writer, "writer");
    if (current.isEmpty()) {
      return new Review(proposed, List.of(), List.of());
    }
    Map<String, String> allowed = new LinkedHashMap<>();
    List<String> withheld = new ArrayList<>();
    List<OwnershipConflict> conflicts = new ArrayList<>();
    proposed.forEach((field, value) -> {
      if (mayOverwrite(writer, entityType, field)) {
        allowed.put(field, value);
        return;
      }
      withheld.add(field);
      String now = current.get().getOrDefault(field, "");
      if (!same(now, value)) {
        conflicts.add(new OwnershipConflict(entityType, entityKey, field, owner(entityType, field).orElseThrow(), writer,
            now, value));
      }
    });
    return new Review(allowed, withheld, conflicts);
  }

  /** Equal as text, or as numbers ({@code 12.50} and {@code 12.5}). */
  static boolean same(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The decision on one write.
   *
   * @param allowed the fields to write
   * @param withheld the fields not written because another system owns them
   * @param conflicts the withheld fields whose values differ
   */
  public record Review(Map<String, String> allowed, List<String> withheld, List<OwnershipConflict> conflicts) {
    /** Copies. */
    public Review {
      allowed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(allowed));
      withheld = List.copyOf(withheld);
      conflicts = List.copyOf(conflicts);
    }
  }

  /** Builds an {@link OwnershipPolicy}; not thread-safe. */
  public static final class Builder {
    private final Map<String, String> entityOwners = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> fieldOwners = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Declares the owner of every field of an entity type (fields declared with {@link #field} override it).
     *
     * @param entityType the entity type
     * @param owner the owning system
     * @return this builder
     */
    public Builder entity(String entityType, String owner) {
      entityOwners.put(Objects.requireNonNull(entityType, "entityType"), Objects.requireNonNull(owner, "owner"));
      return this;
    }

    /**
     * Declares the owner of one field.
     *
     * @param entityType the entity type
     * @param field the field
     * @param owner the owning system
     * @return this builder
     */
    public Builder field(String entityType, String field, String owner) {
      fieldOwners.computeIfAbsent(Objects.requireNonNull(entityType, "entityType"), k -> new LinkedHashMap<>())
          .put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(owner, "owner"));
      return this;
    }

    /** Builds the policy. */
    public OwnershipPolicy build() {
      return new OwnershipPolicy(this);
    }
  }
}
