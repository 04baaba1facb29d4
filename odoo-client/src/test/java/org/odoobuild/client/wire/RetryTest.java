package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.client.Call;
import org.odoobuild.client.Context;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.client.stub.RefusingSockets;

/**
 * Safe retries: idempotent calls are re-sent after transient failures, non-idempotent ones only
 * when the request certainly did not reach Odoo (connection refused) or Odoo refused it (503, 429);
 * and one keep-alive connection serves many calls.
 */
class RetryTest {
  static final String ROWS = "[{\"id\": 7, \"name\": \"WIRE-Retry\"}]";
  static final String ROWS_XML = "<value><array><data><value><struct><member><name>id</name><value><int>7</int></value>"
      + "</member><member><name>name</name><value><string>WIRE-Retry</string></value></member></struct></value></data>"
      + "</array></value>";
  /** No answer within the one-second timeout of the tests that expect a timeout. */
  static final int NEVER = 120_000;

  private Stub stub;

  @BeforeEach
  void start() {
    stub = new Stub();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private OdooClient client(Protocol p, int retries) {
    return stub.client(p).retries(retries).build();
  }

  private static ResponseDefinitionBuilder rows(Protocol p) {
    return Stub.ok(p, ROWS, ROWS_XML);
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 503, 504, 429})
  void searchReadIsRetriedOnTransientStatuses(int status) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      stub.reset();
      stub.then(Stub.status(status, "text/html", "<h1>busy</h1>"), Stub.status(status, "text/html", "<h1>busy</h1>"));
      stub.otherwise(rows(p));
      List<Record> found = client(p, 2).model("res.partner").searchRead(Query.all().fields("name"));
      assertEquals(7, found.get(0).id(), p + ": the answer after two failures");
      assertEquals(3, stub.requests().size(), p + " " + status);
    }
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    stub.otherwise(Stub.status(502, "text/html", "<h1>down</h1>"));
    OdooTransportException e = assertThrows(OdooTransportException.class,
        () -> client(Protocol.JSONRPC, 2).model("res.partner").searchRead(Query.all()));
    assertEquals(502, e.error().httpStatus().orElseThrow());
    assertEquals(3, stub.requests().size());
  }

  @Test
  void idempotentCallIsRetriedAfterAConnectionReset() {
    stub.then(Stub.okEmptyList(Protocol.JSONRPC).withFault(Fault.CONNECTION_RESET_BY_PEER));
    stub.otherwise(rows(Protocol.JSONRPC));
    assertEquals(7, client(Protocol.JSONRPC, 2).model("res.partner").searchRead(Query.all()).get(0).id());
    assertEquals(2, stub.requests().size());
  }

  @Test
  void idempotentCallIsRetriedAfterATimeout() {
    stub.then(Stub.okEmptyList(Protocol.JSON2).withFixedDelay(NEVER));
    stub.otherwise(rows(Protocol.JSON2));
    OdooClient odoo = stub.client(Protocol.JSON2).retries(1).timeout(Duration.ofSeconds(5)).build();
    assertEquals(7, odoo.model("res.partner").searchRead(Query.all()).get(0).id());
    assertEquals(2, stub.requests().size());
  }

  @Test
  void retryAfterIsHonouredUpToTheCap() {
    stub.then(Stub.status(429, "text/plain", "slow down", "Retry-After", "30"));
    stub.otherwise(Stub.okEmptyList(Protocol.JSON2));
    OdooClient odoo = stub.client(Protocol.JSON2).retries(1).maxBackoff(Duration.ofMillis(400)).build();
    long start = System.nanoTime();
    odoo.model("res.partner").searchRead(Query.all());
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(ms >= 380, "waited " + ms + " ms, Retry-After capped at 400 ms");
    assertTrue(ms < 25_000, "waited " + ms + " ms: the 30 s Retry-After must be capped");
    assertEquals(2, stub.requests().size());
  }

  @Test
  void retryAfterBelowTheCapIsWaitedFor() {
    stub.then(Stub.status(429, "text/plain", "", "Retry-After", "1"));
    stub.otherwise(Stub.okEmptyList(Protocol.JSON2));
    OdooClient odoo = stub.client(Protocol.JSON2).retries(1).maxBackoff(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    odoo.model("res.partner").searchRead(Query.all());
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(ms >= 950, "waited " + ms + " ms for Retry-After: 1");
    assertEquals(2, stub.requests().size());
  }

  @Test
  void shortRetryAfterIsUsedAsIs() {
    stub.then(Stub.status(503, "text/plain", "busy", "Retry-After", "0"));
    stub.otherwise(Stub.okEmptyList(Protocol.JSON2));
    OdooClient odoo = stub.client(Protocol.JSON2).retries(1).maxBackoff(Duration.ofSeconds(60)).build();
    long start = System.nanoTime();
    odoo.model("res.partner").searchRead(Query.all());
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(ms < 30_000, "waited " + ms + " ms: Retry-After 0, not the 60 s backoff cap");
    assertEquals(2, stub.requests().size());
  }

  /** The non-idempotent calls. */
  enum Write {
    CREATE(c -> c.model("res.partner").create(Map.of("name", "WIRE-x"))),
    WRITE(c -> c.model("res.partner").write(7L, Map.of("name", "WIRE-y"))),
    BUTTON_CONFIRM(c -> c.model("purchase.order").call(Call.method("button_confirm").ids(7))),
    UNLINK(c -> c.model("res.partner").unlink(7L));

    final Consumer<OdooClient> call;

    Write(Consumer<OdooClient> call) {
      this.call = call;
    }

    ResponseDefinitionBuilder success(Protocol p) {
      return this == CREATE ? Stub.okId(p, 42) : Stub.okTrue(p);
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void nonIdempotentCallIsNotResentAfterAmbiguousFailures(Write w) {
    List<ResponseDefinitionBuilder> ambiguous = List.of(
        Stub.okTrue(Protocol.JSON2).withFixedDelay(NEVER),                    // read timeout
        Stub.status(502, "text/html", "<h1>Bad Gateway</h1>"),                // gateway: may have run
        Stub.status(504, "text/html", "<h1>Gateway Timeout</h1>"),            // gateway timeout
        Stub.okTrue(Protocol.JSON2).withFault(Fault.CONNECTION_RESET_BY_PEER), // reset after the request was sent
        Stub.okTrue(Protocol.JSON2).withFault(Fault.EMPTY_RESPONSE),          // closed without answer
        Stub.okTrue(Protocol.JSON2).withFault(Fault.MALFORMED_RESPONSE_CHUNK)); // answer broken off
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      for (ResponseDefinitionBuilder answer : ambiguous) {
        stub.reset();
        stub.otherwise(answer);
        OdooClient odoo = stub.client(p).retries(3).timeout(Duration.ofSeconds(1)).build();
        OdooTransportException e = assertThrows(OdooTransportException.class, () -> w.call.accept(odoo));
        assertTrue(e.requestMayHaveBeenProcessed(), e.getMessage());
        assertEquals(1, stub.requests().size(), w + " over " + p + " re-sent after " + e.reason() + ": " + e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void nonIdempotentCallIsResentWhenTheConnectionWasRefused(Write w) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      stub.reset();
      stub.otherwise(w.success(p));
      RefusingSockets sockets = new RefusingSockets(2);
      OdooClient odoo = stub.client(p).httpClient(new OkHttpClient.Builder().socketFactory(sockets).build()).retries(3)
          .build();
      w.call.accept(odoo); // refused twice (nothing was sent), then sent once
      assertEquals(2, sockets.refused(), "both refusals happened");
      assertEquals(1, stub.requests().size(), w + " over " + p + ": sent exactly once, after the refusals");
    }
  }

  @Test
  void versionDetectionIsRetriedOnAGatewayError() {
    stub.then(Stub.status(502, "text/html", "<h1>Bad Gateway</h1>"));
    stub.otherwise(Stub.status(200, "application/json",
        "{\"version_info\": [19, 0, 0, \"final\", 0, \"e\"], \"version\": \"19.0+e-20251227\"}"));
    OdooClient odoo = OdooClient.builder().url(stub.url()).database("construction").apiKey(Wire.API_KEY)
        .maxBackoff(Duration.ofMillis(10)).build();
    assertEquals(19, odoo.version().major());
    assertEquals(Protocol.JSON2, odoo.protocol());
    assertEquals(List.of("/web/version", "/web/version"), stub.requests().stream().map(Stub.Req::path).toList());
  }

  @Test
  void refusedConnectionIsReportedAsNotProcessed() throws Exception {
    OdooClient odoo = OdooClient.builder().url("http://127.0.0.1:" + Stub.freePort()).database("d")
        .login("admin", Stub.PASSWORD).uid(2).protocol(Protocol.JSONRPC).serverVersion(ServerVersion.of(19)).retries(2)
        .maxBackoff(Duration.ofMillis(5)).build();
    OdooTransportException e = assertThrows(OdooTransportException.class,
        () -> odoo.model("res.partner").create(Map.of("name", "x")));
    assertEquals(Reason.CONNECT_FAILED, e.reason());
    assertFalse(e.requestMayHaveBeenProcessed());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void oneConnectionServesManyCalls(Protocol p) {
    stub.otherwise(Stub.okEmptyList(p));
    OdooClient odoo = client(p, 0);
    for (int i = 0; i < 6; i++) {
      odoo.model("res.partner").searchRead(Query.where(Domain.where("id", ">", i)));
    }
    assertEquals(6, stub.requests().size());
    assertEquals(1, stub.connections(), "OkHttp keeps the connection alive");
  }

  @Test
  void keepAliveReusedAcrossModelsAndWithContextCopies() {
    stub.otherwise(Stub.okEmptyList(Protocol.JSON2));
    OdooClient odoo = client(Protocol.JSON2, 0);
    odoo.model("res.partner").searchRead(Query.all());
    odoo.withContext(Context.empty().lang("fr_FR")).model("project.project").searchRead(Query.all());
    odoo.model("purchase.order").withContext(Context.empty().tz("UTC")).searchRead(Query.all());
    assertEquals(3, stub.requests().size());
    assertEquals(1, stub.connections());
  }
}
