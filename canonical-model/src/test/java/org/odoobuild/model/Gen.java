package org.odoobuild.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.documents.ImmutableSubmittal;
import org.odoobuild.model.documents.Submittal;
import org.odoobuild.model.documents.SubmittalStatus;
import org.odoobuild.model.equipment.EquipmentUsage;
import org.odoobuild.model.equipment.ImmutableEquipmentUsage;
import org.odoobuild.model.finance.BillStatus;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetStatus;
import org.odoobuild.model.finance.ImmutableBudget;
import org.odoobuild.model.finance.ImmutableBudgetLine;
import org.odoobuild.model.finance.ImmutableVendorBill;
import org.odoobuild.model.finance.ImmutableVendorBillLine;
import org.odoobuild.model.finance.VendorBill;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.ImmutableVendor;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrderStatus;
import org.odoobuild.model.procurement.Vendor;

/** Seeded generators of valid canonical entities. */
final class Gen {
  static final String[] CODES = {"03 30 00", "03 31 13", "05 12 00", "09 29 00", "26 05 19.13", "31 23 16"};
  static final UnitOfMeasure[] UNITS = UnitOfMeasure.values();
  static final String[] CURRENCIES = {"USD", "EUR", "CAD", "GBP", "AUD"};
  private final Random r;

  Gen(long seed) {
    this.r = new Random(seed);
  }

  Random random() {
    return r;
  }

  String word(int max) {
    int n = 1 + r.nextInt(max);
    StringBuilder b = new StringBuilder();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -./éüß";
    b.append('W');
    for (int i = 1; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString().strip();
  }

  SourceRef ref() {
    String system = new String[] {"procore", "aconex", "hcss", "sage-300", "telematics.x"}[r.nextInt(5)];
    return r.nextBoolean() ? SourceRef.of(system, word(30)) : SourceRef.of(system, word(30), String.valueOf(r.nextInt(50)));
  }

  BigDecimal decimal(int scale, int maxUnscaled) {
    return BigDecimal.valueOf(1 + r.nextInt(maxUnscaled), scale);
  }

  LocalDate date() {
    return LocalDate.of(2024, 1, 1).plusDays(r.nextInt(900));
  }

  Currency currency() {
    return Currency.getInstance(CURRENCIES[r.nextInt(CURRENCIES.length)]);
  }

  Quantity quantity() {
    return Quantity.of(decimal(r.nextInt(4), 100000), UNITS[r.nextInt(UNITS.length)]);
  }

  Vendor vendor() {
    ImmutableVendor.Builder b = ImmutableVendor.builder().addSourceRefs(ref()).name(word(60)).company(r.nextBoolean()).blocked(r.nextInt(5) == 0);
    if (r.nextBoolean()) {
      b.vendorCode("V-" + r.nextInt(100000));
    }
    if (r.nextBoolean()) {
      b.taxId("US" + (10000000 + r.nextInt(80000000)));
    }
    if (r.nextBoolean()) {
      b.email("ap" + r.nextInt(1000) + "@vendor" + r.nextInt(99) + ".example.com");
    }
    if (r.nextBoolean()) {
      b.insuranceExpiry(date());
    }
    if (r.nextBoolean()) {
      b.licenceExpiry(date());
    }
    return b.build();
  }

  PurchaseOrder purchaseOrder() {
    Currency cur = currency();
    LocalDate d = date();
    int n = 1 + r.nextInt(6);
    List<PurchaseOrderLine> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ImmutablePurchaseOrderLine.Builder lb = ImmutablePurchaseOrderLine.builder()
          .lineNumber((i + 1) * 10)
          .description(word(80))
          .quantity(quantity())
          .unitPrice(Money.of(decimal(2, 1000000), cur))
          .costCode(CODES[r.nextInt(CODES.length)]);
      if (r.nextBoolean()) {
        lb.productCode("P-" + r.nextInt(1000));
      }
      if (r.nextBoolean()) {
        lb.plannedDate(d.plusDays(r.nextInt(60)));
      }
      lines.add(lb.build());
    }
    ImmutablePurchaseOrder.Builder b = ImmutablePurchaseOrder.builder().addSourceRefs(ref()).number("PO-" + r.nextInt(100000))
        .vendorRef(ref()).orderDate(d).status(PurchaseOrderStatus.values()[r.nextInt(PurchaseOrderStatus.values().length)])
        .currency(cur).lines(lines);
    if (r.nextBoolean()) {
      b.projectRef(ref());
    }
    return b.build();
  }

  VendorBill bill() {
    Currency cur = currency();
    LocalDate d = date();
    ImmutableVendorBill.Builder b = ImmutableVendorBill.builder().addSourceRefs(ref()).billNumber("INV-" + r.nextInt(99999))
        .vendorRef(ref()).billDate(d).status(BillStatus.values()[r.nextInt(BillStatus.values().length)]).currency(cur);
    if (r.nextBoolean()) {
      b.dueDate(d.plusDays(30));
    }
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.addLines(ImmutableVendorBillLine.builder().lineNumber(i + 1).description(word(40)).quantity(quantity())
          .unitPrice(Money.of(decimal(2, 100000), cur)).costCode(CODES[r.nextInt(CODES.length)]).build());
    }
    return b.build();
  }

  Budget budget() {
    Currency cur = currency();
    ImmutableBudget.Builder b = ImmutableBudget.builder().addSourceRefs(ref()).projectRef(ref()).name(word(30))
        .status(BudgetStatus.values()[r.nextInt(BudgetStatus.values().length)]).currency(cur);
    for (int i = 0; i < CODES.length; i++) {
      if (r.nextBoolean() || i == 0) {
        b.addLines(ImmutableBudgetLine.builder().lineNumber(i + 1).costCode(CODES[i]).description(word(30))
            .amount(Money.of(decimal(2, 10000000), cur)).build());
      }
    }
    return b.build();
  }

  Submittal submittal() {
    SubmittalStatus s = SubmittalStatus.values()[r.nextInt(SubmittalStatus.values().length)];
    LocalDate sub = date();
    ImmutableSubmittal.Builder b = ImmutableSubmittal.builder().addSourceRefs(ref()).number("S-" + r.nextInt(999)).title(word(50))
        .projectRef(ref()).specSection(CODES[r.nextInt(4)]).revision(r.nextInt(4)).status(s);
    if (s.isSubmitted()) {
      b.submittedDate(sub);
    }
    if (s.isReviewed()) {
      b.reviewedDate(sub.plusDays(r.nextInt(20)));
    }
    for (int i = 0; i < r.nextInt(3); i++) {
      b.addDocumentRevisions(ref());
    }
    return b.build();
  }

  EquipmentUsage usage() {
    ImmutableEquipmentUsage.Builder b = ImmutableEquipmentUsage.builder().addSourceRefs(ref()).assetRef(ref()).usageDate(date())
        .hours(Quantity.of(BigDecimal.valueOf(r.nextInt(100), 1), UnitOfMeasure.H))
        .fuel(Quantity.of(decimal(1, 4000), r.nextBoolean() ? UnitOfMeasure.L : UnitOfMeasure.GAL));
    if (r.nextBoolean()) {
      b.projectRef(ref()).costCode(CODES[r.nextInt(CODES.length)]);
    }
    if (r.nextBoolean()) {
      b.downtime(Quantity.of(String.valueOf(r.nextInt(60)), UnitOfMeasure.MIN));
    }
    return b.build();
  }
}
