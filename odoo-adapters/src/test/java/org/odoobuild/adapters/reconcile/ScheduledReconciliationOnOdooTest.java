package org.odoobuild.adapters.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.connectors.cases.CaseDesk;
import org.odoobuild.connectors.cases.CaseKind;
import org.odoobuild.connectors.cases.CaseRouting;
import org.odoobuild.connectors.cases.CaseStatus;
import org.odoobuild.connectors.cases.ExceptionCase;
import org.odoobuild.connectors.cases.ScheduledReconciliation;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/** A scheduled reconciliation against Odoo opens one routed case per drifting record, once. */
class ScheduledReconciliationOnOdooTest {

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void driftFoundOnScheduleBecomesOneCasePerRecordRoutedByFlow(int version) {
    try (OdooEmulator server = OdooEmulator.builder().version(version).apiKey("admin", "k").build().start();
        OdooClient odoo = OdooClient.builder().url(server.url().toString()).database(server.database()).login("admin").apiKey("k")
            .build();
        SyncStore store = SyncStores.inMemory()) {
      server.seed("res.partner", Map.of("name", "Acme Steel", "ref", "V1", "email", "ap@acme.example"));
      server.seed("res.partner", Map.of("name", "Bolt and Nut", "ref", "V2", "email", "ap@bolt.example"));
      Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
      expected.put("V1", Map.of("name", "Acme Steel", "email", "ap@acme.example"));
      expected.put("V2", Map.of("name", "Bolt & Nut", "email", "ap@bolt.example"));
      expected.put("V3", Map.of("name", "Missing Co"));
      CaseDesk desk = CaseDesk.builder(store).routing(CaseRouting.builder()
          .rule(CaseRouting.when().flow("vendors").kind(CaseKind.RECONCILIATION_DRIFT), "vendor-master", Duration.ofDays(1),
              "ap-lead")
          .otherwise("integration-team", Duration.ofDays(2), "integration-lead").build()).build();
      Query scope = Query.where(Domain.where("ref", "!=", false)).fields("ref");
      // the reconciler opens the cases itself ...
      Reconciler.of("vendors", Set.of("name", "email")).cases(desk).compare(expected, odoo.model("res.partner"), scope,
          r -> r.getString("ref").orElse(""));
      assertEquals(2, desk.cases(CaseStatus.OPEN, 10).size());
      // ... and the schedule opens them for any report; found again, they are the same cases
      Reconciler plain = Reconciler.of("vendors", Set.of("name", "email"));
      ScheduledReconciliation nightly = new ScheduledReconciliation(() -> plain.compare(expected, odoo.model("res.partner"), scope,
          r -> r.getString("ref").orElse("")), desk);
      List<ExceptionCase> first = nightly.runOnce();
      assertEquals(2, first.size());
      assertEquals(first.stream().map(ExceptionCase::id).toList(), nightly.runOnce().stream().map(ExceptionCase::id).toList());
      List<ExceptionCase> open = desk.cases(CaseStatus.OPEN, 10);
      assertEquals(2, open.size());
      assertTrue(open.stream().allMatch(c -> c.owner().equals("vendor-master") && c.facts().kind() == CaseKind.RECONCILIATION_DRIFT));
      assertEquals(List.of("V2", "V3"), open.stream().map(c -> c.facts().entityKey()).toList());
      assertTrue(open.get(0).facts().summary().contains("name"), open.get(0).facts().summary());
      assertEquals(2, store.audit(AuditQuery.builder().action("case_opened").limit(10).build()).size());
    }
  }
}
