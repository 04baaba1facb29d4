package org.odoobuild.connectors.store;

import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Opens {@link SyncStore}s: the embedded default, an in-memory one for tests, and PostgreSQL.
 *
 * <p>The JDBC drivers are optional dependencies of {@code connectors}: add
 * {@code com.h2database:h2} for {@link #embedded}, {@link #inMemory} and {@link #h2}, and
 * {@code org.postgresql:postgresql} for {@link #postgres(String, String, String)} (pooled
 * by the SDK, idle connections validated before use; {@link #postgres(DataSource)} uses yours). Without
 * them these methods throw a {@link StoreException} that names the missing dependency.
 */
public final class SyncStores {
  private SyncStores() {}

  /**
   * The embedded default: an H2 database file in {@code dir} (created if absent). Zero set-up;
   * one process at a time.
   *
   * @param dir the directory
   * @return the store
   */
  public static SyncStore embedded(Path dir) {
    return EmbeddedSyncStore.open(dir);
  }

  /**
   * A private in-memory store (for tests): gone when closed.
   *
   * @return the store
   */
  public static SyncStore inMemory() {
    return EmbeddedSyncStore.inMemory();
  }

  /**
   * A PostgreSQL store with its own connection pool, shared safely by several engine instances
   * and processes. The password is used to connect and kept nowhere else.
   *
   * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/sync}
   * @param user the database user
   * @param password the password ({@code ""} for none)
   * @return the store
   */
  public static SyncStore postgres(String jdbcUrl, String user, String password) {
    return PostgresSyncStore.open(jdbcUrl, user, password);
  }

  /**
   * A PostgreSQL store over a data source the application manages (not closed by the store).
   *
   * @param dataSource the data source
   * @return the store
   */
  public static SyncStore postgres(DataSource dataSource) {
    return PostgresSyncStore.open(dataSource);
  }

  /**
   * An H2 store over a data source the application manages (not closed by the store); the
   * database must run in PostgreSQL mode (its URL ends with
   * {@value EmbeddedSyncStore#REQUIRED_URL_OPTIONS}).
   *
   * @param dataSource an H2 data source
   * @return the store
   * @throws StoreException when the database is not in PostgreSQL mode
   */
  public static SyncStore h2(DataSource dataSource) {
    return EmbeddedSyncStore.open(dataSource);
  }

  /**
   * A store over an application's data source, PostgreSQL or H2, told apart by the database's
   * product name.
   *
   * @param dataSource the data source (not closed by the store)
   * @return the store
   * @throws StoreException for another database, or when it cannot be reached
   */
  public static SyncStore on(DataSource dataSource) {
    String product;
    try (java.sql.Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    } catch (java.sql.SQLException e) {
      throw new StoreException("cannot reach the data source to tell its database", e);
    }
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return postgres(dataSource);
    }
    if ("H2".equalsIgnoreCase(product)) {
      return h2(dataSource);
    }
    throw new StoreException("the sync store runs on PostgreSQL or H2, not on " + product);
  }
}
