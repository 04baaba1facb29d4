package org.odoobuild.connectors.store;

import java.nio.file.Path;
import javax.sql.DataSource;

/** Opens {@link SyncStore}s: the embedded default, an in-memory one for tests, and PostgreSQL. */
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
}
