package org.odoobuild.adapters.upsert;

import java.util.List;
import java.util.Optional;
import org.odoobuild.model.common.Violation;

/**
 * What happened to one canonical record in an {@link Upserter} run.
 *
 * @param index the record's position in the input list
 * @param externalId its external id (the {@code load()} {@code id} column)
 * @param idempotencyKey its {@code system:id:revision}
 * @param status the outcome
 * @param odooId the Odoo database id when written
 * @param problems the violations (validation, mapping, or Odoo's per-row load messages)
 */
public record UpsertOutcome(int index, String externalId, String idempotencyKey, Status status, Optional<Long> odooId,
    List<Violation> problems) {

  /** Copies the problems. */
  public UpsertOutcome {
    problems = List.copyOf(problems);
  }

  /** The outcome kinds. */
  public enum Status {
    /** Created or updated in Odoo (load is an upsert by external id). */
    UPSERTED,
    /** Refused before sending: invalid canonical data (never reaches Odoo). */
    INVALID,
    /** Refused before sending: a reference could not be resolved. */
    UNMAPPABLE,
    /** Odoo refused the row (its load messages are in {@code problems}). */
    REJECTED
  }

  /** Whether the record is now in Odoo. */
  public boolean isSuccess() {
    return status == Status.UPSERTED;
  }
}
