package org.odoobuild.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.odoobuild.examples.connector.FieldRequestsConnector;
import org.odoobuild.examples.doccontrol.DocumentControlToProcurement;
import org.odoobuild.examples.equipment.TelematicsToErp;
import org.odoobuild.examples.estimating.EstimateToErp;
import org.odoobuild.examples.support.Console;

/** Runs each example as a person would (against the embedded emulator) and checks what it printed and did. */
class ExamplesTest {
  final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  final Console console = new Console(new PrintStream(buffer, true, StandardCharsets.UTF_8));

  String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void documentControlReleasesApprovedPackagesAndHoldsSupersededOnes() throws Exception {
    assertEquals(2, DocumentControlToProcurement.run(console), output());
    String out = output();
    assertTrue(out.contains("05 12 00-001 approved by K. Osei (SE) → purchase.order"), out);
    assertTrue(out.contains("on hold (moment connection at grid C-4 changed)"), out);
    assertTrue(out.contains("refused by guard 'vendor compliant'"), out);
    assertTrue(out.contains("POST portal/orders"), out);
    assertTrue(out.contains("== Document control → procurement:"), out);
  }

  @Test
  void estimateBecomesProjectCostCodesAndRequisitions() throws Exception {
    assertEquals(8, EstimateToErp.run(console, EstimateToErp.class.getResourceAsStream("/estimate-riverside-medical.csv")),
        output());
    String out = output();
    assertTrue(out.contains("linked through account_id (discovered with fields_get)"), out);
    assertTrue(out.contains("dead-lettered row 10 WIRE-12: quantity: must be positive"), out);
    assertTrue(out.contains("total                                     310,776.00"), out);
    assertTrue(out.contains("2 dead-lettered"), out);
  }

  @Test
  void telematicsBecomesChargesAndMaintenanceRequests() throws Exception {
    assertEquals(3, TelematicsToErp.run(console, TelematicsToErp.class.getResourceAsStream("/telematics-week-47.json")),
        output());
    String out = output();
    assertTrue(out.contains("total charged to cost codes: USD 5,692.50"), out);
    assertTrue(out.contains("meter of EX-320-01 goes backwards"), out);
    assertTrue(out.contains("6 synced, 0 skipped, 2 dead-lettered"), out);
  }

  @Test
  void writingAConnectorExampleAppliesEachRequestOnce() throws Exception {
    assertEquals(2, FieldRequestsConnector.run(console), output());
    String out = output();
    assertTrue(out.contains("purchase orders from the site app in Odoo: 1"), out);
    assertTrue(out.contains("costCode: missing cost code"), out);
    assertTrue(out.contains("1 duplicates"), out);
  }
}
