package org.odoobuild.connectors.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the engine must not forget: cursors, idempotency keys, the outbox, dead letters,
 * the audit log and flow pauses. Implementations: {@link SyncStores#embedded} (H2 file, zero
 * set-up) and {@link SyncStores#postgres} (shared by several engine instances). Thread-safe.
 */
public interface SyncStore extends AutoCloseable {

  // cursors and idempotency -----------------------------------------------------------------

  /** The flow's stored cursor. */
  Optional<String> cursor(String flow);

  /**
   * Stores the cursor and records the processed idempotency keys (key → result reference) in
   * one transaction: either both happen or neither.
   */
  void commit(String flow, String cursor, Map<String, String> processedKeys);

  /** Whether a key was processed. */
  boolean seen(String idempotencyKey);

  /** Records a processed key; false when it was already recorded (by anyone). */
  boolean markProcessed(String idempotencyKey, String resultRef);

  /** The result reference stored with a processed key. */
  Optional<String> processedResult(String idempotencyKey);

  // outbox ----------------------------------------------------------------------------------

  /** Adds an entry; false when an entry with its idempotency key exists (nothing changes). */
  boolean enqueue(OutboxEntry entry);

  /**
   * Reserves up to {@code max} deliverable entries of a flow for {@code workerId} for
   * {@code lease}: pending entries that are due, and entries whose lease ran out. Only the
   * oldest undelivered entry of each ordering key is deliverable. Safe across processes.
   */
  List<ClaimedEntry> claim(String flow, String workerId, int max, Duration lease);

  /** Marks a claimed entry delivered. */
  void complete(long id, String workerId);

  /** Gives a claimed entry back for a later attempt (attempts + 1). */
  void fail(long id, String workerId, String error, Instant retryAt);

  /** Moves a claimed entry to the dead letters (attempts + 1). */
  void deadLetter(long id, String workerId, String error);

  /**
   * Dead-letters a record that never was in the outbox (e.g. refused in a pull), keeping its
   * payload so it can be replayed; an existing entry with the same key is dead-lettered instead.
   */
  void deadLetter(OutboxEntry entry, String error);

  /** Entry counts by status ({@code pending}, {@code claimed}, {@code done}, {@code dead}, {@code discarded}). */
  Map<String, Long> outboxCounts(String flow);

  // dead letters ----------------------------------------------------------------------------

  /** Dead letters of a flow, oldest first. */
  List<DeadLetter> deadLetters(String flow, int limit);

  /** One dead letter. */
  Optional<DeadLetter> deadLetter(long id);

  /** Puts a dead letter back into the outbox as due now (its attempts are kept). */
  void replay(long id);

  /** Replays every dead letter of a flow; returns how many. */
  int replayAll(String flow);

  /** Drops a dead letter for good; the reason goes to the audit log. */
  void discard(long id, String reason);

  // audit -----------------------------------------------------------------------------------

  /** Appends an audit line (the log cannot be changed or deleted through this API). */
  void append(AuditEntry entry);

  /** Reads audit lines, oldest first. */
  List<AuditEntry> audit(AuditQuery query);

  // flow control ----------------------------------------------------------------------------

  /** Pauses a flow. */
  void pause(String flow);

  /** Resumes a flow. */
  void resume(String flow);

  /** Whether a flow is paused. */
  boolean paused(String flow);

  /** Releases connections. */
  @Override
  void close();
}
