package org.odoobuild.workflow.procurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.GuardRejectedException;
import org.odoobuild.workflow.kit.IllegalTransitionException;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.procurement.ReleaseGate.Event;
import org.odoobuild.workflow.procurement.ReleaseGate.Signal;
import org.odoobuild.workflow.procurement.ReleaseGate.State;

class ReleaseGateTest {
  /** Records what the gate asks the ERP to do. */
  static final class FakeErp implements ProcurementPort {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void release(String po) {
      log.add("release " + po);
    }

    @Override
    public void hold(String po, String reason) {
      log.add("hold " + po + ": " + reason);
    }

    @Override
    public void resume(String po, String note) {
      log.add("resume " + po);
    }

    @Override
    public void cancel(String po, String reason) {
      log.add("cancel " + po);
    }

    @Override
    public void notify(String owner, String message) {
      log.add("notify " + owner + ": " + message);
    }
  }

  final FakeErp erp = new FakeErp();
  final WorkflowEngine<State, Event, Signal> gate = new WorkflowEngine<>(ReleaseGate.definition(erp),
      new InMemoryInstanceStore(), Clock.systemUTC());

  void start(String id) {
    gate.start(id, Map.of("po", "41", "owner", "buyer.jane"), EventMeta.by("gc", "linked to submittal"));
  }

  @Test
  void onlyAnApprovedSubmittalWithACompliantVendorReleasesThePo() {
    start("PO-41");
    assertThrows(GuardRejectedException.class, () -> gate.fire("PO-41", Event.SUBMITTAL_APPROVED,
        new Signal("05 12 00-003", false, ""), EventMeta.of("doc-control", "approved", "a1")));
    assertTrue(erp.log.isEmpty(), "nothing released for a non-compliant vendor");
    gate.fire("PO-41", Event.SUBMITTAL_APPROVED, new Signal("05 12 00-003", true, ""), EventMeta.of("doc-control", "", "a2"));
    assertEquals(State.RELEASED, gate.state("PO-41"));
    assertEquals("release 41", erp.log.get(0));
    assertTrue(erp.log.get(1).startsWith("notify buyer.jane: 41 released"));
  }

  @Test
  void supersedingDrawingHoldsThenReviewResumesOrCancels() {
    start("PO-41");
    gate.fire("PO-41", Event.SUBMITTAL_APPROVED, new Signal("S-1", true, ""), EventMeta.of("dc", "", "a"));
    gate.fire("PO-41", Event.DRAWING_SUPERSEDED, new Signal("S-201 rev C", true, "beam size changed"),
        EventMeta.of("dc", "", "d1"));
    assertEquals(State.ON_HOLD, gate.state("PO-41"));
    assertTrue(erp.log.contains("hold 41: drawing S-201 rev C superseded: beam size changed"), erp.log.toString());
    assertThrows(IllegalTransitionException.class, () -> gate.fire("PO-41", Event.SUBMITTAL_APPROVED,
        new Signal("S-1", true, ""), EventMeta.of("dc", "", "a-again")), "an order on hold cannot be re-released by approval");
    gate.fire("PO-41", Event.RESUME, new Signal("S-201 rev C", true, "no impact on this order"), EventMeta.of("pm", "", "r1"));
    assertEquals(State.RELEASED, gate.state("PO-41"));

    start("PO-42");
    gate.fire("PO-42", Event.DRAWING_SUPERSEDED, new Signal("S-305 rev B", true, ""), EventMeta.of("dc", "", "d2"));
    gate.fire("PO-42", Event.CANCEL, new Signal("S-305 rev B", true, "item deleted from design"), EventMeta.of("pm", "", "c1"));
    assertEquals(State.CANCELLED, gate.state("PO-42"));
    assertTrue(erp.log.contains("cancel 41"), "the same ERP order id in this test: cancel was called");
  }

  @Test
  void theBudgetGuardRefusesAnOrderBeyondTheRemainingBudgetWithTheNumbers() {
    org.odoobuild.workflow.jobcost.JobCostReport jobCost = org.odoobuild.workflow.jobcost.JobCostReportTest.report();
    WorkflowEngine<State, Event, Signal> guarded = new WorkflowEngine<>(ReleaseGate.definition(erp,
        po -> jobCost.refusal(po, Map.of("03 30 00", new java.math.BigDecimal("9000")))), new InMemoryInstanceStore(), Clock.systemUTC());
    guarded.start("g1", Map.of("po", "P00042"), EventMeta.by("gc", "test"));
    GuardRejectedException e = assertThrows(GuardRejectedException.class, () -> guarded.fire("g1", Event.SUBMITTAL_APPROVED,
        new Signal("S-1", true, ""), EventMeta.by("arch", "approved")));
    assertEquals(ReleaseGate.BUDGET_GUARD, e.guard());
    assertTrue(e.reason().contains("P00042 would commit 9000.00 USD on cost code 03 30 00"), e.reason());
    assertTrue(erp.log.isEmpty(), "nothing released");
    assertEquals(State.AWAITING_APPROVAL, guarded.state("g1"));
    assertEquals(List.of("vendor compliant", ReleaseGate.BUDGET_GUARD), guarded.workflow().transitions().get(0).guardNames());
  }
}
