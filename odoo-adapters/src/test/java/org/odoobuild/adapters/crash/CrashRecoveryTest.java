package org.odoobuild.adapters.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/**
 * The engine process is killed (SIGKILL: no shutdown hook, no store close) and restarted: in the
 * middle of a run, and exactly between the sink's success and the engine recording it (the
 * cursor commit). Counted where the effects land: records in Odoo (0 lost, 0 duplicates) and the
 * requests Odoo executed per record.
 */
class CrashRecoveryTest {
  static final int N = 3000;

  @TempDir Path dir;

  ProcessBuilder worker(OdooEmulator odooServer, String key, String mode, int stopAfter) {
    return worker(odooServer, key, mode, stopAfter, N);
  }

  /** A worker whose source waits for the kill when asked for record {@code holdAt} (N: never). */
  ProcessBuilder worker(OdooEmulator odooServer, String key, String mode, int stopAfter, int holdAt) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        CrashWorker.class.getName(), odooServer.url().toString(), key, dir.toString(), Integer.toString(N), mode,
        Integer.toString(stopAfter), Integer.toString(holdAt)));
    return new ProcessBuilder(cmd).redirectErrorStream(true);
  }

  /**
   * Waits (polling, for up to three minutes: a hang guard only) until Odoo executed {@code calls}
   * calls of {@code method} on partners; the worker cannot finish before, its source holds.
   */
  static void awaitCalls(OdooEmulator odooServer, String method, int calls, Process worker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (odooServer.callCount("res.partner", method) < calls && System.nanoTime() < deadline && worker.isAlive()) {
      Thread.sleep(5);
    }
    assertTrue(odooServer.callCount("res.partner", method) >= calls, "the worker never made " + calls + " "
        + method + " calls (alive: " + worker.isAlive() + ")");
  }

  Process logged(ProcessBuilder pb) throws Exception {
    return pb.redirectOutput(dir.resolve("worker-" + System.nanoTime() + ".log").toFile()).start();
  }

  /** Starts a worker that stops after its sink's k-th batch reached Odoo, and kills it there. */
  void killAfterSinkSuccess(ProcessBuilder pb, int k) throws Exception {
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        seen.add(line);
        if (line.equals("APPLIED " + k)) {
          break;
        }
      }
      assertTrue(p.isAlive(), "the worker ended before its sink applied batch " + k + ": " + seen);
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL");
  }

  void restartAndFinish(OdooEmulator odooServer, String key, String mode) throws Exception {
    Process second = logged(worker(odooServer, key, mode, 0));
    assertTrue(second.waitFor(180, TimeUnit.SECONDS), "restarted worker did not finish");
    assertEquals(0, second.exitValue(), "restarted worker failed; logs in " + dir);
  }

  @Test
  void killedMidRunAndRestartedLosesAndDuplicatesNothing() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("crash-key").build().start()) {
      // the source holds at record 2000: the kill lands after the 8th load and before the 21st
      Process first = logged(worker(odooServer, "crash-key", "load", 0, 2000));
      awaitCalls(odooServer, "load", 8, first);
      assertTrue(first.isAlive(), "the worker ended before it could be killed; logs in " + dir);
      first.destroyForcibly(); // SIGKILL at a moment nobody chose: a batch may be in flight
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, first.exitValue(), "killed by SIGKILL");
      long before = partners(odooServer, "CR-").size();
      assertTrue(before > 0 && before < N, "the kill landed mid-run: " + before + " of " + N);
      int loadsBefore = odooServer.callCount("res.partner", "load");

      restartAndFinish(odooServer, "crash-key", "load");
      List<Map<String, Object>> all = partners(odooServer, "CR-");
      Map<Object, Long> perRef = all.stream().collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
      assertEquals(N, perRef.size(), "0 lost");
      assertEquals(N, all.size(), "0 duplicates");
      int loads = odooServer.callCount("res.partner", "load");
      // the batches already recorded are not sent again; an idempotent sink's batch is committed
      // while the next is sent, so at most two are: the one being committed and the one in flight
      assertTrue(loads <= N / 100 + 2, "load calls: " + loads + " for " + N / 100 + " batches");
      try (SyncStore store = SyncStores.embedded(dir.resolve("store"))) {
        assertEquals(Integer.toString(N), store.cursor("vendors").orElseThrow());
        assertTrue(store.seen("vendors|vendor_approved/erp-crash:C0:1"));
        assertTrue(store.deadLetters("vendors", 10).isEmpty());
        assertTrue(store.deliveryIntents("vendors|", 10).isEmpty());
      }
      System.out.printf("crash test (load): %d partners before the kill (%d load calls), %d after the restart, "
          + "%d load calls in all for %d batches%n", before, loadsBefore, all.size(), loads, N / 100);
    }
  }

  @Test
  void aCreateSinkKilledBetweenItsSuccessAndTheCommitIsVerifiedNotRepeated() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("create-key").build().start()) {
      killAfterSinkSuccess(worker(odooServer, "create-key", "create", 3), 3);
      assertEquals(300, partners(odooServer, "CC-").size(), "three batches created before the kill");
      try (SyncStore store = SyncStores.embedded(dir.resolve("store"))) {
        assertEquals("200", store.cursor("vendors").orElseThrow(), "the third batch was never recorded");
        assertEquals(100, store.deliveryIntents("vendors|", 1000).size(), "its delivery intents are left behind");
      }

      restartAndFinish(odooServer, "create-key", "create");
      Map<Object, Long> perRef = partners(odooServer, "CC-").stream()
          .collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
      assertEquals(N, perRef.size(), "0 lost");
      assertTrue(perRef.values().stream().allMatch(c -> c == 1), "0 duplicates");
      assertEquals(N, odooServer.callCount("res.partner", "create"), "one create executed per record");
      assertEquals(N, odooServer.requestCount("/json/2/res.partner/create"), "one create request per record");
      try (SyncStore store = SyncStores.embedded(dir.resolve("store"))) {
        assertEquals(Integer.toString(N), store.cursor("vendors").orElseThrow());
        assertTrue(store.deliveryIntents("vendors|", 10).isEmpty());
        assertEquals("verified: res.partner," + firstIdOf(odooServer, "CC-250"),
            store.audit(org.odoobuild.connectors.store.AuditQuery.entity("erp-create:C250:1", 5)).get(0).detail());
      }
    }
  }

  @Test
  void aCreateSinkKilledAtARandomMomentLeavesNoDuplicate() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("rand-key").build().start()) {
      // the source holds at record 1000: the kill lands after the 450th create and before the 1001st
      Process first = logged(worker(odooServer, "rand-key", "create", 0, 1000));
      awaitCalls(odooServer, "create", 450, first);
      assertTrue(first.isAlive(), "the worker ended before it could be killed; logs in " + dir);
      first.destroyForcibly();
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      restartAndFinish(odooServer, "rand-key", "create");
      Map<Object, Long> perRef = partners(odooServer, "CC-").stream()
          .collect(Collectors.groupingBy(p -> p.get("ref"), Collectors.counting()));
      assertEquals(N, perRef.size(), "0 lost");
      assertTrue(perRef.values().stream().allMatch(c -> c == 1), "0 duplicates");
      assertEquals(N, odooServer.callCount("res.partner", "create"), "one create executed per record");
    }
  }

  @Test
  void changeCaptureKilledMidRunDeliversEveryChangeOnceAfterTheRestart() throws Exception {
    try (OdooEmulator odooServer = OdooEmulator.builder().apiKey("cdc-key").build().start()) {
      for (int i = 0; i < N; i++) {
        odooServer.seed("res.partner", Map.of("name", "CDC Partner " + i, "ref", "CDC-" + i));
      }
      // the subscriber's sink appended its 5th batch of events to the file, then the process dies
      killAfterSinkSuccess(worker(odooServer, "cdc-key", "cdc", 5), 5);
      List<String> before = Files.readAllLines(dir.resolve("effects.txt"));
      assertEquals(500, before.size());

      restartAndFinish(odooServer, "cdc-key", "cdc");
      List<String> lines = Files.readAllLines(dir.resolve("effects.txt"));
      assertEquals(N, new HashSet<>(lines).size(), "every partner's change delivered");
      assertEquals(N, lines.size(), "none twice");
    }
  }

  static long firstIdOf(OdooEmulator s, String ref) {
    return s.records("res.partner").stream().filter(p -> ref.equals(p.get("ref")))
        .mapToLong(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
  }

  static List<Map<String, Object>> partners(OdooEmulator s, String prefix) {
    return s.records("res.partner").stream().filter(p -> String.valueOf(p.get("ref")).startsWith(prefix)).toList();
  }
}
