package org.odoobuild.adapters.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;

/** An Odoo automation rule posts to the intake; polling catches what the webhook missed. */
class OdooAutomationWebhookTest {
  static final String TOKEN = "t0ken-for-the-odoo-automation-rule";

  @Test
  void automationRuleNotificationIsAppliedOnceAndPollingCatchesTheMissedOne() throws Exception {
    List<String> portal = new CopyOnWriteArrayList<>();
    try (SyncStore store = SyncStores.inMemory();
        OdooEmulator odooServer = OdooEmulator.builder().apiKey("wh-key").demoData(true).build().start()) {
      SyncEngine engine = SyncEngine.builder().store(store).build();
      engine.register(Flow.builder("po-events", OdooChange.codec()).sink(batch -> batch.stream().map(r -> {
        portal.add(r.payload().model() + "," + r.payload().id() + " " + r.payload().values().get("state"));
        return SinkResult.applied("portal");
      }).toList()).build());
      try (OdooAutomationWebhook hook = new OdooAutomationWebhook(engine, "po-events", TOKEN, Clock.systemUTC())) {
        int port = hook.serve("127.0.0.1", 0);
        // exactly what Odoo's "Send Webhook Notification" posts: json.dumps(vals, sort_keys=True, default=str)
        String body = "{\"_action\": \"Send to SDK(#12)\", \"_id\": 7, \"_model\": \"purchase.order\", "
            + "\"name\": \"P00007\", \"state\": \"purchase\", \"write_date\": \"2026-11-22 12:20:55\"}";
        HttpClient http = HttpClient.newHttpClient();
        URI ok = URI.create("http://127.0.0.1:" + port + "/odoo-webhooks/po-events?token=" + TOKEN);
        for (int i = 0; i < 2; i++) { // Odoo retries when its 1 s timeout hits: the second is a duplicate
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(ok).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          assertEquals(202, r.statusCode());
          assertTrue(r.body().contains(i == 0 ? "accepted" : "duplicate"), r.body());
        }
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/odoo-webhooks/po-events?token=guess")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bad.statusCode());
        assertEquals(OdooAutomationWebhook.Outcome.MALFORMED, hook.receive(TOKEN, "{\"state\": 1}".getBytes()));
      }
      engine.drain("po-events");
      assertEquals(List.of("purchase.order,7 purchase"), portal);

      // the fallback: polling change capture on the same model emits what no webhook announced
      OdooClient odoo = OdooClient.builder().url(odooServer.url().toString()).database("construction").apiKey("wh-key").build();
      OdooChangeSource poll = OdooChangeSource.builder(odoo, "purchase.order").fields("name", "state").trackActive(false)
          .scope(Domain.where("state", "=", "purchase")).build();
      engine.register(Flow.builder("po-poll", OdooChange.codec()).source(poll).sink(new ChangeEventSink(poll.snapshots(),
          List.of(EventRule.enters("purchase.order", "state", "purchase",
              org.odoobuild.connectors.spi.EventCatalog.PURCHASE_ORDER_APPROVED)), ev -> engine.accept("po-events", ev)))
          .build());
      engine.run("po-poll");
      engine.drain("po-events");
      long confirmed = odoo.model("purchase.order").count(Domain.where("state", "=", "purchase"));
      assertTrue(confirmed > 0);
      assertEquals(1 + confirmed, portal.size(), portal.toString());
      assertTrue(portal.stream().skip(1).allMatch(p -> p.endsWith(" purchase")), portal.toString());
    }
  }
}
