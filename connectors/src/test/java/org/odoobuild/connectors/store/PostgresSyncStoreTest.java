package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PostgresSyncStoreTest extends SyncStoreContract {
  @Override
  SyncStore open() {
    return PgSupport.freshStore("contract_" + Long.toHexString(System.nanoTime()));
  }

  @Test
  void auditIsAppendOnlyInTheDatabase() {
    String schema = "audit_" + Long.toHexString(System.nanoTime());
    try (SyncStore s = PgSupport.freshStore(schema)) {
      s.append(new AuditEntry(java.time.Instant.now(), "a", "applied", "f", "t", "k", "", "", "", ""));
      SQLException e = assertThrows(SQLException.class, () -> {
        try (var c = DriverManager.getConnection(PgSupport.require() + "?currentSchema=" + schema, PgSupport.user(), "");
            var st = c.createStatement()) {
          st.executeUpdate("UPDATE sync_audit SET detail = 'tampered'");
        }
      });
      assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }
  }

  @Test
  void twoStoreInstancesDrainOneBacklogExactlyOnce() throws Exception {
    String schema = "shared_" + Long.toHexString(System.nanoTime());
    int n = 5000;
    try (SyncStore a = PgSupport.freshStore(schema); SyncStore b = PgSupport.sameSchema(schema)) {
      for (int i = 0; i < n; i++) {
        a.enqueue(entry("backlog", "e" + i, i % 10 == 0 ? "po-" + (i % 50) : ""));
      }
      Map<String, Integer> deliveries = new ConcurrentHashMap<>();
      AtomicInteger doubleClaims = new AtomicInteger();
      Set<Long> inFlight = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> fs = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        SyncStore s = w % 2 == 0 ? a : b;
        String worker = "worker-" + w;
        fs.add(pool.submit(() -> {
          int idle = 0;
          while (idle < 3) {
            List<ClaimedEntry> got = s.claim("backlog", worker, 100, Duration.ofMinutes(5));
            if (got.isEmpty()) {
              idle++;
              continue;
            }
            idle = 0;
            for (ClaimedEntry e : got) {
              if (!inFlight.add(e.id())) {
                doubleClaims.incrementAndGet();
              }
              deliveries.merge(e.idempotencyKey(), 1, Integer::sum);
              s.complete(e.id(), worker);
              inFlight.remove(e.id());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(0, doubleClaims.get());
      assertEquals(n, deliveries.size(), "every entry delivered");
      assertTrue(deliveries.values().stream().allMatch(c -> c == 1), "no entry delivered twice");
      assertEquals((long) n, a.outboxCounts("backlog").get("done"));
    }
  }
}
