package org.odoobuild.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The test PostgreSQL starts (or is found through PGHOST) and serves SQL; every call gets the same one. */
class TestPostgresTest {

  @Test
  void startsOnceAndServesSql() throws Exception {
    TestPostgres pg = TestPostgres.get();
    assertSame(pg, TestPostgres.get(), "one server per JVM");
    assertTrue(pg.jdbcUrl().startsWith("jdbc:postgresql://"), pg.jdbcUrl());
    if (!pg.external()) {
      assertTrue(pg.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:"), "loopback only: " + pg.jdbcUrl());
    }
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE t (n int)");
      assertEquals(3, s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)"));
      try (ResultSet r = s.executeQuery("SELECT sum(n), current_setting('server_version_num')::int FROM t")) {
        r.next();
        assertEquals(6, r.getInt(1));
        assertTrue(r.getInt(2) >= 140000, "PostgreSQL 14 or later");
      }
    }
  }
}
