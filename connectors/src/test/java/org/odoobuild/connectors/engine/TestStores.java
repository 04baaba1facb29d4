package org.odoobuild.connectors.engine;

import java.nio.file.Path;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;

/** Stores for engine tests. */
final class TestStores {
  private TestStores() {}

  static SyncStore embedded(Path dir) {
    return SyncStores.embedded(dir);
  }
}
