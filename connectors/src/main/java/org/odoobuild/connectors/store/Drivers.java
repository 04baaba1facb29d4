package org.odoobuild.connectors.store;

/**
 * The JDBC drivers the stores need are optional dependencies of this module (the application picks
 * H2, PostgreSQL or both): this checks one is on the class path before a class that links against
 * it is loaded, so the application gets an error naming the dependency instead of a
 * {@link NoClassDefFoundError}. Refers to driver classes by name only.
 */
final class Drivers {
  static final String H2 = "com.h2database:h2";
  static final String POSTGRESQL = "org.postgresql:postgresql";

  private Drivers() {}

  /** H2, for the embedded store and for the connection pool of {@code SyncStores.postgres(url, …)}. */
  static void requireH2(String caller) {
    require("org.h2.jdbcx.JdbcConnectionPool", H2, "2.3.232", caller);
  }

  /** The PostgreSQL driver. */
  static void requirePostgres(String caller) {
    require("org.postgresql.ds.PGConnectionPoolDataSource", POSTGRESQL, "42.7", caller);
  }

  private static void require(String className, String artifact, String version, String caller) {
    try {
      Class.forName(className, false, Drivers.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new StoreException(caller + " needs " + artifact + " on the class path (it is an optional dependency of "
          + "org.odoobuild:connectors): add the dependency " + artifact + " (" + version + " or later)");
    }
  }
}
