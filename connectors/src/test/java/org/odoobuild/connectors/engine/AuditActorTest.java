package org.odoobuild.connectors.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.SyncStore;

/** The audit names the principal the source event acted for, not the engine's worker. */
class AuditActorTest {
  @TempDir Path dir;

  @Test
  void theActorHeaderOfTheSourceEventIsTheAuditedActor() {
    FakeSystems.ListSource source = new FakeSystems.ListSource();
    source.records.add(FakeSystems.item(1, 1).withActor("jane.doe@procore"));
    source.records.add(FakeSystems.item(2, 1));
    try (SyncStore store = TestStores.embedded(dir);
        SyncEngine engine = SyncEngine.builder().store(store).workerId("w1").build()) {
      engine.register(Flow.builder("items", FakeSystems.Item.class).source(source).sink(new FakeSystems.MapSink()).build());
      engine.run("items");
      List<AuditEntry> applied = store.audit(AuditQuery.builder().action("applied").limit(10).build());
      assertEquals(List.of("jane.doe@procore", "w1"), applied.stream().map(AuditEntry::actor).toList());
    }
  }
}
