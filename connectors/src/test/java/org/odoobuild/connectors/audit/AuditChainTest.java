package org.odoobuild.connectors.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.odoobuild.connectors.protect.ProtectedSyncStore;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testsupport.MutableClock;
import org.odoobuild.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

  private static AuditEntry line(Instant at, String key, String after) {
    return AuditEntry.of(at, "jane@site", "applied").withEntity("vendors", "vendor", key).withChange("{}", after);
  }

  private static void raw(SyncStore store, String sql) throws SQLException {
    try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void sealedLinesVerifyAndATamperedLineIsNamed() throws Exception {
    try (ProtectedSyncStore store = ProtectedSyncStore.builder(SyncStores.inMemory()).sealAudit(true).build()) {
      for (int i = 1; i <= 3; i++) {
        store.append(line(T0.plusSeconds(i), "V" + i, "{\"amount\":" + i + "00}"));
      }
      AuditChain chain = store.auditChain().orElseThrow();
      ChainVerification ok = chain.verify();
      assertTrue(ok.intact());
      assertEquals(3, ok.checked());
      assertEquals(0, ok.unsealed());

      // someone with database rights edits a line behind the store's back
      raw(store, "DROP TRIGGER sync_audit_append_only");
      raw(store, "UPDATE sync_audit SET after_json = '{\"amount\":999}' WHERE entity_key = 'V2'");
      ChainVerification v = chain.verify();
      assertFalse(v.intact());
      assertEquals(1, v.problems().size());
      assertEquals("altered", v.problems().get(0).kind());
      assertEquals(2, v.problems().get(0).seq());

      raw(store, "DELETE FROM sync_audit WHERE entity_key = 'V3'");
      assertEquals(List.of("altered", "deleted"),
          chain.verify().problems().stream().map(ChainVerification.Problem::kind).toList());
    }
  }

  /** An in-memory store encrypting with key {@code k1} and sealing its audit. */
  private static ProtectedSyncStore encryptedAndSealed() {
    org.odoobuild.connectors.protect.KeyRing keys = org.odoobuild.connectors.protect.KeyRing.builder()
        .key("k1", "a".repeat(32).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();
    return ProtectedSyncStore.builder(SyncStores.inMemory()).encryption(keys).sealAudit(true).build();
  }

  @Test
  void linesCommittedWithABatchsKeysAreEncryptedAndSealed() throws Exception {
    try (ProtectedSyncStore store = encryptedAndSealed()) {
      List<AuditEntry> first = List.of(line(T0, "V1", "{\"amount\":100}"), line(T0, "V2", "{\"amount\":200}"));
      store.commit("bills", "c1", java.util.Map.of("bills|V1", "b,1", "bills|V2", "b,2"), first);
      List<AuditEntry> second = List.of(line(T0.plusSeconds(1), "V3", "{\"amount\":300}"));
      store.markProcessed(java.util.Map.of("bills|V3", "b,3"), second);
      ChainVerification v = store.auditChain().orElseThrow().verify();
      assertTrue(v.intact(), v.problems().toString());
      assertEquals(3, v.checked());
      assertEquals(0, v.unsealed(), "sealed by the commit and the markProcessed");
      assertEquals(List.of(first.get(0), first.get(1), second.get(0)), store.auditUnmasked(AuditQuery.all(10)));
      assertTrue(store.seen("bills|V3"));
      try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sync_audit WHERE after_json LIKE 'enc1:k1:%'")) {
        r.next();
        assertEquals(3, r.getLong(1), "encrypted at rest");
      }
    }
  }

  @Test
  void aBatchOfLinesIsEncryptedSealedInOrderAndVerifies() throws Exception {
    try (ProtectedSyncStore store = encryptedAndSealed()) {
      store.append(line(T0, "V0", "{\"amount\":1}"));
      List<AuditEntry> batch = new java.util.ArrayList<>();
      for (int i = 1; i <= 1200; i++) {
        batch.add(line(T0.plusSeconds(i), "V" + i, "{\"amount\":" + i + "00}"));
      }
      store.append(batch);
      ChainVerification v = store.auditChain().orElseThrow().verify();
      assertTrue(v.intact(), v.problems().toString());
      assertEquals(1201, v.checked());
      assertEquals(0, v.unsealed(), "the whole batch is sealed by the one append");
      List<AuditEntry> read = store.auditUnmasked(AuditQuery.all(2000));
      assertEquals(1201, read.size());
      assertEquals(batch, read.subList(1, 1201), "decrypted, in the batch's order");
      try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sync_audit WHERE after_json LIKE 'enc1:k1:%'")) {
        r.next();
        assertEquals(1201, r.getLong(1), "every line encrypted at rest");
      }
      // the seals follow the batch's order: seal n + 1 is line V<n>
      try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT a.entity_key FROM gov_audit_chain g JOIN sync_audit a "
              + "ON a.id = g.audit_id WHERE g.seq IN (2, 1201) ORDER BY g.seq")) {
        r.next();
        assertEquals("V1", r.getString(1));
        r.next();
        assertEquals("V1200", r.getString(1));
      }
    }
  }

  @Test
  void linesWrittenByTheStoreItselfAreSealedToo() {
    try (ProtectedSyncStore store = ProtectedSyncStore.builder(SyncStores.inMemory()).sealAudit(true).build()) {
      store.pause("vendors", "ops@site");
      store.enqueue(OutboxEntry.of("vendors", "k1", "{}"));
      store.deadLetter(OutboxEntry.of("vendors", "k2", "{}"), "validation: bad");
      long id = store.deadLetters("vendors", 10).get(0).id();
      store.replay(id, "ops@site");
      ChainVerification v = store.auditChain().orElseThrow().verify();
      assertTrue(v.intact());
      assertEquals(0, v.unsealed());
      assertEquals(2, v.checked());
    }
  }

  @Test
  void retentionTrimsOldLinesAndTheRestStillVerifies() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (SyncStore inner = SyncStores.inMemory()) {
      AuditChain chain = AuditChain.open(inner, clock);
      for (int i = 0; i < 5; i++) {
        inner.append(line(T0.plusSeconds(i), "old" + i, "{}"));
      }
      clock.advance(Duration.ofDays(30));
      for (int i = 0; i < 3; i++) {
        inner.append(line(clock.instant().plusSeconds(i), "new" + i, "{}"));
      }
      chain.seal();
      String headBefore = chain.verify().headHash();

      assertEquals(5, chain.retain(Duration.ofDays(10), "retention-job"));

      assertEquals(List.of("new0", "new1", "new2", ""),
          inner.audit(AuditQuery.builder().limit(100).build()).stream().map(AuditEntry::entityKey).toList());
      ChainVerification v = chain.verify();
      assertTrue(v.intact(), v.problems().toString());
      assertEquals(4, v.checked()); // three kept lines and the retention line itself
      assertEquals(0, v.unsealed());
      assertNotEquals(headBefore, v.headHash());
      // a second run has nothing to remove
      assertEquals(0, chain.retain(Duration.ofDays(10), "retention-job"));
      // deleting a kept line outside the job is still refused by the append-only trigger
      assertThrows(SQLException.class, () -> raw(inner, "DELETE FROM sync_audit WHERE entity_key = 'new0'"));
    }
  }

  @Test
  void retentionRefusesABrokenChain() throws Exception {
    MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(100)));
    try (SyncStore inner = SyncStores.inMemory()) {
      AuditChain chain = AuditChain.open(inner, clock);
      inner.append(line(T0, "a", "{}"));
      inner.append(line(T0, "b", "{}"));
      chain.seal();
      raw(inner, "DROP TRIGGER sync_audit_append_only");
      raw(inner, "UPDATE sync_audit SET actor = 'mallory' WHERE entity_key = 'a'");
      AuditChainException e = assertThrows(AuditChainException.class, () -> chain.retain(Duration.ofDays(1), "job"));
      assertTrue(e.getMessage().contains("retention refused"), e.getMessage());
      assertEquals(2, inner.audit(AuditQuery.builder().limit(10).build()).size());
    }
  }

  @Test
  void retentionOnPostgresPassesTheAppendOnlyTriggerOnlyForTheJob() throws Exception {
    String schema = "gov_chain_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    try (Connection c = TestPostgres.get().connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    String base = TestPostgres.get().jdbcUrl();
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(60)));
    try (SyncStore inner = SyncStores.postgres(url, TestPostgres.get().user(), TestPostgres.get().password())) {
      AuditChain chain = AuditChain.open(inner, clock);
      inner.append(line(T0, "old", "{}"));
      inner.append(line(clock.instant(), "new", "{}"));
      assertTrue(assertThrows(SQLException.class, () -> raw(inner, "DELETE FROM sync_audit WHERE entity_key = 'old'"))
          .getMessage().contains("append-only"));
      assertEquals(1, chain.retain(Duration.ofDays(30), "job"));
      assertTrue(chain.verify().intact());
      assertTrue(assertThrows(SQLException.class, () -> raw(inner, "DELETE FROM sync_audit WHERE entity_key = 'new'"))
          .getMessage().contains("append-only"));
    }
  }
}
