package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 store, file-backed in a temporary directory. */
class EmbeddedSyncStoreTest extends SyncStoreContract {
  @TempDir
  Path dir;

  @Override
  JdbcSyncStore open(Clock clock) {
    return EmbeddedSyncStore.open(dir, clock);
  }

  @Override
  JdbcSyncStore openAgain(Clock clock) {
    return EmbeddedSyncStore.open(dir, clock);
  }

  @Test
  void dataSurvivesAClose() {
    store.saveCursor("f", "42");
    store.markProcessed("k", "r");
    store.close();
    store = null;
    assertTrue(Files.exists(dir.resolve("sync.mv.db")));
    try (SyncStore reopened = SyncStores.embedded(dir)) {
      assertEquals("42", reopened.cursor("f").orElseThrow());
      assertTrue(reopened.seen("k"));
      assertTrue(reopened.toString().contains("H2"), reopened.toString());
    }
  }

  @Test
  void inMemoryStoresAreSeparateAndGoneWhenClosed() {
    try (SyncStore a = SyncStores.inMemory(); SyncStore b = SyncStores.inMemory()) {
      a.saveCursor("f", "1");
      assertTrue(b.cursor("f").isEmpty());
      assertEquals("1", a.cursor("f").orElseThrow());
    }
  }
}
