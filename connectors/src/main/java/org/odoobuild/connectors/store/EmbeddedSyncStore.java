package org.odoobuild.connectors.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The zero set-up {@link SyncStore}: an H2 database (PostgreSQL mode) in a directory, or in
 * memory for tests. One process at a time opens a file store (H2 locks the file); any number of
 * threads may use it. The audit table rejects UPDATE and DELETE through an H2 trigger. A commit
 * is in the file when it returns, so a killed process loses nothing it committed; the file is
 * not forced to the disk on every commit (an operating-system crash or power loss may lose the
 * last commits: use {@link PostgresSyncStore} where that matters).
 * <pre>{@code
 * try (SyncStore store = SyncStores.embedded(Path.of("var/sync"))) { ... }
 * }</pre>
 */
public final class EmbeddedSyncStore extends JdbcSyncStore {
  private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
      + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";

  private EmbeddedSyncStore(DataSource ds, AutoCloseable closer, String description, Clock clock) {
    super(ds, closer, description, clock);
  }

  /**
   * Opens (creating if needed) the store in {@code dir} (file {@code sync.mv.db}).
   *
   * @param dir the directory, created if absent
   * @return the store
   * @throws StoreException when the directory or the database cannot be opened, or H2
   *     ({@code com.h2database:h2}, an optional dependency) is not on the class path
   */
  public static EmbeddedSyncStore open(Path dir) {
    return open(dir, Clock.systemUTC());
  }

  static EmbeddedSyncStore open(Path dir, Clock clock) {
    Objects.requireNonNull(dir, "dir");
    Drivers.requireH2("SyncStores.embedded");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create " + dir, e);
    }
    // WRITE_DELAY=0: a commit is written to the file before it returns (H2 otherwise keeps it
    // up to half a second in memory, and a killed process would forget processed keys and intents)
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("sync").toString().replace('\\', '/') + OPTIONS
        + ";WRITE_DELAY=0";
    Pools.Pool pool = Pools.h2(url, 16);
    return new EmbeddedSyncStore(pool.dataSource(), pool.closer(), "H2 at " + dir.toAbsolutePath(), clock);
  }

  /**
   * A private in-memory store, gone when closed (for tests and demos).
   *
   * @return the store
   */
  public static EmbeddedSyncStore inMemory() {
    Drivers.requireH2("SyncStores.inMemory");
    return inMemory(Clock.systemUTC());
  }

  /**
   * A private in-memory store whose leases, due times and timestamps follow {@code clock} (for
   * tests that let leases run out without waiting).
   *
   * @param clock the clock
   * @return the store
   */
  public static EmbeddedSyncStore inMemory(Clock clock) {
    String name = "sync-" + UUID.randomUUID();
    Pools.Pool pool = Pools.h2("jdbc:h2:mem:" + name + OPTIONS + ";DB_CLOSE_DELAY=-1", 16);
    return new EmbeddedSyncStore(pool.dataSource(), () -> {
      try (Connection c = pool.dataSource().getConnection(); var s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } finally {
        pool.closer().close();
      }
    }, "in-memory H2 " + name, clock);
  }

  /**
   * A store over an H2 data source the application manages (and closes: {@link #close()} leaves
   * it open), e.g. a Spring Boot application's. The database must run in PostgreSQL mode: its URL
   * ends with {@value #REQUIRED_URL_OPTIONS}. Runs count as alive while they are registered in
   * this JVM, so engines that share the store must run in one process (an H2 server shared by
   * several processes is not supported for that: use PostgreSQL).
   *
   * @param dataSource an H2 data source
   * @return the store
   * @throws StoreException when the database is not in PostgreSQL mode or cannot be reached
   */
  public static EmbeddedSyncStore open(DataSource dataSource) {
    return open(dataSource, Clock.systemUTC());
  }

  static EmbeddedSyncStore open(DataSource dataSource, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    requirePostgresMode(dataSource);
    return new EmbeddedSyncStore(dataSource, () -> { }, "H2 data source", clock);
  }

  /** The URL options an application's H2 database needs for {@link #open(DataSource)}. */
  public static final String REQUIRED_URL_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private static void requirePostgresMode(DataSource ds) {
    String mode;
    try (Connection c = ds.getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
      mode = rs.next() ? rs.getString(1) : "";
    } catch (java.sql.SQLException e) {
      throw new StoreException("cannot read the mode of the H2 data source", e);
    }
    if (!"PostgreSQL".equalsIgnoreCase(mode)) {
      throw new StoreException("the H2 data source runs in mode '" + (mode.isEmpty() ? "REGULAR" : mode)
          + "'; the sync store needs PostgreSQL mode: end its URL with " + REQUIRED_URL_OPTIONS);
    }
  }

  /** Runs announced in this JVM: an H2 file is open in one process at a time, so no other process can hold one. */
  private static final java.util.Set<String> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public Liveness announce(String owner) {
    OutboxEntry.requireText(owner, "owner");
    if (!LIVE.add(owner)) {
      throw new IllegalStateException("run " + owner + " is announced already");
    }
    java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        LIVE.remove(owner);
      }
    };
  }

  @Override
  public boolean alive(String owner) {
    return LIVE.contains(owner);
  }

  @Override
  void lockForMigration(Connection c) {
    // H2 file databases are single-process, and migrations in one JVM are serialised already
  }

  @Override
  List<String> dialectDdl(int version) {
    if (version == 4) {
      // H2 writes an identity's sequence to the file each time its cache (32) runs out, and with
      // WRITE_DELAY=0 each such write is a store of its own; a file is open in one process at a
      // time, so a larger cache keeps ids increasing (after a crash they skip the unused rest)
      return List.of("ALTER TABLE sync_audit ALTER COLUMN id SET CACHE 1000",
          "ALTER TABLE sync_outbox ALTER COLUMN id SET CACHE 1000",
          "ALTER TABLE sync_run ALTER COLUMN id SET CACHE 1000");
    }
    if (version != 1) {
      return List.of();
    }
    return List.of("CREATE TRIGGER IF NOT EXISTS sync_audit_append_only BEFORE UPDATE, DELETE ON sync_audit "
        + "FOR EACH ROW CALL '" + H2AppendOnlyTrigger.class.getName() + "'");
  }
}
