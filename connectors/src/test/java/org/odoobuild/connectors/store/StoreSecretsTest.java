package org.odoobuild.connectors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The PostgreSQL password never shows in messages, traces or toString (no server needed). */
class StoreSecretsTest {
  static final String PASSWORD = "hunter2-very-secret";

  @Test
  void aFailedConnectionDoesNotRevealThePassword() {
    // port 1 on loopback: nothing listens, the connection is refused at once
    StoreException e = assertThrows(StoreException.class,
        () -> SyncStores.postgres("jdbc:postgresql://127.0.0.1:1/sync?connectTimeout=2", "sync", PASSWORD));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(PASSWORD), trace.toString());
    assertFalse(e.getMessage().contains(PASSWORD));
  }

  @Test
  void aPasswordInTheUrlIsMasked() {
    StoreException e = assertThrows(StoreException.class, () -> SyncStores.postgres(
        "jdbc:postgresql://127.0.0.1:1/sync?password=" + PASSWORD + "&connectTimeout=2", "sync", ""));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(PASSWORD), trace.toString());
    assertEquals("jdbc:postgresql://h/db?password=***&ssl=true",
        PostgresSyncStore.redact("jdbc:postgresql://h/db?password=" + PASSWORD + "&ssl=true"));
  }

  @Test
  void notAPostgresUrl() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SyncStores.postgres("jdbc:mysql://h/db?password=" + PASSWORD, "u", PASSWORD));
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
  }
}
