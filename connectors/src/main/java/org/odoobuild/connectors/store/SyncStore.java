package org.odoobuild.connectors.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a sync engine must not forget: cursors, idempotency keys, the outbox, dead letters,
 * the append-only audit log, flow pauses and the run history.
 *
 * <p>Implementations: {@link EmbeddedSyncStore} (H2 file, zero set-up, one process; see
 * {@link SyncStores#embedded}) and {@link PostgresSyncStore} (shared safely by several engine
 * instances and processes; see {@link SyncStores#postgres(String, String, String)}). Both are
 * thread-safe; no method returns {@code null} or accepts {@code null} (absent values are
 * {@link Optional} or the empty string where documented).
 *
 * <h2>Outbox life cycle</h2>
 * {@code pending} → (claim) {@code claimed} → {@code done}; or back to {@code pending} via
 * {@link #fail} (attempts + 1) or a lease that ran out; or {@code dead} via {@link #deadLetter(long,
 * String, String)} → {@link #replay} (back to {@code pending}, attempts kept) or {@link #discard}.
 * Entries with the same ordering key are handed out one at a time, in enqueue order: the next one
 * is claimable only when every earlier one is {@code done}, {@code dead} or {@code discarded}.
 */
public interface SyncStore extends AutoCloseable {

  // cursors and idempotency -----------------------------------------------------------------

  /**
   * The flow's stored cursor.
   *
   * @param flow the flow name
   * @return the cursor, empty before the first commit
   */
  Optional<String> cursor(String flow);

  /**
   * Stores a cursor on its own (use {@link #commit(String, String, Map)} when keys were processed
   * in the same batch).
   *
   * @param flow the flow name
   * @param cursor the new cursor
   */
  default void saveCursor(String flow, String cursor) {
    commit(flow, cursor, Map.of());
  }

  /**
   * Stores the cursor and records the processed idempotency keys (key → result reference) in one
   * transaction: either both happen or neither. Keys already recorded keep their first result.
   * Call it only after the sink confirmed the batch.
   *
   * @param flow the flow name
   * @param cursor the cursor after the batch
   * @param processedKeys the batch's keys with their result references (e.g. {@code res.partner,7})
   */
  void commit(String flow, String cursor, Map<String, String> processedKeys);

  /**
   * Like {@link #commit(String, String, Map)}, and appends the batch's audit lines (see
   * {@link #append(List)}) with them: the JDBC stores write cursor, keys and lines in one
   * transaction. The default appends the lines first, then commits.
   *
   * @param flow the flow name
   * @param cursor the cursor after the batch
   * @param processedKeys the batch's keys with their result references
   * @param audit the batch's audit lines, in order (may be empty)
   */
  default void commit(String flow, String cursor, Map<String, String> processedKeys, List<AuditEntry> audit) {
    if (!audit.isEmpty()) {
      append(audit);
    }
    commit(flow, cursor, processedKeys);
  }

  /**
   * Like {@link #commit(String, String, Map)} for keys without a result reference (stored as
   * {@code ""}).
   *
   * @param flow the flow name
   * @param cursor the cursor after the batch
   * @param processedKeys the batch's idempotency keys
   */
  default void commit(String flow, String cursor, Collection<String> processedKeys) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : processedKeys) {
      m.put(k, "");
    }
    commit(flow, cursor, m);
  }

  /**
   * Whether a key was processed.
   *
   * @param idempotencyKey the key
   * @return true when recorded by {@link #markProcessed} or {@link #commit}
   */
  boolean seen(String idempotencyKey);

  /**
   * Which of these keys were processed ({@link #seen(String)} for many keys at once: one query
   * per few hundred keys in the JDBC stores).
   *
   * @param idempotencyKeys the keys
   * @return the subset recorded by {@link #markProcessed} or {@link #commit}
   */
  default java.util.Set<String> seen(Collection<String> idempotencyKeys) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String k : idempotencyKeys) {
      if (seen(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Records a processed key: an atomic insert-if-absent, race-safe across threads and processes.
   *
   * @param idempotencyKey the key
   * @param resultRef what processing produced (e.g. the target record), {@code ""} if nothing
   * @return true for the one caller that recorded it, false when it was already recorded
   */
  boolean markProcessed(String idempotencyKey, String resultRef);

  /**
   * The result reference stored with a processed key.
   *
   * @param idempotencyKey the key
   * @return the reference, empty when the key was not processed
   */
  Optional<String> processedResult(String idempotencyKey);

  /**
   * Records processed keys (key → result reference) in one transaction, without touching any
   * cursor; keys already recorded keep their first result. Ends the keys' delivery intents.
   *
   * @param processedKeys the keys with their result references
   * @return how many keys were recorded now
   */
  int markProcessed(Map<String, String> processedKeys);

  /**
   * Like {@link #markProcessed(Map)}, and appends the batch's audit lines with the keys: the JDBC
   * stores write both in one transaction. The default appends the lines first.
   *
   * @param processedKeys key → result reference
   * @param audit the batch's audit lines, in order (may be empty)
   * @return how many keys were recorded now
   */
  default int markProcessed(Map<String, String> processedKeys, List<AuditEntry> audit) {
    if (!audit.isEmpty()) {
      append(audit);
    }
    return markProcessed(processedKeys);
  }

  /**
   * Which of these keys are taken care of already: processed, or held in the outbox in any
   * status (pending, claimed, delivered, dead or discarded).
   *
   * @param idempotencyKeys the keys
   * @return the subset that is processed or in the outbox
   */
  java.util.Set<String> handled(Collection<String> idempotencyKeys);

  // delivery intents ------------------------------------------------------------------------

  /**
   * Writes a delivery intent for each key that has none, held by {@code owner}, before the keys'
   * records go to a sink; an intent {@code owner} holds already is kept. Atomic per key across
   * threads and processes: of two owners racing for a key, one gets it.
   * Recording a key as processed ({@link #commit}, {@link #markProcessed}) removes its intent.
   *
   * @param owner the delivery run (unique per engine instance and run)
   * @param idempotencyKeys the keys about to be delivered
   * @return the intents of other owners that kept keys from being taken, by key; {@code owner}
   *     holds an intent for every other key
   */
  Map<String, DeliveryIntent> beginDelivery(String owner, Collection<String> idempotencyKeys);

  /**
   * Takes an intent over (e.g. from an engine that died): succeeds only while the intent is
   * exactly as read, so of two engines taking over one intent, one succeeds.
   *
   * @param previous the intent as read
   * @param owner the new owner
   * @return true when {@code owner} now holds it (state in flight)
   */
  boolean takeOverDelivery(DeliveryIntent previous, String owner);

  /**
   * Marks the owner's intents of these keys as of unknown outcome: whoever delivers them next
   * verifies with the target first.
   *
   * @param owner the owner
   * @param idempotencyKeys the keys
   * @param detail why the outcome is unknown
   */
  void deliveryOutcomeUnknown(String owner, Collection<String> idempotencyKeys, String detail);

  /**
   * Removes the owner's intents of these keys (their records did not reach the target, or are
   * dead-lettered).
   *
   * @param owner the owner
   * @param idempotencyKeys the keys
   */
  void endDelivery(String owner, Collection<String> idempotencyKeys);

  /**
   * Delivery intents left by a flow's runs, oldest first (for operators: records whose
   * delivery was interrupted or whose outcome is unknown).
   *
   * @param keyPrefix the keys' prefix, e.g. {@code "vendors|"} for one flow
   * @param limit the most returned
   * @return the intents
   */
  List<DeliveryIntent> deliveryIntents(String keyPrefix, int limit);

  /**
   * Announces that a delivery run is alive until the returned handle is closed; others ask
   * {@link #alive}. On PostgreSQL the announcement is a session lock of a connection the store
   * keeps open: it ends with the process (or the connection), so a run of a killed process is
   * never taken for alive. On the embedded store it lives in this JVM (one process holds the file).
   *
   * @param owner the run
   * @return the handle that ends the announcement
   */
  Liveness announce(String owner);

  /**
   * Whether a run announced with {@link #announce} is still alive, in any process on this store.
   *
   * @param owner the run
   * @return true while its announcement holds
   */
  boolean alive(String owner);

  /** Ends an announcement of {@link #announce}. */
  interface Liveness extends AutoCloseable {
    /** Ends the announcement; closing again does nothing. */
    @Override
    void close();
  }

  // outbox ----------------------------------------------------------------------------------

  /**
   * Adds an entry, durably (committed when this returns).
   *
   * @param entry the entry
   * @return true when added; false when an entry with its idempotency key exists (nothing changes)
   */
  boolean enqueue(OutboxEntry entry);

  /**
   * Reserves up to {@code max} deliverable entries of a flow for {@code workerId} until the lease
   * ends: pending entries that are due and entries whose lease ran out (a crashed worker's
   * entries come back), and of those only the oldest undelivered entry of each ordering key.
   * Safe across threads, store instances and processes: no entry is handed to two workers whose
   * leases overlap. Returned in enqueue order.
   *
   * @param flow the flow name
   * @param workerId who claims (must be unique per worker)
   * @param max the most entries returned (at least 1)
   * @param lease how long the entries stay reserved
   * @return the claimed entries, possibly none
   */
  List<ClaimedEntry> claim(String flow, String workerId, int max, Duration lease);

  /**
   * Marks a claimed entry delivered.
   *
   * @param id the entry id
   * @param workerId the worker that claimed it
   * @return false when the worker no longer holds the entry (its lease was taken over)
   */
  boolean complete(long id, String workerId);

  /**
   * Marks claimed entries delivered ({@link #complete(long, String)} for many entries: one
   * transaction in the JDBC stores).
   *
   * @param ids the entry ids
   * @param workerId the worker that claimed them
   * @return the ids marked delivered; the others the worker no longer held
   */
  default java.util.Set<Long> complete(Collection<Long> ids, String workerId) {
    java.util.Set<Long> done = new java.util.TreeSet<>();
    for (long id : ids) {
      if (complete(id, workerId)) {
        done.add(id);
      }
    }
    return done;
  }

  /**
   * Extends the leases of entries a worker still holds (the engine renews them while their
   * records are being applied).
   *
   * @param ids the entries
   * @param workerId the worker that claimed them
   * @param lease the new lease, from now
   * @return the ids the worker still holds (the others were taken over or finished)
   */
  java.util.Set<Long> renew(Collection<Long> ids, String workerId, Duration lease);

  /**
   * Gives a claimed entry back without counting an attempt (it was not delivered, e.g. because
   * another engine is delivering its record right now): pending again, due at {@code retryAt}.
   *
   * @param id the entry id
   * @param workerId the worker that claimed it
   * @param retryAt not claimable before this instant
   * @return false when the worker no longer holds the entry
   */
  boolean release(long id, String workerId, Instant retryAt);

  /**
   * Gives a claimed entry back for a later attempt: attempts + 1, due again at {@code retryAt}.
   *
   * @param id the entry id
   * @param workerId the worker that claimed it
   * @param error what went wrong ({@code "Type: message"} by convention)
   * @param retryAt not claimable before this instant
   * @return false when the worker no longer holds the entry
   */
  boolean fail(long id, String workerId, String error, Instant retryAt);

  /**
   * Moves a claimed entry to the dead letters (attempts + 1). The error type is the text before
   * the first colon of {@code error} ({@code "error"} when there is none); the message is the
   * whole text.
   *
   * @param id the entry id
   * @param workerId the worker that claimed it
   * @param error what went wrong, {@code "Type: message"} by convention
   * @return false when the worker no longer holds the entry
   */
  boolean deadLetter(long id, String workerId, String error);

  /**
   * Moves a claimed entry to the dead letters (attempts + 1) with an explicit error type.
   *
   * @param id the entry id
   * @param workerId the worker that claimed it
   * @param errorType the kind of error (e.g. {@code validation}, an exception class name)
   * @param errorMessage the error in full
   * @return false when the worker no longer holds the entry
   */
  boolean deadLetter(long id, String workerId, String errorType, String errorMessage);

  /**
   * Dead-letters a record that never was in the outbox (e.g. refused during a pull), keeping its
   * payload so that it can be replayed; a not yet delivered entry with the same key is
   * dead-lettered instead. Nothing happens when the key was already delivered.
   *
   * @param entry the record as an outbox entry
   * @param error what went wrong, {@code "Type: message"} by convention
   */
  void deadLetter(OutboxEntry entry, String error);

  /**
   * Entry counts of a flow by status; every status is present (0 when none).
   *
   * @param flow the flow name
   * @return counts by status, in {@link OutboxStatus} order
   */
  Map<OutboxStatus, Long> outboxCounts(String flow);

  /**
   * When the longest-waiting pending entry of a flow became deliverable: how far behind the
   * flow's outbox is.
   *
   * @param flow the flow name
   * @return the earliest due instant of a pending entry, empty when nothing is pending
   */
  Optional<Instant> oldestDue(String flow);

  // dead letters ----------------------------------------------------------------------------

  /**
   * Dead letters of a flow, oldest first.
   *
   * @param flow the flow name
   * @param limit the most returned
   * @return the dead letters
   */
  List<DeadLetter> deadLetters(String flow, int limit);

  /**
   * One page of dead letters, in id order (keyset paging over an index: as fast on the last page
   * of 100,000 dead letters as on the first).
   *
   * @param query filters, the id to continue after and the page size
   * @return the page, possibly empty
   */
  List<DeadLetter> deadLetters(DeadLetterQuery query);

  /**
   * One dead letter.
   *
   * @param id its id
   * @return it, empty when there is no dead letter with that id (or it was replayed or discarded)
   */
  Optional<DeadLetter> deadLetter(long id);

  /**
   * Puts a dead letter back into the outbox as pending and due now; its attempts and failure
   * times are kept. Writes an audit line with actor {@code operator}.
   *
   * @param id the dead letter's id
   * @return false when there is no dead letter with that id
   */
  default boolean replay(long id) {
    return replay(id, "operator");
  }

  /**
   * Like {@link #replay(long)}, with the acting user in the audit line.
   *
   * @param id the dead letter's id
   * @param actor who replays it
   * @return false when there is no dead letter with that id
   */
  boolean replay(long id, String actor);

  /**
   * Routes dead letters to an owner (a person or team to deal with them); writes one audit line
   * ({@code routed}) per dead letter changed. Ids that are not dead letters are ignored.
   *
   * @param ids the dead letters' ids
   * @param owner the new owner ({@code ""}: nobody)
   * @param actor who routes them
   * @return how many dead letters were routed
   */
  int route(Collection<Long> ids, String owner, String actor);

  /**
   * Replays every dead letter of a flow (see {@link #replay}).
   *
   * @param flow the flow name
   * @return how many were replayed
   */
  int replayAll(String flow);

  /**
   * Drops a dead letter for good (status {@code discarded}); the reason goes to the audit log.
   *
   * @param id the dead letter's id
   * @param reason why (kept in the audit log)
   * @return false when there is no dead letter with that id
   */
  boolean discard(long id, String reason);

  // audit -----------------------------------------------------------------------------------

  /**
   * Appends an audit line. The log is append-only: this API has no way to change or delete a
   * line, and on PostgreSQL a trigger rejects UPDATE, DELETE and TRUNCATE of the table.
   *
   * @param entry the line
   */
  void append(AuditEntry entry);

  /**
   * Appends audit lines, in this order (an engine appends the lines of a batch at once). The
   * default appends them one by one; the JDBC stores write them with one statement batch in one
   * transaction, all or none.
   *
   * @param entries the lines
   */
  default void append(List<AuditEntry> entries) {
    entries.forEach(this::append);
  }

  /**
   * Reads audit lines, oldest first.
   *
   * @param query which lines
   * @return the matching lines
   */
  List<AuditEntry> audit(AuditQuery query);

  // flow control ----------------------------------------------------------------------------

  /**
   * Pauses a flow (engines check {@link #paused} before each batch; nothing is lost while paused).
   * The audit line's actor is {@code operator}.
   *
   * @param flow the flow name
   */
  default void pause(String flow) {
    pause(flow, "operator");
  }

  /**
   * Like {@link #pause(String)}, with the acting user in the audit line.
   *
   * @param flow the flow name
   * @param actor who pauses it
   */
  void pause(String flow, String actor);

  /**
   * Resumes a paused flow. The audit line's actor is {@code operator}.
   *
   * @param flow the flow name
   */
  default void resume(String flow) {
    resume(flow, "operator");
  }

  /**
   * Like {@link #resume(String)}, with the acting user in the audit line.
   *
   * @param flow the flow name
   * @param actor who resumes it
   */
  void resume(String flow, String actor);

  /**
   * Whether a flow is paused.
   *
   * @param flow the flow name
   * @return true between {@link #pause} and {@link #resume}
   */
  boolean paused(String flow);

  // run history -----------------------------------------------------------------------------

  /**
   * Keeps a finished run of a flow (engines record each run). Runs older than 30 days are
   * dropped when a newer run of the same flow is recorded.
   *
   * @param run the run
   */
  void recordRun(RunRecord run);

  /**
   * The latest runs of a flow, newest first.
   *
   * @param flow the flow name
   * @param limit the most returned (at least 1)
   * @return the runs
   */
  List<RunRecord> runs(String flow, int limit);

  /** Releases the store's connections (a data source passed in by the caller is left open). */
  @Override
  void close();

  /**
   * The JDBC database the store keeps its tables in, when it has one, for components that keep
   * their own tables beside the sync state (workflow instances, change-capture snapshots), so one
   * database and one backup hold everything. Empty for stores without a JDBC database.
   */
  default Optional<javax.sql.DataSource> database() {
    return Optional.empty();
  }
}
