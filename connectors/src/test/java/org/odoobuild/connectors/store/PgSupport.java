package org.odoobuild.connectors.store;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds the test PostgreSQL that .ci/run starts; fails under CI when there is none. */
final class PgSupport {
  private PgSupport() {}

  static Optional<String> url() {
    String url = System.getenv("SYNC_TEST_PG_URL");
    if (url == null && System.getenv("PGPORT") != null) {
      url = "jdbc:postgresql://" + System.getenv().getOrDefault("PGHOST", "127.0.0.1") + ":" + System.getenv("PGPORT")
          + "/" + System.getenv().getOrDefault("PGDATABASE", "sync_test");
    }
    return Optional.ofNullable(url);
  }

  static String user() {
    return System.getenv().getOrDefault("PGUSER", "postgres");
  }

  /** The URL, or skip locally / fail in CI. */
  static String require() {
    Optional<String> url = url();
    if (url.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but no PostgreSQL configured (SYNC_TEST_PG_URL/PGPORT): .ci/run must start one");
    }
    Assumptions.assumeTrue(url.isPresent(), "no PostgreSQL configured: run `source .ci/postgres.sh` first");
    return url.get();
  }

  /** A fresh store in its own schema, so tests do not see each other's rows. */
  static SyncStore freshStore(String schema) {
    String base = require();
    try (var c = java.sql.DriverManager.getConnection(base, user(), System.getenv().getOrDefault("PGPASSWORD", ""));
        var s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return SyncStores.postgres(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, user(),
        System.getenv().getOrDefault("PGPASSWORD", ""));
  }

  static SyncStore sameSchema(String schema) {
    String base = require();
    return SyncStores.postgres(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, user(),
        System.getenv().getOrDefault("PGPASSWORD", ""));
  }
}
