package org.odoobuild.connectors.protect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.odoobuild.connectors.audit.AuditChain;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.ClaimedEntry;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.DeadLetterQuery;
import org.odoobuild.connectors.store.DeliveryIntent;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.RunRecord;
import org.odoobuild.connectors.store.StoreException;
import org.odoobuild.connectors.store.SyncStore;

/**
 * A {@link SyncStore} with data protection on: outbox payloads (and so dead letters) and the
 * before/after values of audit lines are encrypted at rest ({@link FieldCipher}, AES-GCM, the key
 * id stored with each value) and decrypted on the way out; audit lines read through
 * {@link #audit(AuditQuery)} are masked by the {@link MaskingRules} (use {@link #auditUnmasked}
 * where the clear values are needed); and every write that adds audit lines seals them into the
 * {@link AuditChain}, when one is configured.
 *
 * <p>Rotation without downtime: give the key provider a new current key while it still knows
 * the old ones; new values use the new key at once, old values stay readable, and
 * {@link #rewrap(int)} re-encrypts stored payloads under the new key a page at a time while
 * engines run. Audit values are never rewritten (the log is append-only and sealed): keep an old
 * key until the retention job has removed the lines it wrote.
 *
 * <p>Thread-safe when the wrapped store is; closing closes the wrapped store.
 * <pre>{@code
 * SyncStore store = ProtectedSyncStore.builder(SyncStores.postgres(url, user, password))
 *     .encryption(keyRing).masking(MaskingRules.defaults()).sealAudit(true).build();
 * }</pre>
 */
public final class ProtectedSyncStore implements SyncStore {
  private final SyncStore store;
  private final Optional<FieldCipher> cipher;
  private final MaskingRules masking;
  private final Optional<AuditChain> chain;

  private ProtectedSyncStore(Builder b) {
    this.store = b.store;
    this.cipher = b.keys.map(FieldCipher::new);
    this.masking = b.masking;
    this.chain = b.seal ? Optional.of(AuditChain.open(b.store)) : Optional.empty();
  }

  /**
   * A builder around a store (nothing on until configured).
   *
   * @param store the store to protect
   * @return the builder
   */
  public static Builder builder(SyncStore store) {
    return new Builder(store);
  }

  /** The audit chain the store seals into, when {@link Builder#sealAudit} is on. */
  public Optional<AuditChain> auditChain() {
    return chain;
  }

  /** The masking rules of audit views. */
  public MaskingRules masking() {
    return masking;
  }

  /**
   * A payload as this store keeps it at rest (encrypted with the current key when encryption is
   * on), for components that write payloads beside the store (e.g. a case's corrected payload).
   *
   * @param plain the payload
   * @return the stored form
   */
  public String protectPayload(String plain) {
    return protect(Objects.requireNonNull(plain, "plain"));
  }

  private String protect(String plain) {
    return cipher.map(c -> c.encrypt(plain)).orElse(plain);
  }

  private String reveal(String stored) {
    if (cipher.isPresent()) {
      return cipher.get().decrypt(stored);
    }
    if (FieldCipher.keyId(stored).isPresent()) {
      throw new ProtectionException("an encrypted value was read from a store opened without keys", null);
    }
    return stored;
  }

  private <T> T sealing(T result) {
    chain.ifPresent(AuditChain::seal);
    return result;
  }

  // cursors and idempotency ------------------------------------------------------------------

  @Override
  public Optional<String> cursor(String flow) {
    return store.cursor(flow);
  }

  @Override
  public void commit(String flow, String cursor, Map<String, String> processedKeys) {
    store.commit(flow, cursor, processedKeys);
  }

  /** Encrypts the audit lines' before and after values, commits them with the keys, and seals once. */
  @Override
  public void commit(String flow, String cursor, Map<String, String> processedKeys, List<AuditEntry> audit) {
    store.commit(flow, cursor, processedKeys, protect(audit));
    if (!audit.isEmpty()) {
      sealing(null);
    }
  }

  @Override
  public boolean seen(String idempotencyKey) {
    return store.seen(idempotencyKey);
  }

  @Override
  public java.util.Set<String> seen(Collection<String> idempotencyKeys) {
    return store.seen(idempotencyKeys);
  }

  @Override
  public boolean markProcessed(String idempotencyKey, String resultRef) {
    return store.markProcessed(idempotencyKey, resultRef);
  }

  @Override
  public Optional<String> processedResult(String idempotencyKey) {
    return store.processedResult(idempotencyKey);
  }

  @Override
  public int markProcessed(Map<String, String> processedKeys) {
    return store.markProcessed(processedKeys);
  }

  /** Encrypts the audit lines' before and after values, records them with the keys, and seals once. */
  @Override
  public int markProcessed(Map<String, String> processedKeys, List<AuditEntry> audit) {
    int n = store.markProcessed(processedKeys, protect(audit));
    if (!audit.isEmpty()) {
      sealing(null);
    }
    return n;
  }

  @Override
  public java.util.Set<String> handled(Collection<String> idempotencyKeys) {
    return store.handled(idempotencyKeys);
  }

  // delivery intents and liveness --------------------------------------------------------------

  @Override
  public Map<String, DeliveryIntent> beginDelivery(String owner, Collection<String> idempotencyKeys) {
    return store.beginDelivery(owner, idempotencyKeys);
  }

  @Override
  public boolean takeOverDelivery(DeliveryIntent previous, String owner) {
    return store.takeOverDelivery(previous, owner);
  }

  @Override
  public void deliveryOutcomeUnknown(String owner, Collection<String> idempotencyKeys, String detail) {
    store.deliveryOutcomeUnknown(owner, idempotencyKeys, detail);
  }

  @Override
  public void endDelivery(String owner, Collection<String> idempotencyKeys) {
    store.endDelivery(owner, idempotencyKeys);
  }

  @Override
  public List<DeliveryIntent> deliveryIntents(String keyPrefix, int limit) {
    return store.deliveryIntents(keyPrefix, limit);
  }

  @Override
  public Liveness announce(String owner) {
    return store.announce(owner);
  }

  @Override
  public boolean alive(String owner) {
    return store.alive(owner);
  }

  // outbox -----------------------------------------------------------------------------------

  private OutboxEntry protect(OutboxEntry e) {
    return new OutboxEntry(e.flow(), e.idempotencyKey(), e.orderingKey(), protect(e.payload()), e.headers(),
        e.availableAt());
  }

  @Override
  public boolean enqueue(OutboxEntry entry) {
    return store.enqueue(protect(Objects.requireNonNull(entry, "entry")));
  }

  @Override
  public List<ClaimedEntry> claim(String flow, String workerId, int max, Duration lease) {
    return store.claim(flow, workerId, max, lease).stream().map(e -> new ClaimedEntry(e.id(), e.flow(),
        e.idempotencyKey(), e.orderingKey(), reveal(e.payload()), e.headers(), e.attempts(), e.leaseUntil())).toList();
  }

  @Override
  public boolean complete(long id, String workerId) {
    return store.complete(id, workerId);
  }

  @Override
  public java.util.Set<Long> complete(Collection<Long> ids, String workerId) {
    return store.complete(ids, workerId);
  }

  @Override
  public java.util.Set<Long> renew(Collection<Long> ids, String workerId, Duration lease) {
    return store.renew(ids, workerId, lease);
  }

  @Override
  public boolean release(long id, String workerId, Instant retryAt) {
    return store.release(id, workerId, retryAt);
  }

  @Override
  public boolean fail(long id, String workerId, String error, Instant retryAt) {
    return store.fail(id, workerId, error, retryAt);
  }

  @Override
  public boolean deadLetter(long id, String workerId, String error) {
    return store.deadLetter(id, workerId, error);
  }

  @Override
  public boolean deadLetter(long id, String workerId, String errorType, String errorMessage) {
    return store.deadLetter(id, workerId, errorType, errorMessage);
  }

  @Override
  public void deadLetter(OutboxEntry entry, String error) {
    store.deadLetter(protect(Objects.requireNonNull(entry, "entry")), error);
  }

  @Override
  public Map<OutboxStatus, Long> outboxCounts(String flow) {
    return store.outboxCounts(flow);
  }

  @Override
  public Optional<Instant> oldestDue(String flow) {
    return store.oldestDue(flow);
  }

  // dead letters -----------------------------------------------------------------------------

  private DeadLetter reveal(DeadLetter d) {
    return new DeadLetter(d.id(), d.flow(), d.idempotencyKey(), d.orderingKey(), reveal(d.payload()), d.headers(),
        d.errorType(), d.errorMessage(), d.attempts(), d.firstFailureAt(), d.lastFailureAt(), d.owner());
  }

  @Override
  public List<DeadLetter> deadLetters(String flow, int limit) {
    return store.deadLetters(flow, limit).stream().map(this::reveal).toList();
  }

  @Override
  public List<DeadLetter> deadLetters(DeadLetterQuery query) {
    return store.deadLetters(query).stream().map(this::reveal).toList();
  }

  @Override
  public Optional<DeadLetter> deadLetter(long id) {
    return store.deadLetter(id).map(this::reveal);
  }

  @Override
  public boolean replay(long id, String actor) {
    return sealing(store.replay(id, actor));
  }

  @Override
  public int route(Collection<Long> ids, String owner, String actor) {
    return sealing(store.route(ids, owner, actor));
  }

  @Override
  public int replayAll(String flow) {
    return sealing(store.replayAll(flow));
  }

  @Override
  public boolean discard(long id, String reason) {
    return sealing(store.discard(id, reason));
  }

  // audit ------------------------------------------------------------------------------------

  /** Encrypts the before and after values, appends, and seals. */
  @Override
  public void append(AuditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    store.append(entry.withChange(protect(entry.before()), protect(entry.after())));
    sealing(null);
  }

  /** Encrypts the before and after values of every line, appends them at once, and seals once. */
  @Override
  public void append(List<AuditEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      return;
    }
    store.append(protect(entries));
    sealing(null);
  }

  private List<AuditEntry> protect(List<AuditEntry> entries) {
    List<AuditEntry> stored = new ArrayList<>(entries.size());
    for (AuditEntry e : entries) {
      Objects.requireNonNull(e, "entry");
      stored.add(e.withChange(protect(e.before()), protect(e.after())));
    }
    return stored;
  }

  /** Audit lines with before and after decrypted and masked by the {@link MaskingRules}. */
  @Override
  public List<AuditEntry> audit(AuditQuery query) {
    return auditUnmasked(query).stream()
        .map(a -> a.withChange(masking.maskJson(a.before()), masking.maskJson(a.after()))).toList();
  }

  /**
   * Audit lines with before and after decrypted and not masked (for investigations by people
   * allowed to see them).
   *
   * @param query which lines
   * @return the lines
   */
  public List<AuditEntry> auditUnmasked(AuditQuery query) {
    return store.audit(query).stream().map(a -> a.withChange(reveal(a.before()), reveal(a.after()))).toList();
  }

  // flow control -----------------------------------------------------------------------------

  @Override
  public void pause(String flow, String actor) {
    store.pause(flow, actor);
    sealing(null);
  }

  @Override
  public void resume(String flow, String actor) {
    store.resume(flow, actor);
    sealing(null);
  }

  @Override
  public boolean paused(String flow) {
    return store.paused(flow);
  }

  @Override
  public void recordRun(RunRecord run) {
    store.recordRun(run);
  }

  @Override
  public List<RunRecord> runs(String flow, int limit) {
    return store.runs(flow, limit);
  }

  @Override
  public Optional<DataSource> database() {
    return store.database();
  }

  @Override
  public void close() {
    store.close();
  }

  // rotation ---------------------------------------------------------------------------------

  /**
   * Re-encrypts up to {@code max} stored outbox payloads (pending, claimed, dead or delivered)
   * that are in clear text or under an older key, with the current key. Safe while engines run:
   * each row is rewritten only if it still holds the value read. Call it until it returns 0 to
   * finish a rotation (or to encrypt what was stored before encryption was switched on).
   *
   * @param max the most payloads rewritten by this call
   * @return how many payloads were rewritten
   */
  public int rewrap(int max) {
    FieldCipher c = cipher.orElseThrow(() -> new IllegalStateException("encryption is off: nothing to rewrap"));
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    DataSource ds = store.database().orElseThrow(() -> new IllegalStateException("the store has no JDBC database"));
    String current = FieldCipher.PREFIX + c.keys().currentKeyId() + ":";
    try (Connection con = ds.getConnection()) {
      List<Object[]> stale = new ArrayList<>();
      try (PreparedStatement p = con.prepareStatement("SELECT id, payload FROM sync_outbox WHERE payload <> '' "
          + "AND payload NOT LIKE ? ORDER BY id LIMIT ?")) {
        p.setString(1, current.replace("_", "\\_") + "%");
        p.setInt(2, max);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            stale.add(new Object[] {r.getLong(1), r.getString(2)});
          }
        }
      }
      int n = 0;
      try (PreparedStatement u = con.prepareStatement("UPDATE sync_outbox SET payload = ? WHERE id = ? AND payload = ?")) {
        for (Object[] row : stale) {
          String was = (String) row[1];
          u.setString(1, c.encrypt(c.decrypt(was)));
          u.setLong(2, (Long) row[0]);
          u.setString(3, was);
          n += u.executeUpdate();
        }
      }
      return n;
    } catch (SQLException e) {
      throw new StoreException("cannot re-encrypt outbox payloads", e);
    }
  }

  @Override
  public String toString() {
    return "ProtectedSyncStore{" + store + ", encrypted=" + cipher.isPresent() + ", sealed=" + chain.isPresent() + "}";
  }

  /** Configures a {@link ProtectedSyncStore}; not thread-safe. */
  public static final class Builder {
    private final SyncStore store;
    private Optional<KeyProvider> keys = Optional.empty();
    private MaskingRules masking = MaskingRules.none();
    private boolean seal;

    private Builder(SyncStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Encrypts payloads and audit values with keys from this provider.
     *
     * @param provider the key provider
     * @return this builder
     */
    public Builder encryption(KeyProvider provider) {
      this.keys = Optional.of(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * Masks audit views with these rules (default none).
     *
     * @param rules the rules
     * @return this builder
     */
    public Builder masking(MaskingRules rules) {
      this.masking = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /**
     * Seals audit lines into an {@link AuditChain} after every write that adds some (needs a
     * store with a JDBC database).
     *
     * @param on whether to seal
     * @return this builder
     */
    public Builder sealAudit(boolean on) {
      this.seal = on;
      return this;
    }

    /** Builds the store. */
    public ProtectedSyncStore build() {
      return new ProtectedSyncStore(this);
    }
  }
}
