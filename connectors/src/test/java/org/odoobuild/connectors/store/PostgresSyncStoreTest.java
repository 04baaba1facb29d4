package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract on a real PostgreSQL (see {@link PgSupport}), each test in its own schema, plus
 * what only PostgreSQL promises: the audit trigger, and several store instances (each with its
 * own connection pool) sharing one backlog.
 */
class PostgresSyncStoreTest extends SyncStoreContract {
  private String schema;

  @Override
  JdbcSyncStore open(Clock clock) {
    schema = PgSupport.freshSchema("sync");
    return PgSupport.open(schema, clock);
  }

  @Override
  JdbcSyncStore openAgain(Clock clock) {
    return PgSupport.open(schema, clock);
  }

  @Test
  void connectionsTheServerDroppedCostNoFailedCall() throws Exception {
    // what a database restart does to a pool: every idle connection is closed by the server
    List<Integer> pids = new ArrayList<>();
    List<Connection> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Connection c = store.database().orElseThrow().getConnection();
      held.add(c);
      try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT pg_backend_pid()")) {
        r.next();
        pids.add(r.getInt(1));
      }
    }
    for (Connection c : held) {
      c.close(); // back to the pool, idle
    }
    store.saveCursor("f", "before");
    try (Connection admin = PgSupport.raw(schema); Statement s = admin.createStatement()) {
      for (int pid : pids) {
        s.execute("SELECT pg_terminate_backend(" + pid + ")");
      }
      // the server ends them asynchronously: wait until they are gone, as after a restart (a session
      // still alive when the pool checks it and gone right after would fail a call by chance)
      assertTrue(waitUntil(() -> {
        try (var r = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE pid IN ("
            + pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ")")) {
          r.next();
          return r.getInt(1) == 0;
        }
      }), "the terminated sessions ended");
    }
    // each of these borrows a connection the server closed: none may fail
    assertEquals("before", store.cursor("f").orElseThrow());
    store.saveCursor("f", "after");
    assertTrue(store.enqueue(entry("f", "k", "")));
    assertEquals("after", store.cursor("f").orElseThrow());
  }

  @Test
  void aRunStaysAliveAcrossALostSessionOnceTheHeartbeatRenews() throws Exception {
    JdbcSyncStore other = second(clock);
    try (SyncStore.Liveness live = store.announce("run-pg")) {
      assertTrue(other.alive("run-pg"));
      long key = PostgresSyncStore.lockKey("run-pg");
      try (Connection admin = PgSupport.raw(schema); Statement s = admin.createStatement()) {
        // the session holding the run's lock goes away, as in a database restart
        try (var r = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
            + "AND objsubid = 1 AND classid = " + (key >>> 32) + " AND objid = " + (key & 0xffffffffL) + " AND granted")) {
          assertTrue(r.next() && r.getBoolean(1) && !r.next(), "one session held the lock");
        }
      }
      assertTrue(waitUntil(() -> !other.alive("run-pg")), "the lock went with its session");
      store.renew(List.of(), "w", java.time.Duration.ofMinutes(1)); // what the engine's heartbeat does
      assertTrue(other.alive("run-pg"), "announced again on a new session");
    }
    assertTrue(!other.alive("run-pg"));
  }

  /** What the server does asynchronously (ending a terminated session): ask until it holds, for up to a minute. */
  private static boolean waitUntil(Check done) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (done.holds()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** A condition that may need the database to tell. */
  private interface Check {
    boolean holds() throws SQLException;
  }

  @Test
  void theAuditTriggerRejectsChangesFromAnyClient() throws Exception {
    store.append(AuditEntry.of(T0, "engine", "applied").withEntity("f", "t", "k"));
    try (Connection c = PgSupport.raw(schema); Statement s = c.createStatement()) {
      for (String sql : List.of("UPDATE sync_audit SET detail = 'tampered'", "DELETE FROM sync_audit",
          "TRUNCATE sync_audit")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql), sql);
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
      }
    }
    assertEquals(1, store.audit(AuditQuery.all(10)).size());
  }

  @Test
  void twoStoreInstancesDrainOneBacklogOf5000ExactlyOnce() throws Exception {
    int n = 5000;
    Clock system = Clock.systemUTC();
    try (PostgresSyncStore a = PgSupport.open(schema, system); PostgresSyncStore b = PgSupport.open(schema, system)) {
      for (int i = 0; i < n; i++) {
        a.enqueue(new OutboxEntry("backlog", "e" + i, i % 10 == 0 ? "po-" + (i % 50) : "", "{\"n\":" + i + "}",
            Map.of(), system.instant()));
      }
      assertEquals((long) n, a.outboxCounts("backlog").get(OutboxStatus.PENDING));
      // two workers per instance: four claimers, two connection pools, one database
      Map<String, Integer> deliveries = drain(List.of(a, b, a, b), "backlog", 100);
      assertEquals(n, deliveries.size(), "every entry delivered (none lost)");
      assertTrue(deliveries.values().stream().allMatch(c -> c == 1), "no entry delivered twice");
      Map<OutboxStatus, Long> counts = b.outboxCounts("backlog");
      assertEquals((long) n, counts.get(OutboxStatus.DONE));
      assertEquals(0L, counts.get(OutboxStatus.PENDING));
      assertEquals(0L, counts.get(OutboxStatus.CLAIMED));
    }
  }

  @Test
  void manyInstancesOpeningAtOnceCreateTheSchemaOnce() throws Exception {
    String fresh = PgSupport.freshSchema("mig");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<PostgresSyncStore>> fs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fs.add(pool.submit(() -> PgSupport.open(fresh)));
    }
    List<PostgresSyncStore> opened = new ArrayList<>();
    for (Future<PostgresSyncStore> f : fs) {
      opened.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    try (Connection c = PgSupport.raw(fresh); Statement s = c.createStatement();
        var r = s.executeQuery("SELECT COUNT(*) FROM sync_schema_version")) {
      r.next();
      assertEquals(JdbcSyncStore.SCHEMA_VERSION, r.getInt(1), "one row per schema version");
    } finally {
      opened.forEach(SyncStore::close);
    }
  }

  @Test
  void aDataSourceFromTheApplicationIsLeftOpen() throws Exception {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setURL(PgSupport.urlFor(schema));
    ds.setUser(PgSupport.user());
    if (!PgSupport.password().isEmpty()) {
      ds.setPassword(PgSupport.password());
    }
    try (SyncStore s = SyncStores.postgres(ds)) {
      s.saveCursor("f", "x");
    }
    try (SyncStore s = SyncStores.postgres(ds)) {
      assertEquals("x", s.cursor("f").orElseThrow());
    }
  }
}
