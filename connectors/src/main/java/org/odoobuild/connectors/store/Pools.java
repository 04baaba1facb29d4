package org.odoobuild.connectors.store;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The connection pools the stores open for themselves: H2's small pool over H2, and a
 * {@link ValidatingPool} over the PostgreSQL driver's {@code ConnectionPoolDataSource} (idle
 * connections checked before use, broken ones dropped). The only
 * class of the stores that links against the optional drivers; call it after {@link Drivers}.
 */
final class Pools {
  private Pools() {}

  /** A pool and how to close it. */
  record Pool(DataSource dataSource, AutoCloseable closer) {}

  static Pool h2(String url, int maxConnections) {
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
    pool.setMaxConnections(maxConnections);
    return new Pool(pool, pool::dispose);
  }

  static Pool postgres(String jdbcUrl, String user, String password, int maxConnections) {
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    try {
      pg.setURL(jdbcUrl);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid PostgreSQL JDBC URL: " + PostgresSyncStore.redact(jdbcUrl));
    }
    pg.setUser(user);
    if (!password.isEmpty()) {
      pg.setPassword(password);
    }
    pg.setApplicationName("odoobuild-sync-store");
    pg.setConnectTimeout(10);
    // idle connections are checked before use: after a database restart no call fails on a stale one
    ValidatingPool pool = new ValidatingPool(pg, maxConnections, java.time.Duration.ofSeconds(30));
    return new Pool(pool, pool::close);
  }
}
