package org.odoobuild.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.store.AuditEntry;
import org.odoobuild.connectors.store.AuditQuery;
import org.odoobuild.connectors.store.DeadLetter;
import org.odoobuild.console.Fixture.Vendor;
import org.odoobuild.workflow.procurement.ReleaseGate.State;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real browser (headless Chromium): an operator signs in, finds a dead letter,
 * replays it after the cause was fixed, runs the flow and sees the record in Odoo; a viewer
 * cannot replay; a forged form from another page is refused. Saves the screenshots shown in the
 * README ({@code docs/console/*.png}).
 */
class ConsoleBrowserTest {
  Fixture f;
  Browser browser;
  String base;
  DeadLetter dead;

  @BeforeEach
  void start() {
    f = new Fixture();
    base = f.console.url().toString();
    f.vendors(new Vendor("V-1", "Ridge Concrete", "", "DE02120300000000202051"),
        new Vendor("V-2", "Ridge Steel Erectors", "Subcontractor", Fixture.IBAN),
        new Vendor("V-4", "Summit Glazing", "Glazing", "FR7630006000011234567890189"));
    f.engine.run(Fixture.FLOW);
    dead = f.deadLetter("V-2").orElseThrow();
    f.holdOrder("PO-1042", "P00042", "buyer.jane");
    browser = new Browser();
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      f.close();
    }
  }

  void signIn(String user, String password) {
    browser.await(By.id("user")).sendKeys(user);
    browser.driver.findElement(By.id("password")).sendKeys(password);
    browser.driver.findElement(By.id("sign-in")).click();
  }

  @Test
  void anOperatorReplaysADeadLetterAndSeesItAppliedInOdoo() {
    browser.open(base + "dead-letters");
    browser.await(By.id("user")).sendKeys(Fixture.OPERATOR);
    browser.screenshot("login");
    browser.driver.findElement(By.id("password")).sendKeys(Fixture.OPERATOR_PASSWORD);
    browser.driver.findElement(By.id("sign-in")).click();

    WebElement row = browser.await(By.cssSelector("#dead-letters tr[data-id='" + dead.id() + "']"));
    assertTrue(row.getText().contains("partner tag 'Subcontractor' does not exist in Odoo"), row.getText());
    assertTrue(row.getText().contains("nobody"), "no owner yet");
    assertFalse(browser.driver.getPageSource().contains(Fixture.IBAN));
    browser.screenshot("dead-letters");

    row.findElement(By.linkText(String.valueOf(dead.id()))).click();
    WebElement payload = browser.await(By.id("payload"));
    assertTrue(payload.getText().contains("\"iban\" : \"\u2022\u2022\u2022\u2022\""), payload.getText());
    assertTrue(payload.getText().contains("Ridge Steel Erectors"));
    assertFalse(browser.driver.getPageSource().contains(Fixture.IBAN));
    browser.screenshot("dead-letter");

    // the cause is fixed in Odoo, then the operator replays
    f.odoo.seed("res.partner.category", Map.of("name", "Subcontractor"));
    assertTrue(f.partners("V-2").isEmpty());
    browser.driver.findElement(By.cssSelector("button[name='replay']")).click();
    assertTrue(browser.await(By.id("flash")).getText().contains("Replayed 1 dead letter"));
    assertTrue(browser.driver.findElements(By.cssSelector("#dead-letters tr[data-id='" + dead.id() + "']")).isEmpty());

    browser.driver.findElement(By.linkText("Flows")).click();
    browser.await(By.cssSelector("tr[data-flow='vendors'] button[name='run']")).click();
    assertTrue(browser.await(By.id("flash")).getText().contains("Started a run of vendors"));
    Fixture.await("V-2 applied in Odoo", () -> !f.partners("V-2").isEmpty());
    Fixture.await("the run kept in the run history", () -> f.store.runs(Fixture.FLOW, 10).size() == 2);
    assertEquals(1, f.partners("V-2").size());
    assertEquals("Ridge Steel Erectors", f.partners("V-2").get(0).get("name"));
    browser.open(base + "flows");
    assertEquals("1", browser.await(By.cssSelector("tr[data-flow='vendors'] td.applied")).getText());
    browser.screenshot("flows");

    browser.open(base + "audit?key=" + java.net.URLEncoder.encode(dead.idempotencyKey(), StandardCharsets.UTF_8));
    String audit = browser.await(By.cssSelector("table.audit")).getText();
    assertTrue(audit.contains("alice replayed"), audit);
    assertTrue(audit.contains("engine-1 applied"), audit);
    browser.screenshot("audit");
    List<String> byAlice = f.store.audit(AuditQuery.all(1000)).stream().filter(a -> a.actor().equals("alice"))
        .map(AuditEntry::action).toList();
    assertEquals(List.of("console_login", "replayed", "run_requested"), byAlice);

    browser.driver.findElement(By.linkText("Workflows")).click();
    assertTrue(browser.await(By.cssSelector("table.instances")).getText().contains("buyer.jane"));
    browser.screenshot("workflows");
    browser.driver.findElement(By.linkText("PO-1042")).click();
    browser.await(By.cssSelector("input[name='reason']")).sendKeys("rev C checked: beams unchanged for this PO");
    browser.driver.findElement(By.cssSelector("button[value='RESUME']")).click();
    assertEquals("RELEASED", browser.await(By.id("state")).getText());
    assertEquals(State.RELEASED, f.gate.state("PO-1042"));
    assertTrue(browser.driver.findElement(By.id("history")).getText().contains("alice"));

    browser.driver.findElement(By.linkText("Reconciliation")).click();
    assertTrue(browser.await(By.cssSelector("table.drift")).getText().contains("accounts@ridge.example"));
    assertFalse(browser.driver.getPageSource().contains(Fixture.IBAN));
    browser.screenshot("reconciliation");
  }

  @Test
  void aViewerCannotReplay() {
    browser.open(base + "dead-letters");
    signIn(Fixture.VIEWER, Fixture.VIEWER_PASSWORD);
    browser.await(By.cssSelector("#dead-letters tr[data-id='" + dead.id() + "']"));
    assertTrue(browser.driver.findElements(By.id("replay-selected")).isEmpty());
    assertTrue(browser.driver.findElements(By.cssSelector("input[type='checkbox']")).isEmpty());
    browser.screenshot("viewer");
    browser.open(base + "dead-letters/" + dead.id());
    browser.await(By.id("payload"));
    assertTrue(browser.driver.findElements(By.cssSelector("button[name='replay']")).isEmpty());

    // even a hand-made form with the viewer's valid token is refused
    browser.driver.executeScript("var f = document.createElement('form'); f.method = 'post';"
        + "f.action = arguments[0]; var t = document.querySelector('input[name=_csrf]').cloneNode();"
        + "f.appendChild(t); var i = document.createElement('input'); i.name = 'id'; i.value = arguments[1];"
        + "f.appendChild(i); document.body.appendChild(f); f.submit();", base + "dead-letters/replay",
        String.valueOf(dead.id()));
    browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "403 Forbidden"));
    assertTrue(browser.driver.findElement(By.id("message")).getText().contains("victor is a viewer"));
    assertTrue(f.store.deadLetter(dead.id()).isPresent(), "still a dead letter");
    assertTrue(f.store.audit(AuditQuery.builder().action("replayed").build()).isEmpty());
  }

  @Test
  void aForgedPostWithoutTheCsrfTokenIsRefused() throws Exception {
    browser.open(base + "login");
    signIn(Fixture.OPERATOR, Fixture.OPERATOR_PASSWORD);
    browser.await(By.id("flows"));

    // another page on this machine (same site: the session cookie is sent) posts to the console
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = ("<!DOCTYPE html><html><body><h1>Quarterly safety awards</h1><form method=\"post\" action=\""
        + base + "dead-letters/replay\"><input type=\"hidden\" name=\"id\" value=\"" + dead.id() + "\">"
        + "<button id=\"claim\" type=\"submit\">Claim your award</button></form></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    evil.createContext("/", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, page.length);
      ex.getResponseBody().write(page);
      ex.close();
    });
    evil.start();
    try {
      browser.open("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
      browser.await(By.id("claim")).click();
      browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "403 Forbidden"));
      assertTrue(browser.driver.findElement(By.id("message")).getText().contains("CSRF token missing or wrong"));
      browser.screenshot("csrf-refused");
    } finally {
      evil.stop(0);
    }
    assertTrue(f.store.deadLetter(dead.id()).isPresent(), "still a dead letter");
    assertTrue(f.store.audit(AuditQuery.builder().action("replayed").build()).isEmpty());
  }
}
