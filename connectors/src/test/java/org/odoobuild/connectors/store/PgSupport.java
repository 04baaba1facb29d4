package org.odoobuild.connectors.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the test PostgreSQL: {@code SYNC_TEST_PG_URL}, or {@code PGHOST}/{@code PGPORT}/
 * {@code PGUSER}/{@code PGDATABASE} (what {@code .ci/postgres.sh} exports). Without one the tests
 * are skipped locally and fail when {@code CI} is set.
 */
final class PgSupport {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private PgSupport() {}

  static Optional<String> url() {
    String url = System.getenv("SYNC_TEST_PG_URL");
    if ((url == null || url.isBlank()) && (System.getenv("PGPORT") != null || System.getenv("PGHOST") != null)) {
      url = "jdbc:postgresql://" + System.getenv().getOrDefault("PGHOST", "127.0.0.1") + ":"
          + System.getenv().getOrDefault("PGPORT", "5432") + "/" + System.getenv().getOrDefault("PGDATABASE", "sync_test");
    }
    return Optional.ofNullable(url).filter(u -> !u.isBlank());
  }

  static String user() {
    return System.getenv().getOrDefault("PGUSER", "postgres");
  }

  static String password() {
    return System.getenv().getOrDefault("PGPASSWORD", "");
  }

  static boolean ci() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci);
  }

  /** The URL; skips the test when none is configured, but fails it under CI. */
  static String require() {
    Optional<String> url = url();
    if (url.isEmpty() && ci()) {
      throw new AssertionError("CI is set but no PostgreSQL is configured (SYNC_TEST_PG_URL or PGHOST/PGPORT): "
          + ".ci/run must start one through .ci/postgres.sh");
    }
    Assumptions.assumeTrue(url.isPresent(),
        "PostgreSQL tests skipped: no PostgreSQL configured (set SYNC_TEST_PG_URL or PGHOST/PGPORT/PGUSER/PGDATABASE, "
            + "e.g. `source .ci/postgres.sh`)");
    return url.get();
  }

  /** A new empty schema, so tests do not see each other's rows. */
  static String freshSchema(String prefix) {
    String schema = prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection c = raw(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return schema;
  }

  static String urlFor(String schema) {
    String base = require();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static PostgresSyncStore open(String schema, Clock clock) {
    return PostgresSyncStore.open(urlFor(schema), user(), password(), 8, clock);
  }

  static PostgresSyncStore open(String schema) {
    return open(schema, Clock.systemUTC());
  }

  static Connection raw() throws SQLException {
    return DriverManager.getConnection(require(), user(), password());
  }

  static Connection raw(String schema) throws SQLException {
    return DriverManager.getConnection(urlFor(schema), user(), password());
  }
}
