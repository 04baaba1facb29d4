package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.ChangeOrder;
import org.odoobuild.model.finance.ChangeOrderStatus;
import org.odoobuild.model.finance.ImmutableChangeOrder;
import org.odoobuild.model.finance.ImmutableChangeOrderLine;
import org.odoobuild.workflow.changeorder.ChangeOrderWorkflow;
import org.odoobuild.workflow.jobcost.InMemoryBudgetStore;
import org.odoobuild.workflow.jobcost.JobCostReport;
import org.odoobuild.workflow.kit.EventMeta;
import org.odoobuild.workflow.kit.InMemoryInstanceStore;
import org.odoobuild.workflow.kit.WorkflowEngine;
import org.odoobuild.workflow.kit.WorkflowException;
import org.odoobuild.workflow.p2p.P2pEvent;

/** An approved change order amends the confirmed order in Odoo, revises the budget and is announced once. */
class ChangeOrderOnOdooTest {

  static ChangeOrder co(String number, ImmutableChangeOrderLine... lines) {
    return ImmutableChangeOrder.builder().addSourceRefs(SourceRef.of("pm", number)).number(number).title("Owner change")
        .projectRef(P2pWorld.PROJECT).commitmentRef(P2pWorld.ORDER).status(ChangeOrderStatus.APPROVED)
        .approvedDate(LocalDate.parse("2026-03-10")).currency(P2pWorld.USD).addLines(lines).build();
  }

  /** Line 1 (ready-mix, 20 EA at 145.00): 5 more at 3.00 more: 25 × 148 − 20 × 145 = 800. */
  static ImmutableChangeOrderLine moreConcrete() {
    return ImmutableChangeOrderLine.builder().lineNumber(1).costCode("03 30 00").description("Extra slab")
        .amount(Money.of("800.00", "USD")).orderLine(1).quantityDelta(new BigDecimal("5"))
        .unitPriceDelta(Money.of("3.00", "USD")).build();
  }

  /** A new line: 1000 kg of rebar at 0.62 = 620. */
  static ImmutableChangeOrderLine moreRebar() {
    return ImmutableChangeOrderLine.builder().lineNumber(2).costCode("03 20 00").description("Rebar for the extra slab")
        .amount(Money.of("620.00", "USD")).productCode("RB5").quantityDelta(new BigDecimal("1000"))
        .unitPriceDelta(Money.of("0.62", "USD")).build();
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void amendsTheConfirmedOrderRevisesTheBudgetAndIsIdempotent(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      InMemoryBudgetStore budgets = JobCostOnOdooTest.budgets();
      OdooJobCost jobCost = OdooJobCost.builder(w.odoo).references(w.known).budgets(budgets).build();
      JobCostReport before = jobCost.report(P2pWorld.PROJECT);
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "12", "EA"}));
      OdooChangeOrders changes = OdooChangeOrders.of(w.odoo, w.known, budgets, w.events::add);

      OdooChangeOrders.Amendment a = changes.apply(co("CO-007", moreConcrete(), moreRebar()));

      List<Map<String, Object>> lines = w.records("purchase.order.line", "order_id", w.orderId);
      Map<String, Object> concrete = lines.stream().filter(l -> String.valueOf(l.get("name")).contains("[CO-007/1]")).findFirst()
          .orElseThrow();
      assertEquals(new BigDecimal("25"), P2pWorld.dec(concrete.get("product_qty")));
      assertEquals(new BigDecimal("148"), P2pWorld.dec(concrete.get("price_unit")));
      Map<String, Object> rebar = lines.stream().filter(l -> String.valueOf(l.get("name")).contains("[CO-007/2]")).findFirst()
          .orElseThrow();
      assertEquals(new BigDecimal("1000"), P2pWorld.dec(rebar.get("product_qty")));
      assertEquals(a.event().addedLines(), List.of(((Number) rebar.get("id")).longValue()));
      assertEquals(1, w.records("stock.move", "purchase_line_id", rebar.get("id")).size(), "the receipt expects the added rebar");
      assertEquals("purchase", w.server.records("purchase.order").stream()
          .filter(p -> ((Number) p.get("id")).longValue() == w.orderId).findFirst().orElseThrow().get("state"));

      JobCostReport after = jobCost.report(P2pWorld.PROJECT);
      assertEquals(0, before.line("03 30 00").orElseThrow().budget().add(new BigDecimal("800"))
          .compareTo(after.line("03 30 00").orElseThrow().budget()), "budget of 03 30 00 revised");
      assertEquals(0, before.line("03 20 00").orElseThrow().budget().add(new BigDecimal("620"))
          .compareTo(after.line("03 20 00").orElseThrow().budget()), "budget of 03 20 00 revised");
      assertEquals(0, new BigDecimal("3700").compareTo(after.line("03 30 00").orElseThrow().committed()), "25 × 148 committed");
      assertEquals(0, before.line("03 20 00").orElseThrow().committed().add(new BigDecimal("620"))
          .compareTo(after.line("03 20 00").orElseThrow().committed()), "the added rebar committed");

      List<P2pEvent.ChangeOrderApproved> events = w.events(P2pEvent.ChangeOrderApproved.class);
      assertEquals(1, events.size());
      assertEquals("change_order_approved", events.get(0).type().name());
      assertEquals(0, new BigDecimal("800.00").compareTo(events.get(0).budgetChange().get("03 30 00")));

      int writes = w.server.callCount("purchase.order.line", "write") + w.server.callCount("purchase.order.line", "create");
      changes.apply(co("CO-007", moreConcrete(), moreRebar())); // again: nothing changes
      assertEquals(writes, w.server.callCount("purchase.order.line", "write") + w.server.callCount("purchase.order.line", "create"));
      assertEquals(lines.size(), w.records("purchase.order.line", "order_id", w.orderId).size());
      assertEquals(0, after.line("03 30 00").orElseThrow().budget()
          .compareTo(jobCost.report(P2pWorld.PROJECT).line("03 30 00").orElseThrow().budget()), "budget revised once");
      assertEquals(after.line("03 30 00").orElseThrow().budget(), jobCost.report(P2pWorld.PROJECT).line("03 30 00").orElseThrow().budget());
      assertEquals(events.get(0).subject(), w.events(P2pEvent.ChangeOrderApproved.class).get(1).subject(), "same key: one event downstream");
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void refusesToGoBelowReceivedAndToAmendALockedOrder(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "12", "EA"}));
      OdooChangeOrders changes = OdooChangeOrders.of(w.odoo, w.known, JobCostOnOdooTest.budgets(), w.events::add);
      P2pException below = assertThrows(P2pException.class, () -> changes.apply(co("CO-008",
          ImmutableChangeOrderLine.builder().lineNumber(1).costCode("03 30 00").description("Deduct")
              .amount(Money.of("-1305.00", "USD")).orderLine(1).quantityDelta(new BigDecimal("-9")).build(),
          moreRebar())));
      assertEquals(P2pException.Problem.BELOW_RECEIVED_OR_BILLED, below.problem());
      assertTrue(w.records("purchase.order.line", "order_id", w.orderId).stream()
          .noneMatch(l -> String.valueOf(l.get("name")).contains("[CO-008")), "nothing written when one line is refused");

      w.odoo.model("purchase.order").write(List.of(w.orderId), version >= 19 ? Map.of("locked", true) : Map.of("state", "done"));
      P2pException locked = assertThrows(P2pException.class, () -> changes.apply(co("CO-009", moreConcrete())));
      assertEquals(P2pException.Problem.ORDER_LOCKED, locked.problem());
      assertTrue(w.events(P2pEvent.ChangeOrderApproved.class).isEmpty());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void approvingThroughTheWorkflowAmendsTheOrderInOdoo(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      InMemoryBudgetStore budgets = JobCostOnOdooTest.budgets();
      OdooChangeOrders changes = OdooChangeOrders.of(w.odoo, w.known, budgets, w.events::add);
      ChangeOrder pending = ImmutableChangeOrder.copyOf(co("CO-011", moreConcrete(), moreRebar()))
          .withStatus(ChangeOrderStatus.PENDING).withApprovedDate(Optional.empty());
      List<String> flagged = new ArrayList<>();
      WorkflowEngine<ChangeOrderWorkflow.State, ChangeOrderWorkflow.Event, String> cos = new WorkflowEngine<>(
          ChangeOrderWorkflow.definition(changes.port(n -> n.equals(pending.number()) ? Optional.of(pending) : Optional.empty(),
              (owner, f) -> flagged.add(owner + " " + f.costCode() + " over by " + f.overrun().amount().stripTrailingZeros().toPlainString()))),
          new InMemoryInstanceStore(), Clock.systemUTC());
      cos.start("CO-011", Map.of("change_order", "CO-011", "owner", "pm@gc.example"), EventMeta.of("pm", "priced", "co-011-start"));
      cos.fire("CO-011", ChangeOrderWorkflow.Event.SUBMIT, "pm", EventMeta.of("pm", "sent for approval", "co-011-submit"));
      assertTrue(marked(w, "[CO-011/").isEmpty(), "nothing in Odoo before the approval");

      cos.fire("CO-011", ChangeOrderWorkflow.Event.APPROVE, "J. Ortiz", EventMeta.of("J. Ortiz", "approved", "co-011-approve"));

      assertEquals(ChangeOrderWorkflow.State.APPROVED, cos.state("CO-011"));
      Map<String, Object> concrete = marked(w, "[CO-011/1]").get(0);
      assertEquals(new BigDecimal("25"), P2pWorld.dec(concrete.get("product_qty")));
      assertEquals(new BigDecimal("148"), P2pWorld.dec(concrete.get("price_unit")));
      assertEquals(new BigDecimal("1000"), P2pWorld.dec(marked(w, "[CO-011/2]").get(0).get("product_qty")), "the rebar line added");
      List<P2pEvent.ChangeOrderApproved> events = w.events(P2pEvent.ChangeOrderApproved.class);
      assertEquals(1, events.size());
      assertEquals("CO-011", events.get(0).changeOrder());
      assertEquals(2, budgets.find(P2pWorld.PROJECT).orElseThrow().lines().stream()
          .filter(l -> l.description().startsWith("CO-011:")).count(), "the budget revised");
      // rebar: 3000 kg and 1000 more at 0.62 = 2480 committed against 1500 + 620 budgeted
      assertEquals(List.of("pm@gc.example 03 20 00 over by 360"), flagged);

      int writes = w.server.callCount("purchase.order.line", "write") + w.server.callCount("purchase.order.line", "create");
      cos.fire("CO-011", ChangeOrderWorkflow.Event.APPROVE, "J. Ortiz", EventMeta.of("J. Ortiz", "approved", "co-011-approve"));
      assertEquals(writes, w.server.callCount("purchase.order.line", "write") + w.server.callCount("purchase.order.line", "create"),
          "the same approval again writes nothing");

      cos.start("CO-012", Map.of("change_order", "CO-012"), EventMeta.of("pm", "priced", "co-012-start"));
      cos.fire("CO-012", ChangeOrderWorkflow.Event.SUBMIT, "pm", EventMeta.of("pm", "sent", "co-012-submit"));
      assertThrows(WorkflowException.class, () -> cos.fire("CO-012", ChangeOrderWorkflow.Event.APPROVE, "J. Ortiz",
          EventMeta.of("J. Ortiz", "approved", "co-012-approve")));
      assertEquals(ChangeOrderWorkflow.State.PENDING, cos.state("CO-012"), "an unknown change order is not approved");
    }
  }

  static List<Map<String, Object>> marked(P2pWorld w, String marker) {
    return w.records("purchase.order.line", "order_id", w.orderId).stream()
        .filter(l -> String.valueOf(l.get("name")).contains(marker)).toList();
  }
}
