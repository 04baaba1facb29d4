package org.odoobuild.client.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.client.Call;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.support.ScriptedServer;

/**
 * Safe retries: idempotent calls are re-sent after transient failures, non-idempotent ones only
 * when the request certainly did not reach the server.
 */
class RetryTest {
  private ScriptedServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private OdooClient client(Protocol p, int retries) {
    return Fixtures.builder(server, p).retries(retries).build();
  }

  @ParameterizedTest
  @ValueSource(ints = {502, 503, 504, 429})
  void searchReadIsRetriedOnTransientStatuses(int status) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      server.reset();
      server.then(Fixtures.status(status, "text/html", "<h1>busy</h1>", Map.of()),
          Fixtures.status(status, "text/html", "<h1>busy</h1>", Map.of()));
      server.otherwise(Fixtures.okEmptyList(p));
      assertEquals(List.of(), client(p, 2).model("res.partner").searchRead(Query.all().fields("name")));
      assertEquals(3, server.requests().size(), p + " " + status);
    }
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    server.otherwise(Fixtures.status(502, "text/html", "<h1>down</h1>", Map.of()));
    OdooTransportException e = assertThrows(OdooTransportException.class,
        () -> client(Protocol.JSONRPC, 2).model("res.partner").searchRead(Query.all()));
    assertEquals(502, e.error().httpStatus().orElseThrow());
    assertEquals(3, server.requests().size());
  }

  @Test
  void idempotentCallIsRetriedAfterAConnectionReset() {
    server.then((req, ex) -> ex.reset());
    server.otherwise(Fixtures.okEmptyList(Protocol.JSONRPC));
    assertEquals(List.of(), client(Protocol.JSONRPC, 2).model("res.partner").searchRead(Query.all()));
    assertEquals(2, server.requests().size());
  }

  @Test
  void idempotentCallIsRetriedAfterATimeout() {
    server.then((req, ex) -> ex.hang());
    server.otherwise(Fixtures.okEmptyList(Protocol.JSON2));
    assertEquals(List.of(), client(Protocol.JSON2, 1).model("res.partner").searchRead(Query.all()));
    assertEquals(2, server.requests().size());
  }

  @Test
  void retryAfterIsHonouredUpToTheCap() {
    server.then(Fixtures.status(429, "text/plain", "slow down", Map.of("Retry-After", "30")));
    server.otherwise(Fixtures.okEmptyList(Protocol.JSON2));
    OdooClient odoo = Fixtures.builder(server, Protocol.JSON2).retries(1).maxBackoff(Duration.ofMillis(400)).build();
    long start = System.nanoTime();
    odoo.model("res.partner").searchRead(Query.all());
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(ms >= 380, "waited " + ms + " ms, Retry-After capped at 400 ms");
    assertTrue(ms < 3000, "waited " + ms + " ms: the 30 s Retry-After must be capped");
    assertEquals(2, server.requests().size());
  }

  @Test
  void shortRetryAfterIsUsedAsIs() {
    server.then(Fixtures.status(503, "text/plain", "busy", Map.of("Retry-After", "0")));
    server.otherwise(Fixtures.okEmptyList(Protocol.JSON2));
    OdooClient odoo = Fixtures.builder(server, Protocol.JSON2).retries(1).maxBackoff(Duration.ofSeconds(20)).build();
    long start = System.nanoTime();
    odoo.model("res.partner").searchRead(Query.all());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
    assertEquals(2, server.requests().size());
  }

  /** The non-idempotent calls of the brief. */
  enum Write {
    CREATE, WRITE, BUTTON_CONFIRM, UNLINK
  }

  private static void run(OdooClient odoo, Write w) {
    switch (w) {
      case CREATE -> odoo.model("res.partner").create(Map.of("name", "WIRE-x"));
      case WRITE -> odoo.model("res.partner").write(7L, Map.of("name", "WIRE-y"));
      case BUTTON_CONFIRM -> odoo.model("purchase.order").call(Call.method("button_confirm").ids(7));
      case UNLINK -> odoo.model("res.partner").unlink(7L);
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void nonIdempotentCallIsNotResentAfterAmbiguousFailures(Write w) {
    List<ScriptedServer.Handler> ambiguous = List.of(
        (req, ex) -> ex.hang(),                                                   // read timeout
        Fixtures.status(502, "text/html", "<h1>Bad Gateway</h1>", Map.of()),       // gateway: may have run
        Fixtures.status(504, "text/html", "<h1>Gateway Timeout</h1>", Map.of()),   // gateway timeout
        (req, ex) -> ex.reset(),                                                  // reset after the request was sent
        (req, ex) -> ex.close(),                                                  // closed without answer
        (req, ex) -> {                                                            // truncated answer
          ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 90\r\n\r\n{\"jsonrpc\": ");
          ex.close();
        });
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      for (ScriptedServer.Handler h : ambiguous) {
        server.reset();
        server.otherwise(h);
        OdooClient odoo = Fixtures.builder(server, p).retries(3).timeout(Duration.ofMillis(250)).build();
        OdooTransportException e = assertThrows(OdooTransportException.class, () -> run(odoo, w));
        assertTrue(e.requestMayHaveBeenProcessed(), e.getMessage());
        assertEquals(1, server.requests().size(), w + " over " + p + " re-sent after " + e.reason() + ": " + e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void nonIdempotentCallIsResentWhenTheConnectionWasRefused(Write w) throws Exception {
    int port = ScriptedServer.freePort();
    OdooClient odoo = OdooClient.builder().url("http://127.0.0.1:" + port).database("construction")
        .login("admin", Fixtures.PASSWORD).uid(2).protocol(Protocol.JSONRPC)
        .serverVersion(org.odoobuild.client.ServerVersion.of(19)).retries(20).maxBackoff(Duration.ofMillis(30))
        .timeout(Duration.ofSeconds(2)).build();
    AtomicReference<ScriptedServer> late = new AtomicReference<>();
    Thread starter = new Thread(() -> {
      try {
        Thread.sleep(150);
        ScriptedServer s = new ScriptedServer(port);
        s.otherwise(w == Write.CREATE ? Fixtures.okId(Protocol.JSONRPC, 42) : Fixtures.okTrue(Protocol.JSONRPC));
        late.set(s);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    starter.start();
    try {
      run(odoo, w); // refused first (nothing listens yet), then succeeds once the server is up
      starter.join();
      assertEquals(1, late.get().requests().size(), "sent exactly once, after the refusals");
    } finally {
      starter.join();
      if (late.get() != null) {
        late.get().close();
      }
    }
  }

  @Test
  void versionDetectionIsRetriedOnAGatewayError() {
    server.then(Fixtures.status(502, "text/html", "<h1>Bad Gateway</h1>", Map.of()));
    server.otherwise(Fixtures.status(200, "application/json",
        "{\"version_info\": [19, 0, 0, \"final\", 0, \"e\"], \"version\": \"19.0+e-20251227\"}", Map.of()));
    OdooClient odoo = OdooClient.builder().url(server.url()).database("construction").apiKey(org.odoobuild.client.support.Wire.API_KEY)
        .maxBackoff(Duration.ofMillis(10)).build();
    assertEquals(19, odoo.version().major());
    assertEquals(Protocol.JSON2, odoo.protocol());
    assertEquals(List.of("/web/version", "/web/version"), server.requests().stream().map(ScriptedServer.Req::path).toList());
  }

  @Test
  void refusedConnectionIsReportedAsNotProcessed() throws Exception {
    OdooClient odoo = OdooClient.builder().url("http://127.0.0.1:" + ScriptedServer.freePort()).database("d")
        .login("admin", Fixtures.PASSWORD).uid(2).protocol(Protocol.JSONRPC)
        .serverVersion(org.odoobuild.client.ServerVersion.of(19)).retries(2).maxBackoff(Duration.ofMillis(5)).build();
    OdooTransportException e = assertThrows(OdooTransportException.class,
        () -> odoo.model("res.partner").create(Map.of("name", "x")));
    assertEquals(Reason.CONNECT_FAILED, e.reason());
    assertFalse(e.requestMayHaveBeenProcessed());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void oneConnectionServesManyCalls(Protocol p) {
    server.otherwise(Fixtures.okEmptyList(p));
    OdooClient odoo = client(p, 0);
    for (int i = 0; i < 6; i++) {
      odoo.model("res.partner").searchRead(Query.where(Domain.where("id", ">", i)));
    }
    assertEquals(6, server.requests().size());
    assertEquals(1, server.connections(), "OkHttp keeps the connection alive");
    assertTrue(server.requests().stream().allMatch(r -> r.connection() == 1));
  }

  @Test
  void keepAliveReusedAcrossModelsAndWithContextCopies() {
    server.otherwise(Fixtures.okEmptyList(Protocol.JSON2));
    OdooClient odoo = client(Protocol.JSON2, 0);
    odoo.model("res.partner").searchRead(Query.all());
    odoo.withContext(org.odoobuild.client.Context.empty().lang("fr_FR")).model("project.project").searchRead(Query.all());
    odoo.model("purchase.order").withContext(org.odoobuild.client.Context.empty().tz("UTC")).searchRead(Query.all());
    assertEquals(1, server.connections());
  }
}
