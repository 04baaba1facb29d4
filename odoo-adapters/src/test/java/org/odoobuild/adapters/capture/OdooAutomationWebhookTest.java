package org.odoobuild.adapters.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooDates;
import org.odoobuild.client.Query;
import org.odoobuild.client.RetryConfig;
import org.odoobuild.connectors.engine.Flow;
import org.odoobuild.connectors.engine.SyncEngine;
import org.odoobuild.connectors.spi.SinkResult;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.testkit.OdooEmulator;
import org.odoobuild.testsupport.MutableClock;

/**
 * An Odoo automation rule posts to the intake: the record is read back from Odoo (the body is a
 * notice, not data), a repeat is applied once, hostile or stale notifications get a status, slow
 * connections do not block it, and polling catches what the webhook missed.
 */
class OdooAutomationWebhookTest {
  static final String TOKEN = "t0ken-for-the-odoo-automation-rule";
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:20:55Z"));
  final List<String> portal = new CopyOnWriteArrayList<>();
  SyncStore store;
  OdooEmulator odooServer;
  OdooClient odoo;
  SyncEngine engine;
  OdooAutomationWebhook hook;
  int port;
  long po;

  @BeforeEach
  void setUp() throws Exception {
    store = SyncStores.inMemory();
    odooServer = OdooEmulator.builder().apiKey("wh-key").demoData(true).clock(clock).build().start();
    odoo = OdooClient.builder().url(odooServer.url().toString()).database("construction").apiKey("wh-key")
        .retry(RetryConfig.none()).build();
    engine = SyncEngine.builder().store(store).build();
    engine.register(Flow.builder("po-events", OdooChange.codec()).sink(batch -> batch.stream().map(r -> {
      portal.add(r.payload().model() + "," + r.payload().id() + " " + r.payload().values().get("state") + " "
          + r.payload().values().get("name"));
      return SinkResult.applied("portal");
    }).toList()).build());
    hook = OdooAutomationWebhook.builder(engine, "po-events", odoo).token(TOKEN).model("purchase.order", "name", "state")
        .clock(clock).build();
    port = hook.serve("127.0.0.1", 0);
    po = odoo.model("purchase.order").search(Query.where(Domain.where("state", "=", "purchase")).limit(1)).get(0);
  }

  @AfterEach
  void tearDown() {
    hook.close();
    odooServer.close();
    store.close();
  }

  String writeDate() {
    return odoo.model("purchase.order").read(po, "write_date").orElseThrow().getString("write_date").orElseThrow();
  }

  /** What Odoo's "Send Webhook Notification" posts: json.dumps(vals, sort_keys=True, default=str). */
  String notice(long id, String writeDate) {
    return "{\"_action\": \"Send to SDK(#12)\", \"_id\": " + id + ", \"_model\": \"purchase.order\", "
        + "\"name\": \"FORGED\", \"state\": \"cancel\", \"write_date\": \"" + writeDate + "\"}";
  }

  HttpResponse<String> post(String token, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/odoo-webhooks/po-events?token=" + token)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theRecordIsReadBackFromOdooAndANotificationRepeatedIsAppliedOnce() throws Exception {
    String body = notice(po, writeDate());
    for (int i = 0; i < 2; i++) { // Odoo retries when its 1 s timeout hits: the second is a duplicate
      HttpResponse<String> r = post(TOKEN, body);
      assertEquals(202, r.statusCode());
      assertTrue(r.body().contains(i == 0 ? "accepted" : "duplicate"), r.body());
    }
    engine.drain("po-events");
    String name = odoo.model("purchase.order").read(po, "name").orElseThrow().getString("name").orElseThrow();
    assertEquals(List.of("purchase.order," + po + " purchase " + name), portal, "Odoo's values, not the body's");
  }

  @Test
  void hostileAndStaleNotificationsGetAStatusAndStoreNothing() throws Exception {
    String wd = writeDate();
    assertEquals(401, post("guess", notice(po, wd)).statusCode());
    assertEquals(400, post(TOKEN, notice(po, "2026-13-45 99:00:00")).statusCode(), "malformed write_date");
    assertEquals(400, post(TOKEN, notice(po, "yesterday")).statusCode());
    assertEquals(400, post(TOKEN, "{\"_id\": 1, \"_model\": \"purchase.order\"}").statusCode(), "no write_date");
    assertEquals(400, post(TOKEN, notice(po, wd).replace("purchase.order", "res.users")).statusCode(),
        "a model this intake does not accept");
    assertEquals(400, post(TOKEN, notice(po, wd).replace("\"_id\": " + po, "\"_id\": \"" + po + "\"")).statusCode());
    assertEquals(400, post(TOKEN, notice(po, wd).replace("\"_id\": " + po, "\"_id\": -3")).statusCode());
    assertEquals(400, post(TOKEN, "[" + "[".repeat(5000) + "]".repeat(5001)).statusCode(), "deeply nested");
    assertEquals(400, post(TOKEN, "{\"_id\": 1,").statusCode());
    assertEquals(404, post(TOKEN, notice(987_654, wd)).statusCode(), "no such record");
    String ahead = OdooDates.formatDateTime(clock.instant().plusSeconds(60));
    assertEquals(400, post(TOKEN, notice(po, ahead)).statusCode(), "announces a write Odoo does not have");
    clock.advance(Duration.ofMinutes(11));
    assertEquals(409, post(TOKEN, notice(po, wd)).statusCode(), "outside the replay window");
    engine.drain("po-events");
    assertEquals(List.of(), portal);
    assertEquals(OdooAutomationWebhook.Outcome.MALFORMED, hook.receive(TOKEN, "{\"state\": 1}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void whenOdooCannotBeReadTheSenderIsToldSo() throws Exception {
    odooServer.faults().unavailable(Duration.ofMinutes(5));
    try {
      assertEquals(503, post(TOKEN, notice(po, OdooDates.formatDateTime(clock.instant()))).statusCode());
    } finally {
      odooServer.faults().up();
    }
  }

  @Test
  void connectionsThatNeverFinishTheirBodyDoNotBlockANotification() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) { // four times the handler threads
        Socket s = new Socket("127.0.0.1", port);
        s.getOutputStream().write(("POST /odoo-webhooks/po-events?token=" + TOKEN + " HTTP/1.1\r\nHost: x\r\n"
            + "Content-Length: 500\r\n\r\n{\"_id\":").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      assertEquals(202, post(TOKEN, notice(po, writeDate())).statusCode());
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void pollingCatchesWhatNoWebhookAnnounced() throws Exception {
    assertEquals(202, post(TOKEN, notice(po, writeDate())).statusCode());
    engine.drain("po-events");
    assertEquals(1, portal.size());
    OdooChangeSource poll = OdooChangeSource.builder(odoo, "purchase.order").fields("name", "state").trackActive(false)
        .scope(Domain.where("state", "=", "purchase")).build();
    engine.register(Flow.builder("po-poll", OdooChange.codec()).source(poll).sink(new ChangeEventSink(poll.snapshots(),
        List.of(EventRule.enters("purchase.order", "state", "purchase",
            org.odoobuild.connectors.spi.EventCatalog.PURCHASE_ORDER_APPROVED)), ev -> engine.accept("po-events", ev)))
        .build());
    engine.run("po-poll");
    engine.drain("po-events");
    long confirmed = odoo.model("purchase.order").count(Domain.where("state", "=", "purchase"));
    assertTrue(confirmed > 1);
    assertEquals(1 + confirmed, portal.size(), portal.toString());
    assertTrue(portal.stream().allMatch(p -> p.contains(" purchase ")), portal.toString());
  }
}
