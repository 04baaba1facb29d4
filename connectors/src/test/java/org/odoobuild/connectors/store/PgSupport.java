package org.odoobuild.connectors.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.odoobuild.testsupport.TestPostgres;

/** The test PostgreSQL ({@link TestPostgres}: the one PGHOST names, else an embedded one), one schema per test. */
final class PgSupport {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private PgSupport() {}

  static String user() {
    return TestPostgres.get().user();
  }

  static String password() {
    return TestPostgres.get().password();
  }

  /** A new empty schema, so tests do not see each other's rows. */
  static String freshSchema(String prefix) {
    String schema = prefix + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection c = TestPostgres.get().connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return schema;
  }

  static String urlFor(String schema) {
    String base = TestPostgres.get().jdbcUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static PostgresSyncStore open(String schema, Clock clock) {
    return PostgresSyncStore.open(urlFor(schema), user(), password(), 8, clock);
  }

  static PostgresSyncStore open(String schema) {
    return open(schema, Clock.systemUTC());
  }

  static Connection raw(String schema) throws SQLException {
    return DriverManager.getConnection(urlFor(schema), user(), password());
  }
}
