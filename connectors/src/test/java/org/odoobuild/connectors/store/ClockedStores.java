package org.odoobuild.connectors.store;

import java.time.Clock;

/** Stores on a clock a test controls, for tests outside this package (lease expiry without waiting). */
public final class ClockedStores {
  private ClockedStores() {}

  /** A private in-memory H2 store on {@code clock}. */
  public static SyncStore h2(Clock clock) {
    return EmbeddedSyncStore.inMemory(clock);
  }

  /** A PostgreSQL store on {@code clock}, in a new schema of the test PostgreSQL; {@code again} opens another on it. */
  public static SyncStore postgres(String schema, Clock clock) {
    return PgSupport.open(schema, clock);
  }

  /** A new empty schema on the test PostgreSQL. */
  public static String freshSchema(String prefix) {
    return PgSupport.freshSchema(prefix);
  }
}
