package org.odoobuild.adapters.reconcile;

import org.odoobuild.connectors.ops.Drift;
import org.odoobuild.connectors.ops.ReconciliationReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;

class ReconcilerTest {
  static Record odoo(long id, String ref, String name, Object email, Object country) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("ref", ref);
    m.put("name", name);
    m.put("email", email);
    m.put("country_id", country);
    return new Record(m);
  }

  @Test
  void reportsMissingExtraAndDifferentWithOdooConventions() {
    Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
    expected.put("V1", Map.of("name", "Acme Steel", "email", "", "country_id", Many2one.of(233)));
    expected.put("V2", Map.of("name", "Bolt & Nut", "email", "ap@bolt.example"));
    expected.put("V3", Map.of("name", "Missing Co"));
    List<Record> actual = List.of(
        odoo(1, "V1", "Acme Steel", false, List.of(233L, "United States")), // false == "", [233, name] == 233
        odoo(2, "V2", "Bolt and Nut", "ap@bolt.example", false),
        odoo(3, "V9", "Extra Ltd", false, false),
        odoo(4, "", "no ref: not ours", false, false));
    ReconciliationReport r = Reconciler.of("vendors", Set.of("name", "email", "country_id"))
        .compare(expected, actual.iterator(), rec -> rec.getString("ref").orElse(""));
    assertFalse(r.inSync());
    assertEquals(1, r.matched());
    assertEquals(3, r.odooCount());
    assertEquals(List.of("V3"), r.drifts(Drift.Kind.MISSING).stream().map(Drift::key).toList());
    assertEquals(List.of("V9"), r.drifts(Drift.Kind.EXTRA).stream().map(Drift::key).toList());
    Drift diff = r.drifts(Drift.Kind.DIFFERENT).get(0);
    assertEquals("V2", diff.key());
    assertEquals(Set.of("name"), diff.fields().keySet());
    assertEquals("Bolt and Nut", diff.fields().get("name").odoo());
  }
}
