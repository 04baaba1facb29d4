package org.odoobuild.adapters.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.connectors.engine.SyncContext;
import org.odoobuild.testkit.OdooEmulator;

/** Odoo calls as tagged Micrometer timers, with the flow they were made for. */
class OdooCallMetricsTest {
  @Test
  void callsAreTimedByModelMethodOutcomeAndFlow() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (OdooEmulator emulator = OdooEmulator.builder().build().start();
        OdooClient odoo = OdooClient.builder().url(emulator.url().toString()).database(emulator.database())
            .apiKey(emulator.apiKey()).listener(new OdooCallMetrics(registry)).build()) {
      try (SyncContext.Scope ignored = SyncContext.open("vendors", "c-1")) {
        odoo.model("res.partner").count(Domain.all());
        odoo.model("res.partner").count(Domain.all());
        assertThrows(OdooException.class, () -> odoo.model("res.partner").create(Map.of("no_such_field", 1)));
      }
      odoo.model("res.partner").count(Domain.all());

      assertEquals(2, registry.get(OdooCallMetrics.NAME).tags("model", "res.partner", "method", "search_count",
          "outcome", "ok", "flow", "vendors", "protocol", "JSON2").timer().count());
      assertEquals(1, registry.get(OdooCallMetrics.NAME).tags("model", "res.partner", "method", "search_count",
          "flow", "none").timer().count());
      assertEquals(1, registry.get(OdooCallMetrics.NAME).tags("model", "res.partner", "method", "create",
          "flow", "vendors").timers().stream().filter(t -> !t.getId().getTag("outcome").equals("ok")).count());
    }
  }
}
