package org.odoobuild.connectors.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.ops.Drift;
import org.odoobuild.connectors.ops.ReconciliationReport;
import org.odoobuild.connectors.protect.KeyRing;
import org.odoobuild.connectors.protect.ProtectedSyncStore;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.ClaimedEntry;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testsupport.MutableClock;

class CaseDeskTest {
  private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

  private static CaseRouting routing() {
    return CaseRouting.builder()
        .rule(CaseRouting.when().project("P-100").minAmount(new BigDecimal("10000")), "pm.p100", Duration.ofHours(4),
            "controller")
        .rule(CaseRouting.when().kind(CaseKind.VALIDATION), "data-steward", Duration.ofDays(1), "integration-lead")
        .otherwise("integration-team", Duration.ofDays(2), "integration-lead").build();
  }

  private static List<String> actions(SyncStore store, String caseKey) {
    return store.audit(AuditQuery.entity(caseKey, 20)).stream().map(a -> a.actor() + " " + a.action()).toList();
  }

  @Test
  void aDeadLetterBecomesACaseRoutedByProjectAndAmountThatEscalatesAndIsResolvedByReplay() {
    MutableClock clock = new MutableClock(T0);
    List<CaseNotice> sent = new CopyOnWriteArrayList<>();
    AtomicBoolean mailDown = new AtomicBoolean(true);
    try (SyncStore store = SyncStores.inMemory()) {
      CaseDesk desk = CaseDesk.builder(store).routing(routing()).clock(clock).notifier(n -> {
        if (mailDown.get()) {
          throw new java.io.IOException("mail relay down");
        }
        sent.add(n);
      }).build();
      store.deadLetter(new OutboxEntry("bills", "bill-77", "", "{\"bill\":77}",
          Map.of("project", "P-100", "cost_code", "03 20 00", "amount", "18250.00"), T0), "OdooServerError: boom");
      store.deadLetter(OutboxEntry.of("vendors", "v-1", "{}"), "validation: tax id missing");

      List<ExceptionCase> opened = desk.openDeadLetters(100);
      assertEquals(2, opened.size());
      ExceptionCase bill = opened.get(0);
      assertEquals("pm.p100", bill.owner());
      assertEquals(T0.plus(Duration.ofHours(4)), bill.dueAt());
      assertEquals(CaseKind.DEAD_LETTER, bill.facts().kind());
      assertEquals("data-steward", opened.get(1).owner());
      assertEquals(CaseKind.VALIDATION, opened.get(1).facts().kind());
      assertEquals("pm.p100", store.deadLetter(bill.facts().deadLetter().orElseThrow()).orElseThrow().owner());
      assertEquals(List.of(), desk.openDeadLetters(100), "a dead letter opens one case");

      // notices: the relay is down, nothing is lost, and they go out once it is back
      assertEquals(0, desk.deliverNotices(10));
      mailDown.set(false);
      assertEquals(2, desk.deliverNotices(10));
      assertEquals(0, desk.deliverNotices(10));
      assertEquals(List.of("pm.p100", "data-steward"), sent.stream().map(CaseNotice::recipient).toList());

      clock.advance(Duration.ofHours(5));
      List<ExceptionCase> escalated = desk.escalateOverdue();
      assertEquals(1, escalated.size(), "only the bill's 4-hour SLA passed");
      assertEquals("controller", escalated.get(0).owner());
      assertEquals(CaseStatus.ESCALATED, escalated.get(0).status());
      assertEquals(List.of(), desk.escalateOverdue());

      ExceptionCase resolved = desk.replay(bill.id(), "controller.ann");
      assertEquals(CaseStatus.RESOLVED, resolved.status());
      assertEquals(1, store.outboxCounts("bills").get(OutboxStatus.PENDING));
      assertEquals(List.of("system case_opened", "system case_escalated", "controller.ann case_resolved"),
          actions(store, "case:" + bill.id()));
      assertThrows(CaseException.class, () -> desk.replay(bill.id(), "again"));

      ExceptionCase vendor = opened.get(1);
      assertThrows(IllegalArgumentException.class, () -> desk.dismiss(vendor.id(), "steward.bo", " "));
      ExceptionCase dismissed = desk.dismiss(vendor.id(), "steward.bo", "vendor blocked; will not be onboarded");
      assertEquals(CaseStatus.DISMISSED, dismissed.status());
      assertEquals(1, store.outboxCounts("vendors").get(OutboxStatus.DISCARDED));
      assertTrue(actions(store, "case:" + vendor.id()).contains("steward.bo case_dismissed"));
      assertEquals(3, desk.deliverNotices(10));
      assertEquals(List.of("escalated controller", "resolved controller", "dismissed data-steward"),
          sent.subList(2, 5).stream().map(n -> n.event() + " " + n.recipient()).toList());
    }
  }

  @Test
  void fixAndReplayDeliversTheCorrectedPayloadEncryptedAtRest() {
    KeyRing keys = KeyRing.builder().key("k1", "k".repeat(32).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();
    try (ProtectedSyncStore store = ProtectedSyncStore.builder(SyncStores.inMemory()).encryption(keys).build()) {
      CaseDesk desk = CaseDesk.builder(store).build();
      store.deadLetter(OutboxEntry.of("vendors", "v-1", "{\"vat\":\"\"}"), "validation: tax id missing");
      ExceptionCase c = desk.openDeadLetters(10).get(0);
      desk.fixAndReplay(c.id(), "steward.bo", "{\"vat\":\"BE0477472701\"}");
      List<ClaimedEntry> claimed = store.claim("vendors", "w", 10, Duration.ofMinutes(1));
      assertEquals("{\"vat\":\"BE0477472701\"}", claimed.get(0).payload());
      assertEquals(CaseStatus.RESOLVED, desk.get(c.id()).orElseThrow().status());
    }
  }

  @Test
  void driftAndOwnershipConflictsOpenOneCaseEach() {
    try (SyncStore store = SyncStores.inMemory()) {
      CaseDesk desk = CaseDesk.builder(store).routing(routing()).build();
      ReconciliationReport report = new ReconciliationReport("vendors", 3, 2, 2,
          List.of(new Drift(Drift.Kind.MISSING, "V-3", Map.of())), Duration.ZERO);
      assertEquals(1, desk.drifts(report).size());
      assertEquals(1, desk.drifts(report).size());
      assertEquals(1, desk.cases(CaseStatus.OPEN, 10).size());
      desk.ownershipConflict(new org.odoobuild.connectors.ownership.OwnershipConflict("res.partner", "fieldapp.v_9",
          "email", "odoo", "fieldapp", "billing@x", "ap@x"));
      ExceptionCase conflict = desk.cases(CaseStatus.OPEN, 10).get(1);
      assertEquals(CaseKind.OWNERSHIP_CONFLICT, conflict.facts().kind());
      assertTrue(conflict.facts().summary().contains("billing@x") && conflict.facts().summary().contains("ap@x"));
      List<AuditEntry> lines = store.audit(AuditQuery.builder().action("case_opened").limit(10).build());
      assertEquals(2, lines.size());
    }
  }

  @Test
  void aScheduledReconciliationOpensACasePerDriftOnce() {
    try (SyncStore store = SyncStores.inMemory()) {
      CaseDesk desk = CaseDesk.builder(store).routing(routing()).build();
      ScheduledReconciliation job = new ScheduledReconciliation(() -> new ReconciliationReport("vendors", 3, 3, 2,
          List.of(new Drift(Drift.Kind.DIFFERENT, "V-7", Map.of("vat", new Drift.Difference("BE1", "BE2")))),
          Duration.ZERO), desk);
      List<ExceptionCase> first = job.runOnce();
      assertEquals(1, first.size());
      assertEquals(CaseKind.RECONCILIATION_DRIFT, first.get(0).facts().kind());
      assertEquals("integration-team", first.get(0).owner());
      assertEquals(first, job.runOnce(), "the next run finds the same drift: the same case");
      assertEquals(1, desk.cases(CaseStatus.OPEN, 10).size());
    }
  }
}
