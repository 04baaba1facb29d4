package org.odoobuild.connectors.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.odoobuild.connectors.internal.Jdbc;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.SyncStore;

/**
 * Tamper evidence for the store's audit log: every audit line is sealed into a hash chain
 * (SHA-256 over the previous seal and the line's stored content, in the order lines were
 * sealed), {@link #verify()} recomputes the chain and names each line that was altered,
 * deleted or relinked, and {@link #retain(Duration, String)} trims old lines while keeping the
 * rest verifiable: the seal of the newest removed line is kept as an anchor, where verification
 * then starts.
 *
 * <p>The seals live in tables of their own ({@code gov_audit_chain}, {@code gov_audit_head},
 * {@code gov_audit_anchor}) in the store's database, created when the chain is opened. Audit
 * values encrypted by {@link org.odoobuild.connectors.protect.ProtectedSyncStore} are hashed as
 * stored, so verification needs no keys. Keep {@link ChainVerification#headHash()} somewhere
 * else too (a log, a ticket): it detects a rewrite of the whole chain by someone with write
 * access to the database.
 *
 * <p>Thread-safe and safe across processes: sealers and retention serialise on the head row.
 * <pre>{@code
 * AuditChain chain = AuditChain.open(store);
 * chain.seal();                                   // ProtectedSyncStore does this after each audit write
 * ChainVerification v = chain.verify();           // the verification command
 * chain.retain(Duration.ofDays(400), "retention"); // the cleanup job
 * }</pre>
 */
public final class AuditChain {
  /** The most problems a verification reports. */
  public static final int MAX_PROBLEMS = 100;
  /** The previous hash of the first line ever sealed. */
  public static final String GENESIS = "0".repeat(64);
  private static final int PAGE = 500;
  /** How far below the newest sealed line sealing looks for lines committed late (ids are handed out before commit). */
  private static final long LOOKBACK = 10_000;
  private static final String AUDIT_COLUMNS = "a.id, a.at, a.actor, a.action, a.flow, a.entity_type, a.entity_key, "
      + "a.correlation_id, a.before_json, a.after_json, a.detail";

  private final SyncStore store;
  private final DataSource ds;
  private final Clock clock;
  private final boolean postgres;

  private AuditChain(SyncStore store, DataSource ds, Clock clock) {
    this.store = store;
    this.ds = ds;
    this.clock = clock;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
      s.execute("CREATE TABLE IF NOT EXISTS gov_audit_chain (seq BIGINT PRIMARY KEY, audit_id BIGINT NOT NULL UNIQUE, "
          + "prev_hash VARCHAR(64) NOT NULL, row_hash VARCHAR(64) NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS gov_audit_head (id INT PRIMARY KEY, seq BIGINT NOT NULL, "
          + "row_hash VARCHAR(64) NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS gov_audit_anchor (seq BIGINT PRIMARY KEY, row_hash VARCHAR(64) NOT NULL, "
          + "removed BIGINT NOT NULL, at BIGINT NOT NULL, actor VARCHAR(256) NOT NULL)");
      s.execute("INSERT INTO gov_audit_head (id, seq, row_hash) VALUES (1, 0, '" + GENESIS + "') ON CONFLICT DO NOTHING");
      if (postgres) {
        // the store's append-only trigger, letting through only deletes of the retention job (a transaction-local setting)
        s.execute("CREATE OR REPLACE FUNCTION sync_audit_append_only() RETURNS trigger AS $$ BEGIN "
            + "IF TG_OP = 'DELETE' AND current_setting('odoobuild.audit_retention', true) = 'on' THEN RETURN OLD; END IF; "
            + "RAISE EXCEPTION 'sync_audit is append-only (% refused)', TG_OP USING ERRCODE = '42501'; END $$ "
            + "LANGUAGE plpgsql");
      }
    } catch (SQLException e) {
      throw new AuditChainException("cannot create the audit chain tables", e);
    }
  }

  /**
   * The chain over a store's audit log (tables created if absent).
   *
   * @param store a store with a JDBC database
   * @return the chain
   */
  public static AuditChain open(SyncStore store) {
    return open(store, Clock.systemUTC());
  }

  /**
   * Like {@link #open(SyncStore)} with a clock for retention.
   *
   * @param store a store with a JDBC database
   * @param clock the clock
   * @return the chain
   */
  public static AuditChain open(SyncStore store, Clock clock) {
    Objects.requireNonNull(store, "store");
    DataSource ds = store.database()
        .orElseThrow(() -> new IllegalArgumentException("the audit chain needs a store with a JDBC database"));
    return new AuditChain(store, ds, Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Seals every audit line not sealed yet, oldest first.
   *
   * @return how many lines were sealed
   */
  public int seal() {
    return inTransaction(c -> {
      long[] seq = {0};
      String[] prev = {""};
      try (PreparedStatement p = c.prepareStatement("SELECT seq, row_hash FROM gov_audit_head WHERE id = 1 FOR UPDATE");
          ResultSet r = p.executeQuery()) {
        r.next();
        seq[0] = r.getLong(1);
        prev[0] = r.getString(2);
      }
      long from;
      try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(audit_id), 0) FROM gov_audit_chain");
          ResultSet r = p.executeQuery()) {
        r.next();
        from = r.getLong(1) - LOOKBACK;
      }
      int n = 0;
      while (true) {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + AUDIT_COLUMNS + " FROM sync_audit a WHERE a.id > ? "
            + "AND NOT EXISTS (SELECT 1 FROM gov_audit_chain c WHERE c.audit_id = a.id) ORDER BY a.id LIMIT " + PAGE)) {
          p.setLong(1, from);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              rows.add(new Object[] {r.getLong(1), contentHash(r, 0)});
            }
          }
        }
        if (rows.isEmpty()) {
          break;
        }
        try (PreparedStatement i = c.prepareStatement(
            "INSERT INTO gov_audit_chain (seq, audit_id, prev_hash, row_hash) VALUES (?, ?, ?, ?)")) {
          for (Object[] row : rows) {
            seq[0]++;
            String h = link(prev[0], (String) row[1]);
            i.setLong(1, seq[0]);
            i.setLong(2, (Long) row[0]);
            i.setString(3, prev[0]);
            i.setString(4, h);
            i.addBatch();
            prev[0] = h;
            n++;
          }
          i.executeBatch();
        }
        if (rows.size() < PAGE) {
          break;
        }
      }
      if (n > 0) {
        try (PreparedStatement u = c.prepareStatement("UPDATE gov_audit_head SET seq = ?, row_hash = ? WHERE id = 1")) {
          u.setLong(1, seq[0]);
          u.setString(2, prev[0]);
          u.executeUpdate();
        }
      }
      return n;
    });
  }

  /**
   * Recomputes the chain from the newest retention anchor (or the first line) to the head.
   * Changes nothing.
   *
   * @return what was found
   */
  public ChainVerification verify() {
    return inTransaction(this::verifyIn);
  }

  private ChainVerification verifyIn(Connection c) throws SQLException {
    List<ChainVerification.Problem> problems = new ArrayList<>();
    long expectSeq = 1;
    String prev = GENESIS;
    try (PreparedStatement p = c.prepareStatement("SELECT seq, row_hash FROM gov_audit_anchor ORDER BY seq DESC LIMIT 1");
        ResultSet r = p.executeQuery()) {
      if (r.next()) {
        expectSeq = r.getLong(1) + 1;
        prev = r.getString(2);
      }
    }
    long headSeq;
    String headHash;
    try (PreparedStatement p = c.prepareStatement("SELECT seq, row_hash FROM gov_audit_head WHERE id = 1");
        ResultSet r = p.executeQuery()) {
      r.next();
      headSeq = r.getLong(1);
      headHash = r.getString(2);
    }
    long checked = 0;
    long after = expectSeq - 1;
    while (true) {
      int rows = 0;
      try (PreparedStatement p = c.prepareStatement("SELECT c.seq, c.audit_id, c.prev_hash, c.row_hash, " + AUDIT_COLUMNS
          + " FROM gov_audit_chain c LEFT JOIN sync_audit a ON a.id = c.audit_id WHERE c.seq > ? ORDER BY c.seq LIMIT "
          + PAGE)) {
        p.setLong(1, after);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows++;
            long seq = r.getLong(1);
            long auditId = r.getLong(2);
            String storedPrev = r.getString(3);
            String stored = r.getString(4);
            if (seq != expectSeq) {
              add(problems, seq, auditId, "gap", "seals " + expectSeq + " to " + (seq - 1) + " are missing");
            }
            if (!storedPrev.equals(prev)) {
              add(problems, seq, auditId, "relinked", "the seal does not point at the line before it");
            }
            r.getLong(5);
            if (r.wasNull()) {
              add(problems, seq, auditId, "deleted", "audit line " + auditId + " was deleted");
            } else if (!link(storedPrev, contentHash(r, 4)).equals(stored)) {
              add(problems, seq, auditId, "altered", "audit line " + auditId + " changed after it was sealed");
            }
            prev = stored;
            expectSeq = seq + 1;
            after = seq;
            checked++;
          }
        }
      }
      if (rows < PAGE) {
        break;
      }
    }
    if (expectSeq - 1 != headSeq || !prev.equals(headHash)) {
      add(problems, headSeq, 0, "head", "the chain ends at seal " + (expectSeq - 1) + " but its head is seal " + headSeq);
    }
    long unsealed;
    try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM sync_audit a WHERE NOT EXISTS "
        + "(SELECT 1 FROM gov_audit_chain c WHERE c.audit_id = a.id)"); ResultSet r = p.executeQuery()) {
      r.next();
      unsealed = r.getLong(1);
    }
    return new ChainVerification(problems.isEmpty(), checked, unsealed, headHash, problems);
  }

  private static void add(List<ChainVerification.Problem> problems, long seq, long id, String kind, String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new ChainVerification.Problem(seq, id, kind, message));
    }
  }

  /**
   * The retention job: seals, verifies, then removes the sealed audit lines older than
   * {@code keep} (a prefix of the chain: it stops at the first newer line) and records the
   * seal of the newest removed line as an anchor, so the remaining chain still verifies. Writes
   * an audit line ({@code audit_retention}) with the count. Refuses to trim a broken chain.
   *
   * @param keep how long lines are kept
   * @param actor who runs the job
   * @return how many lines were removed
   * @throws AuditChainException when the chain does not verify (nothing is removed)
   */
  public long retain(Duration keep, String actor) {
    Objects.requireNonNull(keep, "keep");
    Objects.requireNonNull(actor, "actor");
    long cutoff = clock.instant().minus(keep).toEpochMilli();
    seal();
    long removed = inTransaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT seq FROM gov_audit_head WHERE id = 1 FOR UPDATE")) {
        p.executeQuery().close();
      }
      ChainVerification v = verifyIn(c);
      if (!v.intact()) {
        throw new AuditChainException("the audit chain does not verify (" + v.problems().get(0).message()
            + "); retention refused", null);
      }
      long upTo;
      try (PreparedStatement p = c.prepareStatement("SELECT MIN(c.seq) FROM gov_audit_chain c JOIN sync_audit a "
          + "ON a.id = c.audit_id WHERE a.at >= ?")) {
        p.setLong(1, cutoff);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          long first = r.getLong(1);
          upTo = r.wasNull() ? Long.MAX_VALUE : first - 1;
        }
      }
      String anchor = null;
      long last = 0;
      try (PreparedStatement p = c.prepareStatement(
          "SELECT seq, row_hash FROM gov_audit_chain WHERE seq <= ? ORDER BY seq DESC LIMIT 1")) {
        p.setLong(1, upTo);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            last = r.getLong(1);
            anchor = r.getString(2);
          }
        }
      }
      if (anchor == null) {
        return 0L;
      }
      try (Statement s = c.createStatement()) {
        s.execute(postgres ? "SET LOCAL odoobuild.audit_retention = 'on'" : "SET @sync_audit_retention = 1");
      }
      long n;
      try {
        try (PreparedStatement d = c.prepareStatement(
            "DELETE FROM sync_audit WHERE id IN (SELECT audit_id FROM gov_audit_chain WHERE seq <= ?)")) {
          d.setLong(1, last);
          n = d.executeUpdate();
        }
      } finally {
        if (!postgres) {
          try (Statement s = c.createStatement()) {
            s.execute("SET @sync_audit_retention = NULL");
          }
        }
      }
      try (PreparedStatement d = c.prepareStatement("DELETE FROM gov_audit_chain WHERE seq <= ?")) {
        d.setLong(1, last);
        d.executeUpdate();
      }
      try (PreparedStatement i = c.prepareStatement(
          "INSERT INTO gov_audit_anchor (seq, row_hash, removed, at, actor) VALUES (?, ?, ?, ?, ?)")) {
        i.setLong(1, last);
        i.setString(2, anchor);
        i.setLong(3, n);
        i.setLong(4, clock.millis());
        i.setString(5, actor.length() > 256 ? actor.substring(0, 256) : actor);
        i.executeUpdate();
      }
      return n;
    });
    if (removed > 0) {
      store.append(AuditEntry.of(clock.instant(), actor, "audit_retention")
          .withDetail("removed " + removed + " audit lines older than " + Instant.ofEpochMilli(cutoff)));
      seal();
    }
    return removed;
  }

  /** The canonical content hash of an audit row whose columns ({@link #AUDIT_COLUMNS}) follow column {@code offset}. */
  private static String contentHash(ResultSet r, int offset) throws SQLException {
    StringBuilder b = new StringBuilder(256);
    b.append(r.getLong(offset + 1)).append('|').append(r.getLong(offset + 2)).append('|');
    for (int col = offset + 3; col <= offset + 11; col++) {
      String s = r.getString(col);
      s = s == null ? "" : s;
      b.append(s.length()).append(':').append(s).append('|');
    }
    return sha256(b.toString());
  }

  private static String link(String prev, String contentHash) {
    return sha256(prev + contentHash);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private <T> T inTransaction(Jdbc.TxWork<T> work) {
    try (Connection c = ds.getConnection()) {
      return Jdbc.inTransaction(c, work);
    } catch (SQLException e) {
      throw new AuditChainException("audit chain transaction failed", e);
    }
  }

  @Override
  public String toString() {
    return "AuditChain{" + store + "}";
  }
}
