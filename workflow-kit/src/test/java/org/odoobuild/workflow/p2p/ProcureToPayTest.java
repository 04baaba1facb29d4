package org.odoobuild.workflow.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.GuardRejectedException;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.p2p.ProcureToPay.Decision;
import org.odoobuild.workflow.p2p.ProcureToPay.Event;
import org.odoobuild.workflow.p2p.ProcureToPay.State;

class ProcureToPayTest {
  final List<String> log = new CopyOnWriteArrayList<>();
  final ProcureToPay.Port port = new ProcureToPay.Port() {
    @Override
    public void post(String bill) {
      log.add("post " + bill);
    }

    @Override
    public void block(String bill, String owner, MatchResult match) {
      log.add("invoice_blocked_for_variance " + bill + " -> " + owner + ": " + match.summary());
    }

    @Override
    public void escalate(String bill, String owner) {
      log.add("escalate " + bill + " above " + owner);
    }

    @Override
    public void reject(String bill, String reason) {
      log.add("reject " + bill);
    }
  };
  Instant now = Instant.parse("2026-11-20T09:00:00Z");
  final java.time.Clock clock = new java.time.Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId z) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  final WorkflowEngine<State, Event, Decision> p2p = new WorkflowEngine<>(ProcureToPay.definition(port, Duration.ofDays(3)),
      new InMemoryInstanceStore(), clock);
  final ThreeWayMatch matcher = new ThreeWayMatch(MatchTolerance.standard());

  void receive(String bill) {
    p2p.start(bill, Map.of("bill", bill, "owner", "pm.lee"), EventMeta.by("ap", "bill received"));
  }

  @Test
  void matchedBillIsPosted() {
    receive("B-1");
    MatchResult ok = matcher.match(ThreeWayMatchTest.po(), List.of(ThreeWayMatchTest.receipt("R", 1, "20", "CY"),
        ThreeWayMatchTest.receipt("R2", 2, "2000", "lb")), ThreeWayMatchTest.bill("20", "145", "2000", "0.62"));
    p2p.fire("B-1", Event.MATCHED, new Decision(ok, "", false), EventMeta.of("matcher", "", "m1"));
    assertEquals(State.APPROVED_FOR_PAYMENT, p2p.state("B-1"));
    assertEquals(List.of("post B-1"), log);
    assertThrows(GuardRejectedException.class, () -> {
      receive("B-x");
      p2p.fire("B-x", Event.VARIANCE_FOUND, new Decision(ok, "", false), EventMeta.of("matcher", "", "m2"));
    }, "a clean match cannot be reported as a variance");
  }

  @Test
  void varianceBlocksRoutesEscalatesAndNeedsAnAuthorisedApprover() {
    receive("B-2");
    MatchResult bad = matcher.match(ThreeWayMatchTest.po(), List.of(ThreeWayMatchTest.receipt("R", 1, "15", "CY")),
        ThreeWayMatchTest.bill("20", "152", "0", "0.62"));
    p2p.fire("B-2", Event.VARIANCE_FOUND, new Decision(bad, "", false), EventMeta.of("matcher", "", "m1"));
    assertEquals(State.BLOCKED_FOR_VARIANCE, p2p.state("B-2"));
    assertTrue(log.get(0).startsWith("invoice_blocked_for_variance B-2 -> pm.lee: bill B-9 blocked"), log.get(0));
    now = now.plus(Duration.ofDays(4));
    assertEquals(1, p2p.tick().size());
    assertEquals("escalate B-2 above pm.lee", log.get(1));
    assertThrows(GuardRejectedException.class, () -> p2p.fire("B-2", Event.APPROVE_VARIANCE,
        new Decision(bad, "site.super", true), EventMeta.of("site.super", "", "a1")));
    p2p.fire("B-2", Event.APPROVE_VARIANCE, new Decision(bad, "pm.lee", false), EventMeta.of("pm.lee", "agreed extra", "a2"));
    assertEquals(State.VARIANCE_APPROVED, p2p.state("B-2"));
    assertEquals("post B-2", log.get(2));
  }
}
