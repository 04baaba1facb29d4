package org.odoobuild.connectors.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a flow needs on one target model (for Odoo targets the technical model name, e.g.
 * {@code purchase.order}): the operations its sinks, sources and ports perform there. The
 * access check of the target compares these with the rights of the integration user and
 * reports what is missing and what is more than needed.
 *
 * @param model the target model
 * @param operations the operations needed, at least one
 */
public record AccessNeed(String model, Set<Operation> operations) {

  /** The four model-level operations of an access-right check. */
  public enum Operation {
    /** Search and read. */
    READ,
    /** Create (also {@code load} of new rows). */
    CREATE,
    /** Write (also workflow buttons such as confirm or post). */
    WRITE,
    /** Delete. */
    UNLINK;

    /** The operation's name in Odoo ({@code read}, {@code create}, {@code write}, {@code unlink}). */
    public String odooName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates the parts and copies the operations. */
  public AccessNeed {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model is blank");
    }
    if (operations.isEmpty()) {
      throw new IllegalArgumentException("no operations for " + model);
    }
    operations = Set.copyOf(EnumSet.copyOf(operations));
  }

  /** {@code operations} on {@code model}. */
  public static AccessNeed of(String model, Operation... operations) {
    return new AccessNeed(model, Set.of(operations));
  }

  /** Read only. */
  public static AccessNeed read(String model) {
    return of(model, Operation.READ);
  }

  /** Read, create and write: what an upsert by external id needs. */
  public static AccessNeed upsert(String model) {
    return of(model, Operation.READ, Operation.CREATE, Operation.WRITE);
  }

  /** Whether the operation is needed. */
  public boolean needs(Operation operation) {
    return operations.contains(operation);
  }

  /** The needs merged per model (the union of their operations), in first-seen model order. */
  public static java.util.List<AccessNeed> merge(Collection<AccessNeed> needs) {
    java.util.Map<String, EnumSet<Operation>> byModel = new java.util.LinkedHashMap<>();
    for (AccessNeed n : needs) {
      byModel.computeIfAbsent(n.model(), m -> EnumSet.noneOf(Operation.class)).addAll(n.operations());
    }
    return byModel.entrySet().stream().map(e -> new AccessNeed(e.getKey(), e.getValue())).toList();
  }
}
