package org.odoobuild.workflow.changeorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetStatus;
import org.odoobuild.model.finance.ChangeOrder;
import org.odoobuild.model.finance.ChangeOrderStatus;
import org.odoobuild.model.finance.ImmutableBudget;
import org.odoobuild.model.finance.ImmutableBudgetLine;
import org.odoobuild.model.finance.ImmutableChangeOrder;
import org.odoobuild.model.finance.ImmutableChangeOrderLine;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderStatus;

class ChangeOrderImpactTest {
  static final Currency USD = Currency.getInstance("USD");
  static final SourceRef PROJECT = SourceRef.of("erp", "P-100");

  static Budget budget() {
    return ImmutableBudget.builder().addSourceRefs(SourceRef.of("est", "B-1")).projectRef(PROJECT).name("Original")
        .status(BudgetStatus.values()[BudgetStatus.values().length > 1 ? 1 : 0]).currency(USD)
        .addLines(ImmutableBudgetLine.builder().lineNumber(1).costCode("03 30 00").description("Concrete")
            .amount(Money.of("50000", "USD")).build())
        .addLines(ImmutableBudgetLine.builder().lineNumber(2).costCode("05 12 00").description("Steel")
            .amount(Money.of("80000", "USD")).build())
        .build();
  }

  static ChangeOrder co(ChangeOrderStatus status) {
    return ImmutableChangeOrder.builder().addSourceRefs(SourceRef.of("pm", "CO-7")).number("CO-7")
        .title("Owner-requested mezzanine").projectRef(PROJECT).status(status).approvedDate(LocalDate.of(2026, 11, 21))
        .currency(USD)
        .addLines(ImmutableChangeOrderLine.builder().lineNumber(1).costCode("05 12 00").description("extra steel")
            .amount(Money.of("12000", "USD")).build())
        .addLines(ImmutableChangeOrderLine.builder().lineNumber(2).costCode("03 30 00").description("slab deleted")
            .amount(Money.of("-8000", "USD")).build())
        .build();
  }

  static PurchaseOrder po(String code, String qty, String price, PurchaseOrderStatus status) {
    return ImmutablePurchaseOrder.builder().addSourceRefs(SourceRef.of("erp", "PO-" + code + qty)).number("PO-" + code)
        .vendorRef(SourceRef.of("erp", "V")).orderDate(LocalDate.of(2026, 11, 1)).status(status).currency(USD)
        .addLines(ImmutablePurchaseOrderLine.builder().lineNumber(1).description("x").quantity(Quantity.of(qty, "ea"))
            .unitPrice(Money.of(price, "USD")).costCode(code).build())
        .build();
  }

  @Test
  void approvedChangeOrderRevisesBudgetAndFlagsCommitmentsAboveIt() {
    BudgetImpact i = ChangeOrderImpact.of(co(ChangeOrderStatus.APPROVED), budget(), List.of(
        po("03 30 00", "1", "45000", PurchaseOrderStatus.CONFIRMED),   // 45,000 > 42,000 revised concrete budget
        po("05 12 00", "1", "90000", PurchaseOrderStatus.CONFIRMED),   // 90,000 <= 92,000
        po("03 30 00", "1", "99999", PurchaseOrderStatus.DRAFT)));     // not a commitment
    assertEquals(0, new BigDecimal("42000").compareTo(i.revisedBudget().get("03 30 00").amount()));
    assertEquals(0, new BigDecimal("92000").compareTo(i.revisedBudget().get("05 12 00").amount()));
    assertEquals(0, new BigDecimal("134000").compareTo(i.revisedTotal().amount()));
    assertEquals(1, i.flags().size());
    assertEquals("03 30 00", i.flags().get(0).costCode());
    assertEquals(0, new BigDecimal("3000").compareTo(i.flags().get(0).overrun().amount()));
  }

  @Test
  void onlyApprovedChangeOrdersApply() {
    assertThrows(IllegalStateException.class, () -> ChangeOrderImpact.of(co(ChangeOrderStatus.PENDING), budget(), List.of()));
  }
}
