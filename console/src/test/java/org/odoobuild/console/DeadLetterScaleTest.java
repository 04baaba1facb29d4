package org.odoobuild.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.store.DeadLetterQuery;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100,000 dead letters: pages are read over the dead-letter indexes (keyset paging), so the
 * last page is read like the first. Checked by the query plans and by paging to the end; the
 * times are logged, not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLetterScaleTest {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterScaleTest.class);
  static final int N = 100_000;
  static final Pattern ROW = Pattern.compile("<tr data-id=\"(\\d+)\">");
  SyncStore store;
  SyncEngine engine;
  ConsoleServer console;
  Web web;
  String auth;

  @BeforeAll
  void fill() throws Exception {
    store = SyncStores.inMemory();
    engine = SyncEngine.builder().store(store).build();
    for (String flow : List.of("bulk", "vendors")) {
      engine.register(Flow.builder(flow, String.class).sink(batch -> batch.stream().map(r -> SinkResult.applied("x"))
          .toList()).build());
    }
    long start = System.nanoTime();
    // written in one batch (the store's own API takes a transaction per dead letter: minutes on a slow machine)
    try (Connection c = store.database().orElseThrow().getConnection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO sync_outbox (flow, idem_key, ordering_key, payload, headers, status, attempts, available_at, "
            + "created_at, updated_at, error_type, last_error, first_failure_at, last_failure_at) "
            + "VALUES (?, ?, '', ?, '{\"event_type\":\"t\"}', 'dead', 1, ?, ?, ?, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      long now = System.currentTimeMillis();
      for (int i = 1; i <= N; i++) {
        String flow = i % 10 == 0 ? "vendors" : "bulk";
        String type = i % 1000 == 0 ? "validation" : "refused";
        p.setString(1, flow);
        p.setString(2, flow + "|k" + i);
        p.setString(3, "{\"n\":" + i + "}");
        for (int col = 4; col <= 6; col++) {
          p.setLong(col, now);
        }
        p.setString(7, type);
        p.setString(8, type + ": record " + i);
        p.setLong(9, now);
        p.setLong(10, now);
        p.addBatch();
        if (i % 5_000 == 0) {
          p.executeBatch();
        }
      }
      c.commit();
    }
    LOG.info("{} dead letters stored in {} ms", N, (System.nanoTime() - start) / 1_000_000);
    assertEquals(1L, store.deadLetters(DeadLetterQuery.builder().limit(1).build()).get(0).id(), "ids from 1");
    console = ConsoleServer.builder().engine(engine).user("viv", "viv-console-pw", Role.VIEWER).port(0).build().start();
    web = new Web(console.url());
    auth = web.login("viv", "viv-console-pw").cookie();
  }

  @AfterAll
  void close() {
    console.close();
    store.close();
  }

  List<Long> ids(String query) {
    long start = System.nanoTime();
    HttpResponse<String> r = web.get("dead-letters" + query, "Cookie", auth);
    LOG.info("GET dead-letters{}: {} ms", query, (System.nanoTime() - start) / 1_000_000);
    assertEquals(200, r.statusCode());
    List<Long> out = new ArrayList<>();
    Matcher m = ROW.matcher(r.body());
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  @Test
  void pagesFromTheFirstToTheLast() {
    assertTrue(web.get("dead-letters", "Cookie", auth).body().contains("100000 dead letters in all flows"));
    List<Long> first = ids("");
    assertEquals(50, first.size());
    assertEquals(1L, first.get(0));
    List<Long> deep = ids("?after=99900");
    assertEquals(50, deep.size());
    assertEquals(99_901L, deep.get(0));
    assertEquals(List.of(99_951L), ids("?after=99950").subList(0, 1));
    assertEquals(List.of(), ids("?after=100000"));
    List<Long> vendors = ids("?flow=vendors&after=99000");
    assertEquals(50, vendors.size());
    assertEquals(99_010L, vendors.get(0));
    assertEquals(99_500L, vendors.get(49));
    List<Long> rare = ids("?type=validation&after=50000");
    assertEquals(50, rare.size());
    assertEquals(51_000L, rare.get(0));
  }

  @Test
  void pageQueriesUseTheDeadLetterIndexes() throws Exception {
    try (Connection c = store.database().orElseThrow().getConnection(); Statement s = c.createStatement()) {
      String all = plan(s, "SELECT id FROM sync_outbox WHERE status = 'dead' AND id > 99000 ORDER BY id LIMIT 50");
      assertTrue(all.contains("SYNC_OUTBOX_STATUS_ID"), all);
      String flow = plan(s, "SELECT id FROM sync_outbox WHERE status = 'dead' AND flow = 'vendors' AND id > 99000 "
          + "ORDER BY id LIMIT 50");
      assertTrue(flow.contains("SYNC_OUTBOX_FLOW_STATUS_ID"), flow);
    }
    assertEquals(1_000, store.deadLetters(DeadLetterQuery.builder().flow("bulk").afterId(50_000).limit(1_000).build())
        .size());
  }

  private static String plan(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
      r.next();
      return r.getString(1).toUpperCase();
    }
  }
}
