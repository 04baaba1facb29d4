package org.odoobuild.client.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odoobuild.client.Call;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooEventListener;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.OdooValueException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.RetryConfig;
import org.odoobuild.client.stub.OdooStub;
import org.odoobuild.client.stub.RefusingSockets;

/**
 * One attempt budget per logical call: reads are re-sent after transient failures up to the
 * budget; writes are sent once unless the request provably never left this machine.
 */
class RetryBudgetTest {
  private static final String ROWS = "[{\"id\": 7, \"name\": \"WIRE-Retry\"}]";
  private static final String ROWS_XML = "<array><data><value><struct><member><name>id</name><value><int>7</int></value>"
      + "</member><member><name>name</name><value><string>WIRE-Retry</string></value></member></struct></value></data></array>";

  @RegisterExtension
  final OdooStub stub = new OdooStub();

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void oneTransient503OnAReadCostsExactlyTwoSends(Protocol p) {
    stub.firstThen(p, OdooStub.status(503), OdooStub.ok(p, ROWS, ROWS_XML));
    try (OdooClient odoo = stub.client(p).build()) {
      assertEquals(7, odoo.model("res.partner").searchRead(Query.all().fields("name")).get(0).id());
    }
    assertEquals(2, stub.sends());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void persistent503OnAReadStopsAtTheDefaultBudgetOfThreeSends(Protocol p) {
    stub.always(p, OdooStub.status(503));
    try (OdooClient odoo = stub.client(p).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      assertEquals(503, e.error().httpStatus().orElseThrow());
      assertEquals(Reason.HTTP_STATUS, e.reason());
    }
    assertEquals(3, stub.sends());
    assertEquals(3, RetryConfig.defaults().maxAttempts());
  }

  /** The writes that must never be sent twice after an answer. */
  enum Write {
    CREATE(o -> o.model("res.partner").create(Map.of("name", "WIRE-Once"))),
    WRITE(o -> o.model("res.partner").write(7, Map.of("name", "WIRE-Once"))),
    UNLINK(o -> o.model("res.partner").unlink(7L)),
    BUTTON_CONFIRM(o -> o.model("purchase.order").call(Call.method("button_confirm").ids(7))),
    LOAD_WITHOUT_IDS(o -> o.model("res.partner").load(List.of("name"), List.of(List.of("WIRE-Once"))));

    final Consumer<OdooClient> run;

    Write(Consumer<OdooClient> run) {
      this.run = run;
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void a503OnCreateIsSentOnceAndReportedAsMaybeProcessed(Protocol p) {
    stub.always(p, OdooStub.status(503));
    try (OdooClient odoo = stub.client(p).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").create(Map.of("name", "WIRE-Once")));
      assertTrue(e.requestMayHaveBeenProcessed());
      assertTrue(e.isRetryable(), "transient, but not safe to re-send");
    }
    assertEquals(1, stub.sends());
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void noWriteIsResentAfterA503Or429(Write w) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      for (int status : new int[] {503, 429, 502}) {
        stub.server().resetAll();
        stub.always(p, OdooStub.status(status).withHeader("Retry-After", "0"));
        try (OdooClient odoo = stub.client(p).build()) {
          OdooTransportException e = assertThrows(OdooTransportException.class, () -> w.run.accept(odoo));
          assertTrue(e.requestMayHaveBeenProcessed(), p + " " + status);
        }
        assertEquals(1, stub.sends(), w + " over " + p + " after " + status + ": "
            + stub.server().getAllServeEvents().stream().map(ev -> ev.getRequest().getUrl()).toList());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void connectionRefusedOnCreateIsRetried(Protocol p) {
    stub.always(p, OdooStub.ok(p, "42", "<int>42</int>"));
    RefusingSockets sockets = new RefusingSockets(1);
    OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets).build();
    try (OdooClient odoo = stub.client(p).httpClient(http).build()) {
      assertEquals(42L, odoo.model("res.partner").create(Map.of("name", "WIRE-Once")));
    }
    assertEquals(1, sockets.refused());
    assertEquals(1, stub.sends(), "the refused attempt sent nothing; the second reached the server once");
  }

  @Test
  void connectionRefusedEveryTimeIsReportedAsNotProcessedAfterTheBudget() {
    RefusingSockets sockets = new RefusingSockets(100);
    OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets).build();
    try (OdooClient odoo = stub.client(Protocol.JSONRPC).httpClient(http).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").create(Map.of("name", "WIRE-Once")));
      assertEquals(Reason.CONNECT_FAILED, e.reason());
      assertFalse(e.requestMayHaveBeenProcessed());
    }
    assertEquals(3, sockets.refused());
    assertEquals(0, stub.sends());
  }

  @Test
  void aReadThatFailedAfterAnAnswerStaysMaybeProcessedEvenIfTheLastAttemptWasRefused() {
    stub.always(Protocol.JSON2, OdooStub.status(502));
    RefusingSockets sockets = new RefusingSockets(0);
    OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets).build();
    OdooEventListener refuseAfterFirst = new OdooEventListener() {
      @Override
      public void attemptFailed(String model, String method, int attempt, OdooException failure) {
        stub.server().stop(); // nothing listens any more: the next attempts are refused
      }
    };
    try (OdooClient odoo = stub.client(Protocol.JSON2).httpClient(http).eventListener(refuseAfterFirst).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      assertEquals(Reason.CONNECT_FAILED, e.reason());
      assertTrue(e.requestMayHaveBeenProcessed(), "the first attempt was answered 502: " + e);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void aGatewayDeclaredToRefuseOnlyUnforwardedRequestsLetsACreateBeResentAfter503(Protocol p) {
    stub.firstThen(p, OdooStub.status(503), OdooStub.ok(p, "42", "<int>42</int>"));
    try (OdooClient odoo = stub.client(p).gatewayRefusalsNotProcessed(true).build()) {
      assertEquals(42L, odoo.model("res.partner").create(Map.of("name", "WIRE-Once")));
    }
    assertEquals(2, stub.sends());
  }

  @Test
  void theGatewayOptInDoesNotCover502() {
    stub.always(Protocol.JSON2, OdooStub.status(502));
    try (OdooClient odoo = stub.client(Protocol.JSON2).gatewayRefusalsNotProcessed(true).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").create(Map.of("name", "WIRE-Once")));
      assertTrue(e.requestMayHaveBeenProcessed());
    }
    assertEquals(1, stub.sends());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void loadByExternalIdIsIdempotentAndResent(Protocol p) {
    String json = "{\"ids\": [5], \"messages\": [], \"nextrow\": 0}";
    String xml = "<struct><member><name>ids</name><value><array><data><value><int>5</int></value></data></array></value>"
        + "</member><member><name>messages</name><value><array><data></data></array></value></member></struct>";
    stub.firstThen(p, OdooStub.status(503), OdooStub.ok(p, json, xml));
    try (OdooClient odoo = stub.client(p).build()) {
      assertEquals(List.of(5L), odoo.model("res.partner")
          .load(List.of("id", "name", "country_id/id"), List.of(List.of("sync.partner_5", "WIRE-X", "base.be"))).ids());
    }
    assertEquals(2, stub.sends());
  }

  @Test
  void loadThatCreatesSubRecordsIsNotResent() {
    stub.always(Protocol.JSON2, OdooStub.status(503));
    try (OdooClient odoo = stub.client(Protocol.JSON2).build()) {
      assertThrows(OdooTransportException.class, () -> odoo.model("purchase.order")
          .load(List.of("id", "order_line/name"), List.of(List.of("sync.po_1", "WIRE-line"))));
    }
    assertEquals(1, stub.sends());
  }

  @Test
  void theBudgetIsConfigurable() {
    stub.always(Protocol.JSON2, OdooStub.status(503));
    RetryConfig five = RetryConfig.builder().maxAttempts(5).backoff(Duration.ZERO, Duration.ZERO).build();
    try (OdooClient odoo = stub.client(Protocol.JSON2).retry(five).build()) {
      assertThrows(OdooTransportException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    }
    assertEquals(5, stub.sends());
    stub.server().resetRequests();
    try (OdooClient odoo = stub.client(Protocol.JSON2).retry(RetryConfig.none()).build()) {
      assertThrows(OdooTransportException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    }
    assertEquals(1, stub.sends());
  }

  @Test
  void mutatingTheBuilderAfterBuildChangesNothing() {
    stub.always(Protocol.JSON2, OdooStub.status(503));
    OdooStub other = new OdooStub();
    try {
      other.always(Protocol.JSON2, OdooStub.ok(Protocol.JSON2, ROWS, ROWS_XML));
      OdooClient.Builder b = stub.client(Protocol.JSON2);
      try (OdooClient odoo = b.build()) {
        b.retry(RetryConfig.none()).url(other.url()).apiKey("another-key-0000000000").deadline(Duration.ofSeconds(1))
            .protocol(Protocol.JSONRPC).gatewayRefusalsNotProcessed(true);
        b.build().close();
        assertThrows(OdooTransportException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
        assertThrows(OdooTransportException.class, () -> odoo.model("res.partner").create(Map.of("name", "x")));
        assertEquals(Protocol.JSON2, odoo.protocol());
      }
      assertEquals(3 + 1, stub.sends(), "default budget for the read, one send for the create, same server");
      assertEquals(0, other.sends());
    } finally {
      other.close();
    }
  }

  @Test
  void retryAfterIsHonouredButBounded() {
    stub.firstThen(Protocol.JSON2, OdooStub.status(429).withHeader("Retry-After", "3600"),
        OdooStub.ok(Protocol.JSON2, ROWS, ROWS_XML));
    List<Duration> waits = new ArrayList<>();
    OdooEventListener events = new OdooEventListener() {
      @Override
      public void retryScheduled(String model, String method, int nextAttempt, Duration delay) {
        waits.add(delay);
      }
    };
    RetryConfig bounded = RetryConfig.builder().backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .maxRetryAfter(Duration.ofMillis(20)).build();
    try (OdooClient odoo = stub.client(Protocol.JSON2).retry(bounded).eventListener(events).build()) {
      odoo.model("res.partner").searchRead(Query.all());
    }
    assertEquals(List.of(Duration.ofMillis(20)), waits, "Retry-After: 3600 shortened to maxRetryAfter, not jittered");
    assertEquals(2, stub.sends());
  }

  @Test
  void noWaitReachesBeyondTheDeadline() {
    stub.always(Protocol.JSON2, OdooStub.status(503).withHeader("Retry-After", "3600"));
    RetryConfig patient = RetryConfig.builder().maxRetryAfter(Duration.ofHours(2)).build();
    try (OdooClient odoo = stub.client(Protocol.JSON2).retry(patient).deadline(Duration.ofSeconds(30)).build()) {
      long t0 = System.nanoTime();
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      assertEquals(503, e.error().httpStatus().orElseThrow(), "the last real error, not a timeout");
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(25)) < 0);
    }
    assertEquals(1, stub.sends());
  }

  @Test
  void eventsFollowTheAttempts() {
    stub.firstThen(Protocol.JSON2, OdooStub.status(503), OdooStub.ok(Protocol.JSON2, ROWS, ROWS_XML));
    List<String> seen = new ArrayList<>();
    OdooEventListener events = new OdooEventListener() {
      @Override
      public void callStart(String model, String method) {
        seen.add("start " + model + "." + method);
      }

      @Override
      public void attemptFailed(String model, String method, int attempt, OdooException failure) {
        seen.add("failed " + attempt + " " + failure.error().httpStatus().orElse(0));
      }

      @Override
      public void retryScheduled(String model, String method, int nextAttempt, Duration delay) {
        seen.add("retry " + nextAttempt);
      }

      @Override
      public void callEnd(String model, String method, Protocol protocol, int attempts, Duration duration,
          Optional<OdooException> failure) {
        seen.add("end " + protocol + " " + attempts + " " + failure.isPresent());
      }
    };
    try (OdooClient odoo = stub.client(Protocol.JSON2).eventListener(events).build()) {
      odoo.model("res.partner").searchRead(Query.all());
    }
    assertEquals(List.of("start res.partner.search_read", "failed 1 503", "retry 2", "end JSON2 2 false"), seen);
  }

  @Test
  void aMalformedAnswerIsAnOdooException() {
    assertInstanceOf(OdooException.class, new OdooValueException("x"));
    stub.always(Protocol.JSON2, OdooStub.ok(Protocol.JSON2, "null", ""));
    try (OdooClient odoo = stub.client(Protocol.JSON2).build()) {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").create(Map.of("name", "x")));
      assertInstanceOf(OdooValueException.class, e);
      assertFalse(e.isRetryable());
    }
    assertEquals(1, stub.sends());
  }
}
