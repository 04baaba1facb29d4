package org.odoobuild.connectors.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.connectors.internal.Json;
import org.odoobuild.connectors.store.SyncStore;
import org.odoobuild.connectors.store.SyncStores;
import org.odoobuild.connectors.webhook.WebhookVerifier;

/** The webhook and mail notifiers: a failed send is sent again on the desk's next round, a delivered one never. */
class CaseNotifiersTest {
  private static final String SECRET = "case-hook-secret-0123456789";
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private static NewCase varianceHold() {
    return NewCase.of("variance_hold:account.move,7", CaseKind.VARIANCE_HOLD, "INV-2: line 1 price 152 vs PO 145")
        .withRecord("vendor-bills", "account.move", "account.move,7")
        .withMoney("RMC-24", "03 30 00", Optional.of(new BigDecimal("56.00")));
  }

  @Test
  void aWebhookNoticeThatFailedIsPostedAgainNextRoundWithTheSameKeyAndADeliveredOneIsNot() throws Exception {
    server.stubFor(post(urlEqualTo("/hooks/cases")).willReturn(aResponse().withStatus(503)));
    WebhookCaseNotifier hook = WebhookCaseNotifier.builder(URI.create(server.baseUrl() + "/hooks/cases")).secret(SECRET)
        .timeout(Duration.ofSeconds(30)).build();
    assertFalse(hook.toString().contains(SECRET));
    try (SyncStore store = SyncStores.inMemory()) {
      CaseDesk desk = CaseDesk.builder(store).notifier(hook).build();
      ExceptionCase c = desk.open(varianceHold());

      assertEquals(0, desk.deliverNotices(10), "the receiver answered 503: not delivered");
      assertEquals(1, server.findAll(postRequestedFor(urlEqualTo("/hooks/cases"))).size(), "one POST, no retry inside the notifier");

      server.stubFor(post(urlEqualTo("/hooks/cases")).willReturn(aResponse().withStatus(202)));
      assertEquals(1, desk.deliverNotices(10), "sent again on the next round");
      assertEquals(0, desk.deliverNotices(10), "delivered: not sent again");
      List<LoggedRequest> sends = server.findAll(postRequestedFor(urlEqualTo("/hooks/cases")));
      assertEquals(2, sends.size());

      JsonNode first = Json.MAPPER.readTree(sends.get(0).getBody());
      JsonNode second = Json.MAPPER.readTree(sends.get(1).getBody());
      assertEquals(first.get("idempotency_key"), second.get("idempotency_key"), "the receiver can drop the repeat");
      assertEquals("case-notice:" + c.id() + ":" + first.get("notice_id").asLong(), second.get("idempotency_key").asText());
      assertEquals(second.get("idempotency_key").asText(), sends.get(1).getHeader("X-Delivery-Id"));
      assertEquals("opened", second.get("event").asText());
      assertEquals("variance_hold", second.get("kind").asText());
      assertEquals("RMC-24", second.get("project").asText());
      assertEquals("56.00", second.get("amount").asText());
      assertEquals("integration-team", second.get("recipient").asText());
      for (LoggedRequest r : sends) {
        long ts = Long.parseLong(r.getHeader("X-Timestamp"));
        assertEquals(WebhookVerifier.sign(SECRET, ts, r.getBody()), r.getHeader("X-Signature"));
        assertFalse(new String(r.getBody(), StandardCharsets.UTF_8).contains(SECRET));
      }
    }
  }

  @Test
  void aMailNoticeIsRetriedByTheDeskAndKeepsItsMessageId() {
    List<MailMessage> accepted = new CopyOnWriteArrayList<>();
    AtomicBoolean relayDown = new AtomicBoolean(true);
    int[] attempts = {0};
    MailTransport smtp = m -> {
      attempts[0]++;
      if (relayDown.get()) {
        throw new java.io.IOException("421 relay busy");
      }
      accepted.add(m);
    };
    MailCaseNotifier mail = MailCaseNotifier.builder(smtp).from("cases@build.example").address("integration-team",
        "integration@build.example").domain("build.example").build();
    try (SyncStore store = SyncStores.inMemory()) {
      CaseDesk desk = CaseDesk.builder(store).notifier(mail).build();
      ExceptionCase c = desk.open(varianceHold());
      MailMessage expected = mail.message(new CaseNotice(1, c.id(), "opened", "integration-team", "x", c.facts(), c.dueAt()));
      assertEquals(List.of("integration@build.example"), expected.to());

      assertEquals(0, desk.deliverNotices(10));
      assertEquals(0, desk.deliverNotices(10));
      assertEquals(2, attempts[0], "tried once per round while the relay is down");
      relayDown.set(false);
      assertEquals(1, desk.deliverNotices(10));
      assertEquals(0, desk.deliverNotices(10));
      assertEquals(3, attempts[0], "a delivered notice is not sent again");
      MailMessage m = accepted.get(0);
      assertEquals("[case " + c.id() + "] opened: variance hold account.move,7", m.subject());
      assertTrue(m.body().contains("Project: RMC-24") && m.body().contains("Cost code: 03 30 00"), m.body());
      assertTrue(m.headers().get("Message-ID").matches("<case-notice\\." + c.id() + "\\.\\d+@build\\.example>"), m.headers().toString());

      // an owner without an address: not sent, kept for the next round
      CaseDesk routed = CaseDesk.builder(store).notifier(MailCaseNotifier.builder(smtp).from("cases@build.example").build())
          .routing(CaseRouting.builder().otherwise("nobody-configured", Duration.ofDays(1), "lead").build()).build();
      routed.open(NewCase.of("other", CaseKind.CONTROL, "posting refused"));
      assertEquals(0, routed.deliverNotices(10));
      assertEquals(3, attempts[0], "nothing handed to the transport without an address");
    }
  }
}
