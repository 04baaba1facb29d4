package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSyncStoreTest extends SyncStoreContract {
  @TempDir Path dir;

  @Override
  SyncStore open() {
    return SyncStores.embedded(dir);
  }

  @Test
  void survivesReopening() {
    store.commit("f", "c9", Map.of("k", "r"));
    store.close();
    store = SyncStores.embedded(dir);
    assertEquals("c9", store.cursor("f").orElseThrow());
  }
}
