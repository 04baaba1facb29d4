package org.odoobuild.adapters.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.adapters.access.AccessReport.Right;
import org.odoobuild.adapters.capture.OdooChangeSource;
import org.odoobuild.adapters.procurement.OdooProcurement;
import org.odoobuild.adapters.sink.EntitySink;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.access.AccessNeed;
import org.odoobuild.connectors.access.AccessNeed.Operation;
import org.odoobuild.model.procurement.PurchaseOrder;
import org.odoobuild.model.procurement.Vendor;
import org.odoobuild.testkit.OdooEmulator;

class OdooAccessCheckTest {

  private static OdooEmulator emulator(int version) {
    return OdooEmulator.builder().version(version).apiKey("admin", "adm-key").limitedUser("clerk", "pw").build().start();
  }

  private static OdooClient client(OdooEmulator odoo, String login, String secret) {
    return OdooClient.builder().url(odoo.url().toString()).database(odoo.database()).login(login, secret).build();
  }

  /** A vendor sync, a PO sync with procurement holds, and change capture on vendors. */
  private static OdooAccessCheck.Builder flows(OdooClient odoo) {
    return OdooAccessCheck.builder(odoo)
        .needs(EntitySink.of(odoo, Vendor.class), EntitySink.of(odoo, PurchaseOrder.class),
            new OdooProcurement(odoo, (owner, message) -> { }), OdooChangeSource.builder(odoo, "res.partner").build())
        .need(AccessNeed.read("account.analytic.account"));
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aLimitedUserLacksThePurchaseRightsTheFlowsNeed(int version) {
    try (OdooEmulator emu = emulator(version)) {
      OdooClient clerk = client(emu, "clerk", "pw");
      AccessReport report = flows(clerk).build().run();

      assertEquals(List.of(new Right("purchase.order", Operation.READ), new Right("purchase.order", Operation.CREATE),
          new Right("purchase.order", Operation.WRITE)), report.missing());
      assertFalse(report.sufficient());
      // partners: Contact Creation also grants delete, which no flow needs
      assertEquals(List.of(new Right("res.partner", Operation.UNLINK)), report.excess());
      assertEquals(List.of(), report.excessGroups(), "no administration group");
      assertEquals("clerk", report.login());
      // the server was asked with its own check: 3 models x 4 operations
      String method = version >= 19 ? "has_access" : "check_access_rights";
      assertEquals(4, emu.callCount("purchase.order", method));
      assertEquals(4, emu.callCount("res.partner", method));
      assertEquals(4, emu.callCount("account.analytic.account", method));
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void theAdministratorHoldsFarMoreThanTheFlowsNeed(int version) {
    try (OdooEmulator emu = emulator(version)) {
      AccessReport report = flows(client(emu, "admin", "adm-key")).build().run();

      assertTrue(report.sufficient(), report.toString());
      assertFalse(report.leastPrivilege());
      assertEquals(List.of(new Right("res.partner", Operation.UNLINK), new Right("purchase.order", Operation.UNLINK), new Right("account.analytic.account", Operation.CREATE),
          new Right("account.analytic.account", Operation.WRITE), new Right("account.analytic.account", Operation.UNLINK)),
          report.excess());
      assertTrue(report.excessGroups().containsAll(List.of("Settings", "Access Rights")), report.excessGroups().toString());
    }
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void groupsBeyondTheMinimalSetAreReported(int version) {
    try (OdooEmulator emu = emulator(version)) {
      String internal = version >= 19 ? "Role / User" : "Internal User";
      AccessReport report = flows(client(emu, "clerk", "pw")).minimalGroups(internal).build().run();
      assertEquals(List.of("Contact Creation"), report.excessGroups());
      assertEquals(List.of(internal, "Contact Creation"), report.groups());
    }
  }
}
