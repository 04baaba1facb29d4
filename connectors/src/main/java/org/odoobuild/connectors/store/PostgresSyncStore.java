package org.odoobuild.connectors.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
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

  static PostgresSyncStore open(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
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
    // H2's small pool works over any ConnectionPoolDataSource; broken connections are dropped
    Drivers.requireH2("SyncStores.postgres(jdbcUrl, user, password) (its connection pool; or pass your own DataSource)");
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
