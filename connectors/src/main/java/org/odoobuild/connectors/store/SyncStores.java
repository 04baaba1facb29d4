package org.odoobuild.connectors.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** Opens {@link SyncStore}s. */
public final class SyncStores {
  private SyncStores() {}

  /**
   * The embedded default: an H2 database file in {@code dir} (created if absent). Zero set-up;
   * one process at a time.
   */
  public static SyncStore embedded(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create " + dir, e);
    }
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("sync").toString().replace('\\', '/')
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(16);
    return new JdbcSyncStore(pool, JdbcSyncStore.Dialect.H2, pool::dispose, "embedded H2 at " + dir);
  }

  /** An in-memory H2 store (for tests): gone when closed. */
  public static SyncStore inMemory() {
    String url = "jdbc:h2:mem:sync-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(16);
    return new JdbcSyncStore(pool, JdbcSyncStore.Dialect.H2, () -> {
      try (var c = pool.getConnection(); var s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } finally {
        pool.dispose();
      }
    }, "in-memory H2");
  }

  /**
   * A PostgreSQL store, shared safely by several engine instances. The password is used to
   * connect and kept nowhere else.
   */
  public static SyncStore postgres(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbcUrl);
    cfg.setUsername(user);
    cfg.setPassword(password);
    cfg.setMaximumPoolSize(8);
    cfg.setPoolName("sync-store");
    HikariDataSource ds = new HikariDataSource(cfg);
    return new JdbcSyncStore(ds, JdbcSyncStore.Dialect.POSTGRES, ds::close, "PostgreSQL at " + redact(jdbcUrl));
  }

  /** A PostgreSQL store over a data source the host app manages (not closed by the store). */
  public static SyncStore postgres(DataSource dataSource) {
    return new JdbcSyncStore(dataSource, JdbcSyncStore.Dialect.POSTGRES, () -> { }, "PostgreSQL data source");
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
