package org.odoobuild.connectors.spi;

import java.util.List;
import java.util.Optional;

/**
 * Looks in the target for the effect of records whose delivery outcome is unknown, by their
 * idempotency key (an external id, a reference field holding the key), so the engine knows
 * whether to record them as applied or send them again. Give it to a flow with
 * {@code Flow.Builder.verifier}; a sink that implements it is used as its flow's verifier.
 * <pre>{@code
 * Verifier<Reading> v = Verifier.perRecord(r ->
 *     odoo.model("maintenance.request").search(Query.where(Domain.where("x_sync_key", "=", r.idempotencyKey())))
 *         .stream().findFirst().map(id -> "maintenance.request," + id));
 * }</pre>
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface Verifier<T> {

  /**
   * Verifies records, in order.
   *
   * @param records records that were sent and whose outcome is unknown
   * @return one entry per record: the target's reference when the record's effect is in the
   *     target, empty when it is not
   * @throws Exception when the target cannot be asked now (the records stay unverified and are
   *     verified again before they are sent again)
   */
  List<Optional<String>> verify(List<SourceRecord<T>> records) throws Exception;

  /** A lookup of one record (see {@link #perRecord}). */
  @FunctionalInterface
  interface Lookup<T> {
    /**
     * Looks one record up.
     *
     * @param record the record
     * @return the target's reference when its effect is there, else empty
     * @throws Exception when the target cannot be asked
     */
    Optional<String> find(SourceRecord<T> record) throws Exception;
  }

  /**
   * A verifier asking the target once per record.
   *
   * @param lookup the lookup
   * @param <T> the payload type
   * @return the verifier
   */
  static <T> Verifier<T> perRecord(Lookup<T> lookup) {
    java.util.Objects.requireNonNull(lookup, "lookup");
    return records -> {
      List<Optional<String>> out = new java.util.ArrayList<>(records.size());
      for (SourceRecord<T> r : records) {
        out.add(java.util.Objects.requireNonNull(lookup.find(r), "a lookup returned null"));
      }
      return out;
    };
  }
}
