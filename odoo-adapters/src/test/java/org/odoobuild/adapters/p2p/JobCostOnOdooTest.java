package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.BudgetStatus;
import org.odoobuild.model.finance.ImmutableBudget;
import org.odoobuild.model.finance.ImmutableBudgetLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.workflow.jobcost.InMemoryBudgetStore;
import org.odoobuild.workflow.jobcost.JobCostLine;
import org.odoobuild.workflow.jobcost.JobCostReport;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.GuardRejectedException;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.procurement.ReleaseGate;

/** Job cost from Odoo (read_group on analytic and bill lines) equals the hand computation from the inputs. */
class JobCostOnOdooTest {
  // the inputs
  static final BigDecimal BUDGET_CONCRETE = new BigDecimal("5000");
  static final BigDecimal BUDGET_REBAR = new BigDecimal("1500");
  static final BigDecimal PO_PRICE_CONCRETE = new BigDecimal("145.00");
  static final BigDecimal PO_PRICE_REBAR = new BigDecimal("0.62");
  static final BigDecimal ORDERED_CONCRETE = new BigDecimal("20");
  static final BigDecimal ORDERED_REBAR = new BigDecimal("3000");
  static final BigDecimal BILL1_CONCRETE = new BigDecimal("12");
  static final BigDecimal BILL1_REBAR = new BigDecimal("2000");
  static final BigDecimal BILL2_CONCRETE = new BigDecimal("8");
  static final BigDecimal BILL2_PRICE = new BigDecimal("152.00");

  static InMemoryBudgetStore budgets() {
    InMemoryBudgetStore store = new InMemoryBudgetStore();
    store.save(ImmutableBudget.builder().addSourceRefs(SourceRef.of("estimating", "RMC-24-B")).projectRef(P2pWorld.PROJECT)
        .name("Baseline").status(BudgetStatus.APPROVED).currency(P2pWorld.USD)
        .addLines(ImmutableBudgetLine.builder().lineNumber(1).costCode("03 20 00").description("Rebar")
            .amount(Money.of(BUDGET_REBAR, P2pWorld.USD)).build())
        .addLines(ImmutableBudgetLine.builder().lineNumber(2).costCode("03 30 00").description("Concrete")
            .amount(Money.of(BUDGET_CONCRETE, P2pWorld.USD)).build())
        .build());
    return store;
  }

  static void assertLine(JobCostLine l, BigDecimal budget, BigDecimal committed, BigDecimal actual) {
    assertEquals(0, budget.compareTo(l.budget()), l.toString());
    assertEquals(0, committed.compareTo(l.committed()), l.toString());
    assertEquals(0, actual.compareTo(l.actual()), l.toString());
    assertEquals(0, budget.subtract(actual).compareTo(l.remaining()), l.toString());
    assertEquals(0, budget.subtract(committed).subtract(actual).compareTo(l.variance()), l.toString());
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void budgetCommittedActualRemainingAndVariancePerCostCode(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      OdooJobCost jobCost = OdooJobCost.builder(w.odoo).references(w.known).budgets(budgets()).build();
      assertEquals(Optional.empty(), jobCost.budgetModel(), "the emulated database has no budget model: the SDK's store is used");

      // confirmed, nothing billed: everything is committed
      JobCostReport r = jobCost.report(P2pWorld.PROJECT);
      assertEquals("RMC-24", r.project());
      assertLine(r.line("03 30 00").orElseThrow(), BUDGET_CONCRETE, ORDERED_CONCRETE.multiply(PO_PRICE_CONCRETE), BigDecimal.ZERO);
      assertLine(r.line("03 20 00").orElseThrow(), BUDGET_REBAR, ORDERED_REBAR.multiply(PO_PRICE_REBAR), BigDecimal.ZERO);

      OdooVendorBills bills = w.bills().build();
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "12", "EA"}, new Object[] {2, "2000", "kg"}));
      bills.submit(P2pWorld.bill("INV-1", "USD", P2pWorld.ORDER, new Object[] {1, "12", "EA", "145.00"},
          new Object[] {2, "2000", "kg", "0.62"}));
      w.receipts().apply(P2pWorld.delivery("DT-2", P2pWorld.ORDER, new Object[] {1, "8", "EA"}));
      long held = bills.submit(P2pWorld.bill("INV-2", "USD", P2pWorld.ORDER, new Object[] {1, "8", "EA", "152.00"})).bill();

      // a held (draft) bill is no cost yet: its order line stays committed
      r = jobCost.report(P2pWorld.PROJECT);
      BigDecimal actualConcrete = BILL1_CONCRETE.multiply(PO_PRICE_CONCRETE);
      assertLine(r.line("03 30 00").orElseThrow(), BUDGET_CONCRETE, ORDERED_CONCRETE.subtract(BILL1_CONCRETE).multiply(PO_PRICE_CONCRETE),
          actualConcrete);

      bills.approve(held, "pm.lee");
      r = jobCost.report(P2pWorld.PROJECT);
      actualConcrete = BILL1_CONCRETE.multiply(PO_PRICE_CONCRETE).add(BILL2_CONCRETE.multiply(BILL2_PRICE));   // 1740 + 1216
      BigDecimal actualRebar = BILL1_REBAR.multiply(PO_PRICE_REBAR);                                             // 1240
      BigDecimal committedRebar = ORDERED_REBAR.subtract(BILL1_REBAR).multiply(PO_PRICE_REBAR);                // 620
      assertLine(r.line("03 30 00").orElseThrow(), BUDGET_CONCRETE, BigDecimal.ZERO, actualConcrete);
      assertLine(r.line("03 20 00").orElseThrow(), BUDGET_REBAR, committedRebar, actualRebar);
      assertEquals(0, new BigDecimal("2956").compareTo(actualConcrete));
      assertEquals("cost_code,name,budget,committed,actual,remaining,variance\n"
          + "03 20 00,Concrete reinforcing,1500.00,620.00,1240.00,260.00,-360.00\n"
          + "03 30 00,Cast-in-place concrete,5000.00,0.00,2956.00,2044.00,2044.00\n", r.csv());

      // the release gate's budget guard: 15 more units (2175.00) do not fit the 2044.00 left; 14 (2030.00) do
      w.write(PurchaseOrder.class, java.util.List.of(P2pWorld.order(SourceRef.of("erp", "PO-5002"), "15"),
          P2pWorld.order(SourceRef.of("erp", "PO-5003"), "14")));
      long big = w.known.idOf(ExternalIds.of(PurchaseOrder.TYPE, SourceRef.of("erp", "PO-5002"))).orElseThrow();
      long small = w.known.idOf(ExternalIds.of(PurchaseOrder.TYPE, SourceRef.of("erp", "PO-5003"))).orElseThrow();
      WorkflowEngine<ReleaseGate.State, ReleaseGate.Event, ReleaseGate.Signal> gate = new WorkflowEngine<>(ReleaseGate.definition(
          new OdooProcurement(w.odoo, (who, what) -> { }), jobCost.budgetCheck(P2pWorld.PROJECT)), new InMemoryInstanceStore(),
          Clock.systemUTC());
      gate.start("PO-5002", Map.of("po", String.valueOf(big)), EventMeta.by("buyer", "new order"));
      GuardRejectedException refused = assertThrows(GuardRejectedException.class, () -> gate.fire("PO-5002",
          ReleaseGate.Event.SUBMITTAL_APPROVED, new ReleaseGate.Signal("S-1", true, ""), EventMeta.by("architect", "approved")));
      String po5002 = String.valueOf(w.records("purchase.order", "id", big).get(0).get("name"));
      assertEquals(po5002 + " would commit 2175.00 USD on cost code 03 30 00 of project RMC-24 but only 2044.00 of its budget remain"
          + " (budget 5000.00, committed 0.00, actual 2956.00)", refused.reason());
      assertEquals("draft", w.records("purchase.order", "id", big).get(0).get("state"));
      gate.start("PO-5003", Map.of("po", String.valueOf(small)), EventMeta.by("buyer", "new order"));
      gate.fire("PO-5003", ReleaseGate.Event.SUBMITTAL_APPROVED, new ReleaseGate.Signal("S-2", true, ""), EventMeta.by("architect", "ok"));
      assertEquals("purchase", w.records("purchase.order", "id", small).get(0).get("state"));
      assertTrue(jobCost.report(P2pWorld.PROJECT).line("03 30 00").orElseThrow().committed().compareTo(new BigDecimal("2030")) == 0);
    }
  }
}
