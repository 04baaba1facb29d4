package org.odoobuild.connectors.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.ClaimedEntry;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.junit.jupiter.api.Test;

class ProtectedSyncStoreTest {
  private static final String PAYLOAD = "{\"vendor\":\"Acme Rebar\",\"acc_number\":\"DE89370400440532013000\"}";

  private static byte[] key(char c) {
    return String.valueOf(c).repeat(32).getBytes(StandardCharsets.US_ASCII);
  }

  private static List<String> column(SyncStore store, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  @Test
  void payloadsAndDeadLettersAreUnreadableInTheDatabaseAndReadableThroughTheStore() throws Exception {
    KeyRing keys = KeyRing.builder().key("k1", key('a')).build();
    try (SyncStore inner = SyncStores.inMemory()) {
      ProtectedSyncStore store = ProtectedSyncStore.builder(inner).encryption(keys).build();
      store.enqueue(OutboxEntry.of("vendors", "v1", PAYLOAD));
      store.deadLetter(OutboxEntry.of("vendors", "v2", PAYLOAD), "validation: tax id missing");

      List<String> stored = column(store, "SELECT payload FROM sync_outbox ORDER BY id");
      assertEquals(2, stored.size());
      for (String s : stored) {
        assertTrue(s.startsWith("enc1:k1:"), s);
        assertFalse(s.contains("Acme") || s.contains("0532013000"), s);
      }
      List<ClaimedEntry> claimed = store.claim("vendors", "w1", 10, Duration.ofMinutes(5));
      assertEquals(PAYLOAD, claimed.get(0).payload());
      assertEquals(PAYLOAD, store.deadLetters("vendors", 10).get(0).payload());
      // a store opened without the keys refuses to hand out ciphertext as if it were data
      ProtectedSyncStore keyless = ProtectedSyncStore.builder(inner).build();
      assertThrows(ProtectionException.class, () -> keyless.deadLetters("vendors", 10));
    }
  }

  @Test
  void auditValuesAreEncryptedAtRestAndMaskedInViews() throws Exception {
    KeyRing keys = KeyRing.builder().key("k1", key('a')).build();
    MaskingRules masks = MaskingRules.defaults();
    try (ProtectedSyncStore store = ProtectedSyncStore.builder(SyncStores.inMemory()).encryption(keys).masking(masks)
        .build()) {
      store.append(AuditEntry.of(Instant.parse("2024-03-01T08:00:00Z"), "jane@site", "applied")
          .withEntity("vendors", "vendor", "V1")
          .withChange("{\"acc_number\":\"DE89370400440532013000\"}", "{\"acc_number\":\"DE89370400440532019999\"}"));
      String raw = column(store, "SELECT after_json FROM sync_audit").get(0);
      assertFalse(raw.contains("9999"), raw);
      AuditEntry view = store.audit(AuditQuery.entity("V1", 10)).get(0);
      assertEquals("{\"acc_number\":\"******************9999\"}", view.after());
      assertEquals("{\"acc_number\":\"DE89370400440532019999\"}", store.auditUnmasked(AuditQuery.entity("V1", 10)).get(0)
          .after());
    }
  }

  @Test
  void rotationKeepsOldValuesReadableAndRewrapMovesThemToTheNewKey() throws Exception {
    try (SyncStore inner = SyncStores.inMemory()) {
      ProtectedSyncStore before = ProtectedSyncStore.builder(inner)
          .encryption(KeyRing.builder().key("k1", key('a')).build()).build();
      before.enqueue(OutboxEntry.of("vendors", "v1", PAYLOAD));
      before.enqueue(OutboxEntry.of("vendors", "v2", PAYLOAD));

      // the new ring: k2 current, k1 still known; no restart of anything else, no downtime
      ProtectedSyncStore after = ProtectedSyncStore.builder(inner)
          .encryption(KeyRing.builder().key("k1", key('a')).key("k2", key('b')).current("k2").build()).build();
      after.enqueue(OutboxEntry.of("vendors", "v3", PAYLOAD));
      assertEquals(List.of("k1", "k1", "k2"), keyIds(inner));
      assertEquals(List.of(PAYLOAD, PAYLOAD, PAYLOAD),
          after.claim("vendors", "w1", 10, Duration.ofMinutes(5)).stream().map(ClaimedEntry::payload).toList());

      assertEquals(1, after.rewrap(1));
      assertEquals(1, after.rewrap(10));
      assertEquals(0, after.rewrap(10));
      assertEquals(List.of("k2", "k2", "k2"), keyIds(inner));

      // k1 can now be dropped: everything still reads with k2 alone
      ProtectedSyncStore k2only = ProtectedSyncStore.builder(inner)
          .encryption(KeyRing.builder().key("k2", key('b')).build()).build();
      k2only.deadLetter(OutboxEntry.of("vendors", "v1", PAYLOAD), "x: y"); // already queued: that entry is dead-lettered
      assertEquals(PAYLOAD, k2only.deadLetters("vendors", 10).get(0).payload());
    }
  }

  private static List<String> keyIds(SyncStore store) throws SQLException {
    return column(store, "SELECT payload FROM sync_outbox ORDER BY id").stream()
        .map(s -> FieldCipher.keyId(s).orElse("plain")).toList();
  }

  @Test
  void aTamperedCiphertextIsRefused() {
    FieldCipher c = new FieldCipher(KeyRing.builder().key("k1", key('a')).build());
    String ct = c.encrypt("secret");
    byte[] bytes = java.util.Base64.getDecoder().decode(ct.substring("enc1:k1:".length()));
    bytes[14] ^= 1; // one bit of the ciphertext
    String altered = "enc1:k1:" + java.util.Base64.getEncoder().encodeToString(bytes);
    ProtectionException e = assertThrows(ProtectionException.class, () -> c.decrypt(altered));
    assertFalse(e.getMessage().contains("secret"));
    assertEquals("secret", c.decrypt(ct));
    assertEquals("plain text", c.decrypt("plain text"));
    assertFalse(KeyRing.builder().key("k1", key('a')).build().toString().contains("aaaa"));
  }
}
