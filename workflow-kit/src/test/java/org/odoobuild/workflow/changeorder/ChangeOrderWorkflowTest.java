package org.odoobuild.workflow.changeorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.finance.ChangeOrderStatus;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.workflow.changeorder.ChangeOrderWorkflow.Event;
import org.odoobuild.workflow.changeorder.ChangeOrderWorkflow.State;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;

class ChangeOrderWorkflowTest {
  @Test
  void approvalAppliesTheImpactAndFlagsOverCommittedCostCodes() {
    List<String> flags = new CopyOnWriteArrayList<>();
    ChangeOrderWorkflow.Port port = new ChangeOrderWorkflow.Port() {
      @Override
      public BudgetImpact apply(String co) {
        return ChangeOrderImpact.of(ChangeOrderImpactTest.co(ChangeOrderStatus.APPROVED), ChangeOrderImpactTest.budget(),
            List.of(ChangeOrderImpactTest.po("03 30 00", "1", "45000", PurchaseOrderStatus.CONFIRMED)));
      }

      @Override
      public void flag(String owner, CommitmentFlag f) {
        flags.add(owner + " " + f.costCode() + " over by " + f.overrun().amount().stripTrailingZeros().toPlainString());
      }
    };
    var wf = new WorkflowEngine<>(ChangeOrderWorkflow.definition(port), new InMemoryInstanceStore(), Clock.systemUTC());
    wf.start("CO-7", Map.of("change_order", "CO-7", "owner", "pm.lee"), EventMeta.by("pm", "priced"));
    wf.fire("CO-7", Event.SUBMIT, null, EventMeta.of("pm", "", "s"));
    wf.fire("CO-7", Event.APPROVE, "owner.rep", EventMeta.of("owner.rep", "", "a"));
    assertEquals(State.APPROVED, wf.state("CO-7"));
    assertEquals(List.of("pm.lee 03 30 00 over by 3000"), flags);
  }
}
