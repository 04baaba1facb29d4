package org.odoobuild.adapters.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.authority.OdooApproverDirectory;
import org.odoobuild.connectors.cases.CaseDesk;
import org.odoobuild.connectors.cases.CaseKind;
import org.odoobuild.connectors.cases.CaseRouting;
import org.odoobuild.connectors.cases.CaseStatus;
import org.odoobuild.connectors.cases.ExceptionCase;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.workflow.authority.ApprovalAuthority;
import org.odoobuild.workflow.authority.PostingControls;

/**
 * Bill approval through the approval authority with roles from Odoo groups, a variance hold as a
 * routed case, and postings to closed projects and cost codes refused.
 */
class ControlsOnOdooTest {

  /** A user with the groups assigned (17 completes groups_id with the implied groups, 19 computes all_group_ids). */
  private static int user(P2pWorld w, int version, String login, List<Integer> assigned) {
    return w.server.seed("res.users", Map.of("name", login, "login", login, "partner_id", 3,
        version >= 19 ? "group_ids" : "groups_id", assigned));
  }

  private static OdooApproverDirectory directory(P2pWorld w) {
    return OdooApproverDirectory.builder(w.odoo).role("purchase.group_purchase_user", "project-manager")
        .role("account.group_account_invoice", "controller").build();
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aHeldBillOpensARoutedCaseAndAnApprovalOverTheApproversLimitIsRefused(int version) {
    try (P2pWorld w = new P2pWorld(version); SyncStore store = SyncStores.inMemory()) {
      // Purchase / Administrator (6) implies Purchase / User (5); Invoicing / Billing is 9
      user(w, version, "pm.lee", List.of(1, 6));
      user(w, version, "controller.ann", List.of(1, 9));
      user(w, version, "site.bob", List.of(1));
      OdooApproverDirectory groups = directory(w);
      assertEquals(Set.of("project-manager"), groups.roles("pm.lee"), "from the implied group");
      assertEquals(Set.of(), groups.roles("site.bob"));
      assertEquals(Set.of(), groups.roles("nobody"));
      ApprovalAuthority authority = ApprovalAuthority.builder().limit("project-manager", new BigDecimal("50"))
          .limit("controller", new BigDecimal("10000")).directory(groups).build();
      CaseDesk desk = CaseDesk.builder(store).routing(CaseRouting.builder()
          .rule(CaseRouting.when().flow("vendor-bills").project("RMC-24").minAmount(new BigDecimal("50")), "pm.rmc24",
              Duration.ofDays(2), "controller.ann")
          .otherwise("ap-team", Duration.ofDays(3), "controller.ann").build()).build();
      OdooVendorBills bills = w.bills().authority(authority).cases(desk).build();

      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "8", "EA"}));
      OdooVendorBills.Outcome held = bills.submit(P2pWorld.bill("INV-2", "USD", P2pWorld.ORDER, new Object[] {1, "8", "EA", "152.00"}));
      assertEquals(OdooVendorBills.Status.BLOCKED, held.status());
      bills.submit(P2pWorld.bill("INV-2", "USD", P2pWorld.ORDER, new Object[] {1, "8", "EA", "152.00"}));
      List<ExceptionCase> cases = desk.cases(CaseStatus.OPEN, 10);
      assertEquals(1, cases.size(), "one case per held bill, however often it is submitted");
      ExceptionCase c = cases.get(0);
      assertEquals(CaseKind.VARIANCE_HOLD, c.facts().kind());
      assertEquals("account.move," + held.bill(), c.facts().entityKey());
      assertEquals("RMC-24", c.facts().project());
      assertEquals("03 30 00", c.facts().costCode());
      assertEquals(Optional.of(new BigDecimal("56")), c.facts().amount(), "7.00 over the order price on 8 units");
      assertEquals("pm.rmc24", c.owner(), "routed by flow, project and amount");

      P2pException over = assertThrows(P2pException.class, () -> bills.approve(held.bill(), "pm.lee"));
      assertEquals(P2pException.Problem.OVER_APPROVAL_LIMIT, over.problem());
      assertEquals(P2pException.Problem.NOT_AN_APPROVER,
          assertThrows(P2pException.class, () -> bills.approve(held.bill(), "site.bob")).problem());
      assertEquals("draft", w.records("account.move", "id", held.bill()).get(0).get("state"), "refused: nothing changed");
      assertEquals(0, w.server.callCount("account.move", "action_post"));

      assertEquals(OdooVendorBills.Status.POSTED, bills.approve(held.bill(), "controller.ann").status());
      assertEquals("posted", w.records("account.move", "id", held.bill()).get(0).get("state"));
      assertEquals(CaseStatus.RESOLVED, desk.get(c.id()).orElseThrow().status(), "the approval resolved the case");
      assertEquals("variance approved, bill posted by controller.ann", desk.get(c.id()).orElseThrow().resolution());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aPostingToAClosedCostCodeOrProjectIsRefused(int version) {
    try (P2pWorld w = new P2pWorld(version)) {
      w.receipts().apply(P2pWorld.delivery("DT-1", P2pWorld.ORDER, new Object[] {1, "8", "EA"}, new Object[] {2, "2000", "kg"}));
      OdooVendorBills rebarClosed = w.bills().postingControls(PostingControls.builder().closeCostCode("RMC-24", "03 20 00").build())
          .build();
      int loads = w.server.callCount("account.move", "load");
      P2pException refused = assertThrows(P2pException.class, () -> rebarClosed.submit(P2pWorld.bill("INV-3", "USD", P2pWorld.ORDER,
          new Object[] {1, "8", "EA", "145.00"}, new Object[] {2, "2000", "kg", "0.62"})));
      assertEquals(P2pException.Problem.COST_CODE_CLOSED, refused.problem());
      assertEquals(loads, w.server.callCount("account.move", "load"), "nothing written");
      assertEquals(0, w.server.records("account.move").size());
      assertEquals(OdooVendorBills.Status.POSTED, rebarClosed.submit(P2pWorld.bill("INV-4", "USD", P2pWorld.ORDER,
          new Object[] {1, "8", "EA", "145.00"})).status(), "the open cost code posts");

      // a bill held while the project was open is not approved once it closed
      org.odoobuild.workflow.kit.InMemoryInstanceStore instances = new org.odoobuild.workflow.kit.InMemoryInstanceStore();
      OdooVendorBills open = w.bills().instances(instances).build();
      w.receipts().apply(P2pWorld.delivery("DT-2", P2pWorld.ORDER, new Object[] {1, "4", "EA"}));
      OdooVendorBills.Outcome held = open.submit(P2pWorld.bill("INV-5", "USD", P2pWorld.ORDER, new Object[] {1, "4", "EA", "160.00"}));
      assertEquals(OdooVendorBills.Status.BLOCKED, held.status());
      OdooVendorBills closed = w.bills().instances(instances)
          .postingControls(PostingControls.builder().closeProject("RMC-24").build()).build();
      assertEquals(P2pException.Problem.PROJECT_CLOSED,
          assertThrows(P2pException.class, () -> closed.approve(held.bill(), "pm.lee")).problem());
      assertEquals("draft", w.records("account.move", "id", held.bill()).get(0).get("state"));
    }
  }
}
