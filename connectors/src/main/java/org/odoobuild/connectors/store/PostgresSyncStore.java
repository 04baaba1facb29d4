package org.odoobuild.connectors.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The shared {@link SyncStore} on PostgreSQL (11 or later): several engine instances, in one or
 * many processes, may use one database at once. Outbox work is claimed with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} and a lease; schema creation is serialised with an
 * advisory lock; a trigger rejects UPDATE, DELETE and TRUNCATE on the audit table.
 *
 * <p>The password is handed to the driver and kept nowhere else: it is not part of
 * {@link #toString()}, log lines or exception messages (a {@code password=} URL parameter is
 * masked too).
 */
public final class PostgresSyncStore extends JdbcSyncStore {
  private static final long MIGRATION_LOCK_ID = 0x5359_4E43_0001L; // "SYNC" 1
  /** Default size of the connection pool opened by {@link #open(String, String, String)}. */
  public static final int DEFAULT_POOL_SIZE = 8;

  private PostgresSyncStore(DataSource ds, AutoCloseable closer, String description, Clock clock) {
    super(ds, closer, description, clock);
  }

  /**
   * Opens a store with its own connection pool ({@value #DEFAULT_POOL_SIZE} connections).
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/sync} (a {@code currentSchema} parameter
   *     selects the schema)
   * @param user the database user
   * @param password the password ({@code ""} for trust or peer authentication)
   * @return the store
   * @throws StoreException when the database cannot be reached or the schema cannot be created, or
   *     the PostgreSQL driver or H2 (whose connection pool this uses) is not on the class path
   */
  public static PostgresSyncStore open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
  }

  /**
   * Opens a store with its own connection pool.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the database user
   * @param password the password ({@code ""} for none)
   * @param poolSize the most connections held
   * @return the store
   */
  public static PostgresSyncStore open(String jdbcUrl, String user, String password, int poolSize) {
    return open(jdbcUrl, user, password, poolSize, Clock.systemUTC());
  }

  /**
   * Opens a store whose leases, due times and timestamps follow {@code clock} (for tests that let
   * leases run out without waiting).
   *
   * @param jdbcUrl the JDBC URL
   * @param user the database user
   * @param password the password ({@code ""} for none)
   * @param poolSize the most connections held
   * @param clock the clock
   * @return the store
   */
  public static PostgresSyncStore open(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1");
    }
    Drivers.requirePostgres("SyncStores.postgres(jdbcUrl, user, password)");
    Pools.Pool pool = Pools.postgres(jdbcUrl, user, password, poolSize);
    return new PostgresSyncStore(pool.dataSource(), pool.closer(), "PostgreSQL at " + redact(jdbcUrl) + " as " + user,
        clock);
  }

  /**
   * A store over a data source the application manages (and closes: {@link #close()} leaves it
   * open).
   *
   * @param dataSource a PostgreSQL data source, ideally pooled
   * @return the store
   */
  public static PostgresSyncStore open(DataSource dataSource) {
    return new PostgresSyncStore(Objects.requireNonNull(dataSource, "dataSource"), () -> { },
        "PostgreSQL data source", Clock.systemUTC());
  }

  static PostgresSyncStore open(DataSource dataSource, Clock clock) {
    return new PostgresSyncStore(dataSource, () -> { }, "PostgreSQL data source", clock);
  }

  // liveness: a session advisory lock per announced run, held by one connection the store keeps open

  private final Object liveLock = new Object();
  private final Set<String> announced = new HashSet<>();
  private Connection session;

  @Override
  public Liveness announce(String owner) {
    OutboxEntry.requireText(owner, "owner");
    synchronized (liveLock) {
      if (announced.contains(owner)) {
        throw new IllegalStateException("run " + owner + " is announced already");
      }
      try {
        lock(ensureSession(), owner);
      } catch (SQLException e) {
        throw new StoreException("cannot announce a run in " + description(), e);
      }
      announced.add(owner);
    }
    java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        synchronized (liveLock) {
          announced.remove(owner);
          if (session != null) {
            try (PreparedStatement p = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
              p.setLong(1, lockKey(owner));
              p.execute();
            } catch (SQLException e) {
              closeSession(); // a broken session holds no lock anyway; the next use opens a new one
            }
          }
        }
      }
    };
  }

  @Override
  public boolean alive(String owner) {
    synchronized (liveLock) {
      if (announced.contains(owner)) {
        return true;
      }
    }
    // a run is alive while some session holds its lock: try to take it for this transaction only
    try (Connection c = borrow()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
        p.setLong(1, lockKey(owner));
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return !r.getBoolean(1);
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot ask whether a run is alive in " + description(), e);
    }
  }

  @Override
  void renewed() {
    synchronized (liveLock) {
      if (!announced.isEmpty()) {
        try {
          ensureSession();
        } catch (SQLException e) {
          throw new StoreException("cannot keep runs announced in " + description(), e);
        }
      }
    }
  }

  /** The session holding the locks; after it broke (e.g. a database restart), a new one that takes them again. */
  private Connection ensureSession() throws SQLException {
    if (session != null && session.isValid(5)) {
      return session;
    }
    closeSession();
    Connection c = borrow();
    c.setAutoCommit(true);
    session = c;
    for (String owner : announced) {
      lock(c, owner);
    }
    return c;
  }

  private static void lock(Connection c, String owner) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
      p.setLong(1, lockKey(owner));
      p.execute();
    }
  }

  private void closeSession() {
    if (session != null) {
      try {
        session.close();
      } catch (SQLException ignored) {
        // broken already
      }
      session = null;
    }
  }

  /** A 64-bit lock key for a run (SHA-256 prefix, with a prefix of its own so it meets no other lock). */
  static long lockKey(String owner) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(("odoobuild-sync-run:" + owner).getBytes(StandardCharsets.UTF_8));
      long k = 0;
      for (int i = 0; i < 8; i++) {
        k = (k << 8) | (h[i] & 0xff);
      }
      return k;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    synchronized (liveLock) {
      closeSession();
    }
    super.close();
  }

  @Override
  boolean unnestInserts() {
    return true;
  }

  @Override
  void lockForMigration(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_ID + ")");
    }
  }

  @Override
  List<String> dialectDdl(int version) {
    if (version != 1) {
      return List.of();
    }
    return List.of(
        "CREATE OR REPLACE FUNCTION sync_audit_append_only() RETURNS trigger AS $$ BEGIN "
            + "RAISE EXCEPTION 'sync_audit is append-only (% refused)', TG_OP USING ERRCODE = '42501'; END $$ "
            + "LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS sync_audit_no_change ON sync_audit",
        "CREATE TRIGGER sync_audit_no_change BEFORE UPDATE OR DELETE ON sync_audit "
            + "FOR EACH ROW EXECUTE FUNCTION sync_audit_append_only()",
        "DROP TRIGGER IF EXISTS sync_audit_no_truncate ON sync_audit",
        "CREATE TRIGGER sync_audit_no_truncate BEFORE TRUNCATE ON sync_audit "
            + "FOR EACH STATEMENT EXECUTE FUNCTION sync_audit_append_only()");
  }

  /** Masks credentials that may sit in a JDBC URL. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }
}
