package org.odoobuild.adapters.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.cases.CaseDesk;
import org.odoobuild.connectors.cases.CaseKind;
import org.odoobuild.connectors.cases.CaseNotice;
import org.odoobuild.connectors.cases.CaseNotifier;
import org.odoobuild.connectors.cases.CaseRouting;
import org.odoobuild.connectors.cases.ExceptionCase;
import org.odoobuild.connectors.cases.NewCase;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.MutableClock;

/** Case notices as Odoo activities: on the record concerned, for the owner's user, at least once and never twice. */
class OdooActivityNotifierTest {

  private static List<Map<String, Object>> activities(OdooEmulator server, long partner) {
    return server.records("mail.activity").stream().filter(a -> ((Number) a.get("res_id")).longValue() == partner).toList();
  }

  private static long uid(Object many2one) {
    return ((Number) (many2one instanceof List<?> l ? l.get(0) : many2one)).longValue();
  }

  @ParameterizedTest(name = "Odoo {0}")
  @ValueSource(ints = {17, 19})
  void aNoticeBecomesOneActivityForTheOwnerOnTheRecordIsSentAgainAfterAFailureAndMovesOnEscalation(int version) {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-04T08:00:00Z"));
    try (OdooEmulator server = OdooEmulator.builder().version(version).apiKey("admin", "k").build().start();
        OdooClient odoo = OdooClient.builder().url(server.url().toString()).database(server.database()).login("admin").apiKey("k")
            .build();
        SyncStore store = SyncStores.inMemory()) {
      int lee = server.seed("res.users", Map.of("name", "Lee (PM)", "login", "pm.lee", "partner_id", 3));
      int controller = server.seed("res.users", Map.of("name", "Controller", "login", "finance.controller", "partner_id", 3));
      int vendor = server.seed("res.partner", Map.of("name", "Keystone Supply"));
      int exceptions = server.seed("res.partner", Map.of("name", "Integration exceptions"));
      OdooActivityNotifier activities = OdooActivityNotifier.builder(odoo).user("controller", controller)
          .fallbackRecord("res.partner", exceptions).build();
      AtomicInteger sends = new AtomicInteger();
      CaseNotifier counting = n -> {
        sends.incrementAndGet();
        activities.send(n);
      };
      CaseDesk desk = CaseDesk.builder(store).clock(clock).notifier(counting).routing(CaseRouting.builder()
          .rule(CaseRouting.when().kind(CaseKind.OWNERSHIP_CONFLICT), "pm.lee", Duration.ofHours(4), "controller")
          .otherwise("nobody.in.odoo", Duration.ofDays(1), "controller").build()).build();
      ExceptionCase c = desk.open(NewCase.of("ownership:res.partner:" + vendor + ":email", CaseKind.OWNERSHIP_CONFLICT,
          "fieldapp wanted email = 'ap@x', odoo has 'billing@x'").withRecord("vendors", "res.partner", "res.partner," + vendor));

      server.faults().failNext(1, 500);
      assertEquals(0, desk.deliverNotices(10), "Odoo failed: not delivered");
      assertEquals(1, sends.get());
      assertEquals(0, activities(server, vendor).size());
      assertEquals(1, desk.deliverNotices(10), "sent again on the next round");
      assertEquals(0, desk.deliverNotices(10));
      assertEquals(2, sends.get(), "a delivered notice is not sent again");
      List<Map<String, Object>> on = activities(server, vendor);
      assertEquals(1, on.size());
      assertEquals("res.partner", on.get(0).get("res_model"));
      assertEquals(lee, uid(on.get(0).get("user_id")), "assigned to the owner's Odoo user (by login)");
      assertEquals("2026-05-04", String.valueOf(on.get(0).get("date_deadline")));
      assertTrue(String.valueOf(on.get(0).get("summary")).startsWith("Case " + c.id() + " opened"), on.toString());

      // the same notice again (its answer was lost): the same activity, updated, not a second one
      int loads = server.callCount("mail.activity", "load");
      activities.send(new CaseNotice(1, c.id(), "opened", "pm.lee", "again", c.facts(), c.dueAt()));
      assertEquals(loads + 1, server.callCount("mail.activity", "load"));
      assertEquals(1, activities(server, vendor).size());

      // escalation: the controller gets the activity, the project manager's goes
      clock.advance(Duration.ofHours(5));
      assertEquals(1, desk.escalateOverdue().size());
      assertEquals(1, desk.deliverNotices(10));
      on = activities(server, vendor);
      assertEquals(1, on.size());
      assertEquals(controller, uid(on.get(0).get("user_id")));

      // a case about no Odoo record goes on the configured record; dismissing removes the case's activities
      ExceptionCase other = desk.open(NewCase.of("control:1", CaseKind.CONTROL, "posting to a closed project refused"));
      assertEquals(1, desk.deliverNotices(10));
      assertEquals(1, activities(server, exceptions).size());
      desk.dismiss(c.id(), "finance.controller", "the vendor's email stays as AP keeps it");
      desk.dismiss(other.id(), "finance.controller", "posted to the right project");
      assertEquals(2, desk.deliverNotices(10));
      assertEquals(0, activities(server, vendor).size());
      assertEquals(0, activities(server, exceptions).size());
    }
  }
}
