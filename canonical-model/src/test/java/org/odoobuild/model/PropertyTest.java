package org.odoobuild.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.Quantity;
import org.odoobuild.model.json.CanonicalJson;
import org.odoobuild.model.procurement.ImmutablePurchaseOrder;
import org.odoobuild.model.procurement.ImmutablePurchaseOrderLine;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.PurchaseOrderLine;

/** Property-style tests over seeded random entities. */
class PropertyTest {
  private static final int RUNS = 300;

  private static <T extends CanonicalEntity> void roundTrips(T value, Class<T> type) {
    assertTrue(value.validate().isValid(), () -> "generated value must be valid: " + value.validate());
    String json = CanonicalJson.write(value);
    Parsed<T> back = CanonicalJson.read(json, type);
    assertTrue(back.isValid(), () -> "violations " + back.violations() + " for " + json);
    assertEquals(value, back.value().get(), json);
    assertEquals(json, CanonicalJson.write(back.value().get()));
  }

  @Test
  void validEntitiesRoundTripLosslesslyThroughJson() {
    for (int seed = 0; seed < RUNS; seed++) {
      Gen g = new Gen(seed);
      roundTrips(g.purchaseOrder(), PurchaseOrder.class);
      roundTrips(g.vendor(), org.odoobuild.model.procurement.Vendor.class);
      roundTrips(g.bill(), org.odoobuild.model.finance.VendorBill.class);
      roundTrips(g.budget(), org.odoobuild.model.finance.Budget.class);
      roundTrips(g.submittal(), org.odoobuild.model.documents.Submittal.class);
      roundTrips(g.usage(), org.odoobuild.model.equipment.EquipmentUsage.class);
    }
  }

  @Test
  void invalidPurchaseOrdersReportExactlyTheInjectedViolations() {
    int invalidSeen = 0;
    for (int seed = 0; seed < RUNS; seed++) {
      Gen g = new Gen(1000 + seed);
      java.util.Random r = g.random();
      PurchaseOrder po = g.purchaseOrder();
      List<PurchaseOrderLine> lines = new ArrayList<>(po.lines());
      Set<String> expected = new TreeSet<>();
      Currency other = Currency.getInstance(po.currency().getCurrencyCode().equals("JPY") ? "USD" : "JPY");
      for (int k = 0; k < lines.size(); k++) {
        PurchaseOrderLine l = lines.get(k);
        ImmutablePurchaseOrderLine.Builder b = ImmutablePurchaseOrderLine.builder().from(l);
        if (r.nextInt(4) == 0) {
          b.costCode(java.util.Optional.empty());
          expected.add("lines[" + k + "].costCode missing_cost_code");
        }
        if (r.nextInt(4) == 0) {
          b.quantity(Quantity.of(l.quantity().value().negate(), l.quantity().unit()));
          expected.add("lines[" + k + "].quantity.value negative");
        }
        if (r.nextInt(4) == 0) {
          b.unitPrice(Money.of(l.unitPrice().amount(), other));
          expected.add("lines[" + k + "].unitPrice.currency currency_mismatch");
        }
        if (k > 0 && r.nextInt(4) == 0) {
          b.lineNumber(lines.get(0).lineNumber());
          expected.add("lines[" + k + "].lineNumber duplicate");
        }
        if (r.nextInt(10) == 0) {
          b.unitPrice(Money.of(BigDecimal.ONE.negate(), expected.contains("lines[" + k + "].unitPrice.currency currency_mismatch") ? other : po.currency()));
          expected.add("lines[" + k + "].unitPrice.amount negative");
        }
        lines.set(k, b.build());
      }
      PurchaseOrder bad = ImmutablePurchaseOrder.copyOf(po).withLines(lines);
      assertEquals(expected, bad.validate().pathsAndCodes(), "seed " + seed);
      if (!expected.isEmpty()) {
        invalidSeen++;
      }
      Parsed<PurchaseOrder> viaJson = CanonicalJson.read(CanonicalJson.write(bad), PurchaseOrder.class);
      assertEquals(bad, viaJson.value().orElseThrow());
      assertEquals(expected, viaJson.result().pathsAndCodes(), "seed " + seed + " via JSON");
    }
    assertTrue(invalidSeen > RUNS / 2, "enough invalid instances were generated: " + invalidSeen);
  }
}
