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

  @Test
  void manyDeadLettersAreReplayedAtOnce() {
    f.vendors(new Vendor("V-4", "Summit Glazing", "Glazing", "FR7630006000011234567890189"));
    f.engine.run(Fixture.FLOW);
    DeadLetter other = f.deadLetter("V-4").orElseThrow();
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    String list = web.get("dead-letters?flow=vendors", "Cookie", alice.cookie()).body();
    assertTrue(list.contains("value=\"" + dead.id() + "\"") && list.contains("value=\"" + other.id() + "\""), list);
    f.odoo.seed("res.partner.category", Map.of("name", "Subcontractor"));
    f.odoo.seed("res.partner.category", Map.of("name", "Glazing"));
    HttpResponse<String> replay = web.post("dead-letters/replay", form("_csrf", alice.csrf(), "flow", "vendors",
        "id", String.valueOf(dead.id()), "id", String.valueOf(other.id()), "id", "999999"), "Cookie", alice.cookie());
    assertEquals(303, replay.statusCode());
    assertEquals("/dead-letters?flow=vendors", replay.headers().firstValue("Location").orElseThrow());
    assertTrue(web.get("dead-letters?flow=vendors", "Cookie", alice.cookie()).body()
        .contains("Replayed 2 dead letters (1 no longer dead)"));
    f.engine.run(Fixture.FLOW);
    assertEquals(1, f.partners("V-2").size());
    assertEquals(1, f.partners("V-4").size());
    assertEquals(List.of(), f.store.deadLetters(org.odoobuild.connectors.store.DeadLetterQuery.builder().build()));
  }

  @Test
  void actionsWithoutTheRightCsrfTokenAreRefused() {
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    Web.Session other = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    String id = String.valueOf(dead.id());
    HttpResponse<String> none = web.post("dead-letters/replay", form("id", id), "Cookie", alice.cookie());
    assertEquals(403, none.statusCode());
    assertTrue(none.body().contains("CSRF token missing or wrong"), none.body());
    assertEquals(403, web.post("dead-letters/replay", form("_csrf", "forged", "id", id), "Cookie", alice.cookie())
        .statusCode());
    assertEquals(403, web.post("dead-letters/replay", form("_csrf", other.csrf(), "id", id), "Cookie", alice.cookie())
        .statusCode(), "a token is bound to its session");
    assertEquals(403, web.post("flows/pause", form("flow", Fixture.FLOW), "Cookie", alice.cookie()).statusCode());
    assertEquals(403, web.post("logout", form(), "Cookie", alice.cookie()).statusCode());
    assertEquals(403, web.post("dead-letters/replay", form("id", id), "Authorization",
        basic(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD)).statusCode(), "Basic sign-in needs the token too");
    assertEquals(OutboxStatus.DEAD, status(dead));
    assertFalse(f.store.paused(Fixture.FLOW));
    assertEquals(List.of(), actions(dead.idempotencyKey()));
  }

  @Test
  void aViewerSeesButCannotAct() {
    Web.Session victor = web.login(Fixture.VIEWER, Fixture.VIEWER_PASSWORD);
    String list = web.get("dead-letters", "Cookie", victor.cookie()).body();
    assertTrue(list.contains("Ridge Steel Erectors") || list.contains("vendor-portal:V-2"), list);
    assertFalse(list.contains("type=\"checkbox\""));
    assertFalse(list.contains("Replay"));
    String detail = web.get("dead-letters/" + dead.id(), "Cookie", victor.cookie()).body();
    assertFalse(detail.contains("dead-letters/replay"));
    assertFalse(web.get("flows", "Cookie", victor.cookie()).body().contains("Run now"));

    HttpResponse<String> replay = web.post("dead-letters/replay", form("_csrf", victor.csrf(), "id",
        String.valueOf(dead.id())), "Cookie", victor.cookie());
    assertEquals(403, replay.statusCode());
    assertTrue(replay.body().contains("victor is a viewer"), replay.body());
    assertEquals(403, web.post("flows/pause", form("_csrf", victor.csrf(), "flow", Fixture.FLOW), "Cookie",
        victor.cookie()).statusCode());
    assertEquals(403, web.post("dead-letters/route", form("_csrf", victor.csrf(), "id", String.valueOf(dead.id()),
        "owner", "victor"), "Cookie", victor.cookie()).statusCode());
    assertEquals(OutboxStatus.DEAD, status(dead));
    assertEquals("", f.store.deadLetter(dead.id()).orElseThrow().owner());
    assertFalse(f.store.paused(Fixture.FLOW));
  }

  @Test
  void basicBearerAndTheHostsOwnSignIn() {
    assertEquals(200, web.get("dead-letters", "Authorization", basic(Fixture.VIEWER, Fixture.VIEWER_PASSWORD))
        .statusCode());
    HttpResponse<String> bot = web.get("flows", "Authorization", "Bearer " + Fixture.TOKEN);
    assertEquals(200, bot.statusCode());
    assertTrue(bot.body().contains("deploy-bot"));
    HttpResponse<String> pause = web.post("flows/pause", form("_csrf", Web.csrf(bot.body()), "flow", Fixture.FLOW),
        "Authorization", "Bearer " + Fixture.TOKEN);
    assertEquals(303, pause.statusCode());
    assertTrue(f.store.paused(Fixture.FLOW));
    assertEquals("deploy-bot", f.store.audit(AuditQuery.builder().flow(Fixture.FLOW).action("paused").build()).get(0)
        .actor());

    try (Fixture hosted = new Fixture(b -> b.authenticator(h -> Optional.ofNullable(h.getFirst("X-Host-User"))
        .map(u -> new ConsoleUser(u, Role.VIEWER))))) {
      Web w = new Web(hosted.console.url());
      HttpResponse<String> page = w.get("flows", "X-Host-User", "hank");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("hank"));
      assertEquals(303, w.get("flows").statusCode(), "unknown to the host: the console's own sign-in");
      assertEquals(403, w.post("flows/pause", form("_csrf", Web.csrf(page.body()), "flow", Fixture.FLOW),
          "X-Host-User", "hank").statusCode(), "a viewer");
    }
  }

  @Test
  void payloadFieldsAreMaskedAndTheirValuesHiddenEverywhere() {
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    assertTrue(dead.errorMessage().contains(Fixture.IBAN), "the sink echoed the IBAN into its error");
    String detail = web.get("dead-letters/" + dead.id(), "Cookie", alice.cookie()).body();
    assertTrue(detail.contains("&quot;iban&quot; : &quot;\u2022\u2022\u2022\u2022&quot;"), detail);
    assertTrue(detail.contains("Ridge Steel Erectors"));
    assertFalse(detail.contains(Fixture.IBAN));
    assertFalse(detail.contains("370400440532013000"));
    assertFalse(web.get("dead-letters", "Cookie", alice.cookie()).body().contains(Fixture.IBAN));
    String drift = web.get("reconciliation", "Cookie", alice.cookie()).body();
    assertTrue(drift.contains("accounts@ridge.example"));
    assertFalse(drift.contains(Fixture.IBAN));

    f.store.deadLetter(new OutboxEntry(Fixture.FLOW, "raw-1", "", "api_key=sk_live_abcdef123456",
        Map.of("event_type", "vendor_approved", "authorization", "Bearer sk_live_abcdef123456"), Instant.now()),
        "refused: could not parse");
    DeadLetter raw = f.deadLetter("raw-1").orElseThrow();
    String rawPage = web.get("dead-letters/" + raw.id(), "Cookie", alice.cookie()).body();
    assertTrue(rawPage.contains("payload is not JSON"), rawPage);
    assertFalse(rawPage.contains("sk_live_abcdef123456"));
  }

  @Test
  void routingPausingResumingAndWorkflowActionsAreAuditedWithTheUser() {
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    assertEquals(303, web.post("dead-letters/route", form("_csrf", alice.csrf(), "id", String.valueOf(dead.id()),
        "owner", "ap-team"), "Cookie", alice.cookie()).statusCode());
    assertEquals("ap-team", f.store.deadLetter(dead.id()).orElseThrow().owner());
    assertTrue(web.get("dead-letters?owner=ap-team", "Cookie", alice.cookie()).body().contains("data-id=\"" + dead.id()));
    assertFalse(web.get("dead-letters?owner=-", "Cookie", alice.cookie()).body().contains("data-id=\"" + dead.id()));
    assertEquals(List.of("routed by alice"), actions(dead.idempotencyKey()));

    assertEquals(303, web.post("flows/pause", form("_csrf", alice.csrf(), "flow", Fixture.FLOW), "Cookie",
        alice.cookie()).statusCode());
    assertTrue(f.store.paused(Fixture.FLOW));
    assertTrue(web.get("flows", "Cookie", alice.cookie()).body().contains("badge paused"));
    assertEquals(303, web.post("flows/resume", form("_csrf", alice.csrf(), "flow", Fixture.FLOW), "Cookie",
        alice.cookie()).statusCode());
    assertFalse(f.store.paused(Fixture.FLOW));
    assertEquals(List.of("paused by alice", "resumed by alice"), f.store.audit(AuditQuery.flow(Fixture.FLOW, 100))
        .stream().filter(a -> a.action().equals("paused") || a.action().equals("resumed"))
        .map(a -> a.action() + " by " + a.actor()).toList());
    assertEquals(404, web.post("flows/pause", form("_csrf", alice.csrf(), "flow", "nope"), "Cookie", alice.cookie())
        .statusCode());

    f.holdOrder("PO-1042", "P00042", "buyer.jane");
    String held = web.get("workflows", "Cookie", alice.cookie()).body();
    assertTrue(held.contains("PO-1042") && held.contains("buyer.jane") && held.contains("drawing A-201 superseded"), held);
    String page = "workflows/instance?workflow=release-gate&id=PO-1042";
    assertTrue(web.get(page, "Cookie", alice.cookie()).body().contains("value=\"RESUME\""));
    HttpResponse<String> noReason = web.post("workflows/fire", form("_csrf", alice.csrf(), "workflow", "release-gate",
        "id", "PO-1042", "action", "RESUME", "reason", " "), "Cookie", alice.cookie());
    assertEquals(303, noReason.statusCode());
    assertEquals(State.ON_HOLD, f.gate.state("PO-1042"), "a reason is required");
    assertEquals(303, web.post("workflows/fire", form("_csrf", alice.csrf(), "workflow", "release-gate", "id",
        "PO-1042", "action", "SUBMITTAL_APPROVED", "reason", "x"), "Cookie", alice.cookie()).statusCode());
    assertEquals(State.ON_HOLD, f.gate.state("PO-1042"), "only the configured actions");
    assertEquals(303, web.post("workflows/fire", form("_csrf", alice.csrf(), "workflow", "release-gate", "id",
        "PO-1042", "action", "RESUME", "reason", "rev C checked: beams unchanged for this PO"), "Cookie",
        alice.cookie()).statusCode());
    assertEquals(State.RELEASED, f.gate.state("PO-1042"));
    assertEquals("alice", f.gate.history("PO-1042").get(2).actor());
    assertTrue(f.procurementCalls.contains("resume P00042: rev C checked: beams unchanged for this PO"));
    assertEquals(List.of("workflow_action by alice"), actions("PO-1042"));
    assertFalse(web.get("workflows", "Cookie", alice.cookie()).body().contains("PO-1042"), "no longer on hold");
  }

  @Test
  void runNowRunsTheFlowAndKeepsTheRun() {
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    f.vendors(new Vendor("V-3", "Ridge Formwork", "", "NL91ABNA0417164300"));
    assertEquals(303, web.post("flows/run", form("_csrf", alice.csrf(), "flow", Fixture.FLOW), "Cookie",
        alice.cookie()).statusCode());
    Fixture.await("the run now of vendors", () -> !f.partners("V-3").isEmpty() && f.store.runs(Fixture.FLOW, 10)
        .size() == 2);
    assertEquals(1, f.store.runs(Fixture.FLOW, 10).get(0).applied());
    assertEquals(List.of("run_requested by alice"), f.store.audit(AuditQuery.builder().flow(Fixture.FLOW)
        .action("run_requested").build()).stream().map(a -> a.action() + " by " + a.actor()).toList());
    String detail = web.get("flows/detail?flow=vendors", "Cookie", alice.cookie()).body();
    assertTrue(detail.contains("engine-1"), detail);
  }

  @Test
  void signingOutEndsTheSessionAndNextOnlyLeadsIntoTheConsole() {
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    HttpResponse<String> out = web.post("logout", form("_csrf", alice.csrf()), "Cookie", alice.cookie());
    assertEquals(303, out.statusCode());
    assertEquals(303, web.get("flows", "Cookie", alice.cookie()).statusCode());

    HttpResponse<String> form = web.get("login");
    String token = form.body().replaceAll("(?s).*name=\"_login\" value=\"([^\"]+)\".*", "$1");
    String cookie = "console_login=" + Web.cookie(form, "console_login").orElseThrow();
    for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example")) {
      HttpResponse<String> r = web.post("login", form("_login", token, "user", Fixture.OPERATOR, "password",
          Fixture.OPERATOR_PASSWORD, "next", next), "Cookie", cookie);
      assertEquals(303, r.statusCode());
      assertEquals("/flows", r.headers().firstValue("Location").orElseThrow(), next);
    }
  }

  @Test
  void answersKeepTheBrowserFromRunningOrFramingAnythingAndRefuseHugeForms() {
    HttpResponse<String> login = web.get("login");
    assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'", login.headers().firstValue("Content-Security-Policy").orElseThrow());
    assertEquals("DENY", login.headers().firstValue("X-Frame-Options").orElseThrow());
    assertEquals("nosniff", login.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertFalse(login.body().contains("<script"));
    HttpResponse<String> in = web.loginResponse(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    String set = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("console_session="))
        .findFirst().orElseThrow();
    assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict"), set);
    Web.Session alice = web.login(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    HttpResponse<String> huge = web.postRaw("dead-letters/replay", "id=" + "1".repeat(100_000), "Cookie",
        alice.cookie(), "Content-Type", "application/x-www-form-urlencoded");
    assertEquals(413, huge.statusCode());
    assertEquals(404, web.post("flows", form("_csrf", alice.csrf()), "Cookie", alice.cookie()).statusCode(),
        "pages are not actions");
    assertEquals(404, web.get("nothing-here", "Cookie", alice.cookie()).statusCode());
  }

  @Test
  void mountedInAHostServerUnderABasePath() throws Exception {
    HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ConsoleServer mounted = ConsoleServer.builder().engine(f.engine).basePath("/ops")
        .user("olga", "olga-console-pw", Role.VIEWER).page(new ConsolePage() {
          @Override
          public String path() {
            return "job-cost";
          }

          @Override
          public String title() {
            return "Job cost";
          }

          @Override
          public String render(ConsoleUser user, Map<String, String> query) {
            return "<h1>Job cost</h1><p id=\"project\">" + ConsolePage.escape(query.getOrDefault("project", "")) + "</p>";
          }
        }).build();
    mounted.mount(host);
    host.start();
    try {
      Web w = new Web(URI.create("http://127.0.0.1:" + host.getAddress().getPort() + "/ops/"));
      HttpResponse<String> page = w.get("flows", "Authorization", basic("olga", "olga-console-pw"));
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("href=\"/ops/dead-letters\""));
      assertTrue(page.body().contains("href=\"/ops/pages/job-cost\""));
      HttpResponse<String> ext = w.get("pages/job-cost?project=%3Cb%3EP-7", "Authorization",
          basic("olga", "olga-console-pw"));
      assertTrue(ext.body().contains("<p id=\"project\">&lt;b&gt;P-7</p>"), ext.body());
      assertEquals("/ops/login?next=%2Fops%2Fflows", w.get("flows").headers().firstValue("Location").orElseThrow());
      Web.Session olga = w.login("olga", "olga-console-pw");
      assertTrue(olga.cookie().startsWith("console_session="));
    } finally {
      host.stop(0);
      mounted.close();
    }
  }

  @Test
  void theBuilderChecksAndCopiesItsConfiguration() {
    assertThrows(IllegalStateException.class, () -> ConsoleServer.builder().user("a", "long-enough", Role.VIEWER)
        .build(), "no store");
    assertThrows(IllegalStateException.class, () -> ConsoleServer.builder().store(f.store).build(), "nobody can sign in");
    assertThrows(IllegalArgumentException.class, () -> ConsoleServer.builder().user("a", "short", Role.VIEWER));
    assertThrows(IllegalArgumentException.class, () -> ConsoleServer.builder().token("too-short", "bot", Role.VIEWER));
    assertThrows(IllegalArgumentException.class, () -> ConsoleServer.builder().basePath("ops"));
    assertThrows(IllegalArgumentException.class, () -> new ConsoleUser("a\nb", Role.VIEWER));
    ConsoleServer.Builder b = ConsoleServer.builder().store(f.store).user("first", "first-console-pw", Role.VIEWER)
        .port(0);
    try (ConsoleServer one = b.build().start()) {
      b.user("later", "later-console-pw", Role.OPERATOR);
      Web w = new Web(one.url());
      assertEquals(200, w.get("flows", "Authorization", basic("first", "first-console-pw")).statusCode());
      assertEquals(401, w.get("flows", "Authorization", basic("later", "later-console-pw")).statusCode(),
          "added after build()");
      assertTrue(w.get("flows", "Authorization", basic("first", "first-console-pw")).body()
          .contains("No sync engine is attached"));
    }
  }

  OutboxStatus status(DeadLetter d) {
    if (f.store.deadLetter(d.id()).isPresent()) {
      return OutboxStatus.DEAD;
    }
    Map<OutboxStatus, Long> counts = f.store.outboxCounts(d.flow());
    return counts.get(OutboxStatus.PENDING) > 0 ? OutboxStatus.PENDING : OutboxStatus.DONE;
  }
}
