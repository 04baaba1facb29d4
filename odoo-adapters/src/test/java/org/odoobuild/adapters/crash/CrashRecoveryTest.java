package org.odoobuild.adapters.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/** The engine process is killed (SIGKILL) in the middle of a batch and restarted: 0 duplicates, 0 lost. */
class CrashRecoveryTest {
  static final int N = 3000;

  @TempDir Path dir;

  Process worker(OdooEmulator odooServer) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashWorker.class.getName(), odooServer.url().toString(), "crash-key", dir.resolve("store").toString(),
        Integer.toString(N));
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("worker-" + System.nanoTime() + ".log").toFile());
    return pb.start();
  }

  @Test
  void killedMidBatchAndRestartedLosesAndDuplicatesNothing() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("crash-key").build().start()) {
      Process first = worker(odooServer);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (odooServer.callCount("res.partner", "load") < 8 && System.nanoTime() < deadline && first.isAlive()) {
        Thread.sleep(5);
      }
      assertTrue(first.isAlive(), "the worker finished before it could be killed; logs in " + dir);
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no store close, batch in flight
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, first.exitValue(), "killed by SIGKILL");
      long before = partners(odooServer).size();
      assertTrue(before > 0 && before < N, "the kill landed mid-run: " + before + " of " + N);

      Process second = worker(odooServer);
      assertTrue(second.waitFor(120, TimeUnit.SECONDS), "restarted worker did not finish");
      assertEquals(0, second.exitValue(), "restarted worker failed; logs in " + dir);

      List<Map<String, Object>> all = partners(odooServer);
      Map<Object, Long> perRef = all.stream().collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
      assertEquals(N, perRef.size(), "0 lost");
      assertEquals(N, all.size(), "0 duplicates");
      try (SyncStore store = SyncStores.embedded(dir.resolve("store"))) {
        assertEquals(Integer.toString(N), store.cursor("vendors").orElseThrow());
        assertTrue(store.seen("vendors|vendor_approved/erp-crash:C0:1"));
        assertTrue(store.deadLetters("vendors", 10).isEmpty());
      }
      System.out.printf("crash test: %d partners before the kill, %d after the restart, %d load calls%n", before,
          all.size(), odooServer.callCount("res.partner", "load"));
    }
  }

  static List<Map<String, Object>> partners(OdooEmulator s) {
    return s.records("res.partner").stream().filter(p -> String.valueOf(p.get("ref")).startsWith("CR-")).toList();
  }
}
