package org.odoobuild.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.connectors.store.OutboxEntry;
import org.odoobuild.connectors.store.OutboxStatus;
import org.odoobuild.console.Fixture.Vendor;
import org.odoobuild.workflow.procurement.ReleaseGate.State;

/** The console over plain HTTP: sign-in, roles, CSRF, masking, every action audited with its user. */
class ConsoleHttpTest {
  Fixture f;
  Web web;
  DeadLetter dead;

  @BeforeEach
  void start() {
    f = new Fixture();
    web = new Web(f.console.url());
    f.vendors(new Vendor("V-1", "Ridge Concrete", "", "DE02120300000000202051"),
        new Vendor("V-2", "Ridge Steel Erectors", "Subcontractor", Fixture.IBAN));
    f.engine.run(Fixture.FLOW);
    dead = f.deadLetter("V-2").orElseThrow();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  static List<Map.Entry<String, String>> form(String... kv) {
    List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.add(Map.entry(kv[i], kv[i + 1]));
    }
    return out;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  List<String> actions(String key) {
    return f.store.audit(AuditQuery.entity(key, 50)).stream().map(a -> a.action() + " by " + a.actor()).toList();
  }

  @Test
  void everyPageNeedsASignedInUser() {
    HttpResponse<String> page = web.get("dead-letters?flow=vendors");
    assertEquals(303, page.statusCode());
    assertEquals("/login?next=%2Fdead-letters%3Fflow%3Dvendors", page.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> action = web.post("dead-letters/replay", form("id", String.valueOf(dead.id())));
    assertEquals(401, action.statusCode());
    assertEquals(OutboxStatus.DEAD, status(dead));

    HttpResponse<String> wrong = web.loginResponse(Fixture.OPERATOR, "not-the-password");
    assertEquals(401, wrong.statusCode());
    assertTrue(Web.cookie(wrong, "console_session").isEmpty());
    assertTrue(wrong.body().contains("Unknown user or wrong password"));
    assertEquals(401, web.loginResponse("mallory", Fixture.OPERATOR_PASSWORD).statusCode());
    assertEquals(401, web.get("flows", "Authorization", basic(Fixture.OPERATOR, "nope")).statusCode());
    assertEquals(401, web.get("flows", "Authorization", "Bearer tok-wrong-wrong-wrong-wrong").statusCode());

    // the sign-in form itself carries a token bound to a cookie
    HttpResponse<String> noToken = web.post("login", form("user", Fixture.OPERATOR, "password",
        Fixture.OPERATOR_PASSWORD));
    assertEquals(403, noToken.statusCode());
    assertTrue(Web.cookie(noToken, "console_session").isEmpty());
  }

  @Test
  void anOperatorReplaysADeadLetterAndTheAuditTrailNamesThem() {
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    HttpResponse<String> list = web.get("dead-letters", "Cookie", alice.cookie());
    assertEquals(200, list.statusCode());
    assertTrue(list.body().contains("partner tag &#39;Subcontractor&#39; does not exist in Odoo"), list.body());
    assertTrue(list.body().contains("id=\"replay-selected\""));

    f.odoo.seed("res.partner.category", Map.of("name", "Subcontractor"));
    HttpResponse<String> replay = web.post("dead-letters/replay", form("_csrf", alice.csrf(), "id",
        String.valueOf(dead.id())), "Cookie", alice.cookie());
    assertEquals(303, replay.statusCode());
    assertEquals(OutboxStatus.PENDING, status(dead));
    HttpResponse<String> after = web.get("dead-letters", "Cookie", alice.cookie());
    assertTrue(after.body().contains("Replayed 1 dead letter"), "the result is shown once");
    assertFalse(web.get("dead-letters", "Cookie", alice.cookie()).body().contains("Replayed 1 dead letter"));

    f.engine.run(Fixture.FLOW);
    assertEquals(1, f.partners("V-2").size(), "applied in Odoo after the replay");
    assertEquals(List.of("console_login", "replayed"), f.store.audit(AuditQuery.all(1000)).stream()
        .filter(a -> a.actor().equals(Fixture.OPERATOR)).map(AuditEntry::action).toList());
    assertTrue(actions(dead.idempotencyKey()).contains("replayed by alice"), actions(dead.idempotencyKey()).toString());
  }

  OutboxStatus status(DeadLetter d) {
    if (f.store.deadLetter(d.id()).isPresent()) {
      return OutboxStatus.DEAD;
    }
    Map<OutboxStatus, Long> counts = f.store.outboxCounts(d.flow());
    return counts.get(OutboxStatus.PENDING) > 0 ? OutboxStatus.PENDING : OutboxStatus.DONE;
  }
}
