package org.odoobuild.client.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooServerException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.OdooValueException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.support.ScriptedServer;

/**
 * What a server (or a proxy in front of it) may send that is not a proper Odoo answer: every
 * case gives a typed, explanatory exception, never a NullPointerException, ClassCastException
 * or a hang.
 */
class BadInputTest {
  private ScriptedServer server;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private OdooTransportException transportFailure(Protocol p, Reason reason) {
    OdooClient odoo = Fixtures.client(server, p);
    OdooException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all().fields("name"))));
    assertTrue(e instanceof OdooTransportException, () -> "expected a transport failure, got " + e);
    OdooTransportException te = (OdooTransportException) e;
    assertEquals(reason, te.reason(), te.getMessage());
    assertFalse(te.getMessage().isBlank());
    return te;
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void htmlPageWithStatus200(Protocol p) {
    server.otherwise(Fixtures.status(200, "text/html; charset=utf-8",
        "<html><head><title>Maintenance</title><style>b{}</style></head><body><h1>Down for maintenance</h1></body></html>",
        Map.of()));
    OdooTransportException e = transportFailure(p, Reason.MALFORMED_RESPONSE);
    assertTrue(e.getMessage().contains("Down for maintenance"), e.getMessage());
    assertFalse(e.getMessage().contains("<h1>"), e.getMessage());
    assertTrue(e.requestMayHaveBeenProcessed());
    assertFalse(e.isRetryable());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void htmlPagesWith5xx(Protocol p) {
    for (int status : new int[] {500, 502, 503, 504}) {
      server.otherwise(Fixtures.status(status, "text/html", "<html><body>Bad Gateway " + status + "</body></html>", Map.of()));
      OdooTransportException e = transportFailure(p, Reason.HTTP_STATUS);
      assertEquals(status, e.error().httpStatus().orElseThrow());
      assertEquals(status != 500, e.isRetryable(), "status " + status);
      assertTrue(e.getMessage().contains("Bad Gateway " + status), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void proxy4xxAndRateLimit(Protocol p) {
    server.otherwise(Fixtures.status(403, "text/html", "<p>Forbidden by WAF</p>", Map.of()));
    OdooTransportException e = transportFailure(p, Reason.HTTP_STATUS);
    assertFalse(e.isRetryable());
    server.otherwise(Fixtures.status(429, "text/plain", "slow down", Map.of("Retry-After", "7")));
    OdooTransportException rl = transportFailure(p, Reason.RATE_LIMITED);
    assertEquals(Duration.ofSeconds(7), rl.retryAfter().orElseThrow());
    assertTrue(rl.isRetryable());
    assertTrue(rl.requestMayHaveBeenProcessed(), "an answer came: a proxy may have passed the request on");
    server.otherwise(Fixtures.status(429, "text/plain", "", Map.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")));
    assertEquals(Duration.ZERO, transportFailure(p, Reason.RATE_LIMITED).retryAfter().orElseThrow(), "a past date");
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void emptyBodies(Protocol p) {
    String ct = p == Protocol.XMLRPC ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
    server.otherwise(Fixtures.status(200, ct, "", Map.of()));
    transportFailure(p, Reason.MALFORMED_RESPONSE);
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void wrongContentTypes(Protocol p) {
    String body = p == Protocol.XMLRPC ? "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": []}"
        : "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>";
    server.otherwise(Fixtures.status(200, p == Protocol.XMLRPC ? "application/json" : "text/xml", body, Map.of()));
    OdooTransportException e = transportFailure(p, Reason.MALFORMED_RESPONSE);
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC"})
  void malformedJson(Protocol p) {
    for (String body : List.of("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [1, 2", "[{\"id\": 1,}]", "nul", "{} {}",
        "\"unterminated")) {
      server.otherwise(Fixtures.status(200, "application/json", body, Map.of()));
      transportFailure(p, Reason.MALFORMED_RESPONSE);
    }
  }

  @Test
  void malformedJsonRpcEnvelopes() {
    for (String body : List.of("[]", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"error\": \"boom\"}",
        "{\"jsonrpc\": \"2.0\", \"result\": []}", "{\"jsonrpc\": \"2.0\", \"id\": \"x\", \"result\": []}",
        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [], \"error\": {}}")) {
      server.otherwise(Fixtures.status(200, "application/json", body, Map.of()));
      transportFailure(Protocol.JSONRPC, Reason.MALFORMED_RESPONSE);
    }
  }

  @Test
  void jsonRpcIdMismatch() {
    server.otherwise(Fixtures.status(200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": 9999, \"result\": []}", Map.of()));
    OdooTransportException e = transportFailure(Protocol.JSONRPC, Reason.MALFORMED_RESPONSE);
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }

  @Test
  void jsonRpcErrorWithoutData() {
    server.otherwise(Fixtures.status(200, "application/json",
        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"error\": {\"code\": 0, \"message\": \"Odoo Server Error\"}}", Map.of()));
    OdooClient odoo = Fixtures.client(server, Protocol.JSONRPC);
    OdooServerException e = assertThrows(OdooServerException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertEquals("Odoo Server Error", e.odooMessage());
  }

  @Test
  void malformedXml() {
    for (String body : List.of(
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>1</int></value>",
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>one</int></value></param></params></methodResponse>",
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><foo>1</foo></value></param></params></methodResponse>",
        "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><string>x</string>"
            + "</value></member></struct></value></fault></methodResponse>",
        "<?xml version=\"1.0\"?><methodResponse>garbage</methodResponse>",
        "not xml at all")) {
      server.otherwise(Fixtures.status(200, "text/xml", body, Map.of()));
      transportFailure(Protocol.XMLRPC, Reason.MALFORMED_RESPONSE);
    }
  }

  @Test
  void xmlWithExternalEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>";
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;\">]>\n"
        + "<methodResponse><params><param><value><string>&b;</string></value></param></params></methodResponse>";
    String dtdOnly = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse SYSTEM \"" + secret.toUri() + "\">\n"
        + "<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>";
    for (String body : List.of(xxe, laughs, dtdOnly)) {
      server.otherwise(Fixtures.status(200, "text/xml", body, Map.of()));
      OdooTransportException e = transportFailure(Protocol.XMLRPC, Reason.MALFORMED_RESPONSE);
      assertFalse(e.getMessage().contains("TOP-SECRET-CONTENT"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void truncatedBodyContentLengthLargerThanBody(Protocol p) {
    server.otherwise((req, ex) -> {
      ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n[{\"id\": 1, \"na");
      ex.close();
    });
    OdooTransportException e = transportFailure(p, Reason.CONNECTION_BROKEN);
    assertTrue(e.requestMayHaveBeenProcessed());
    assertTrue(e.isRetryable());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void connectionClosedMidChunkedBody(Protocol p) {
    server.otherwise((req, ex) -> {
      ex.raw("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n");
      ex.close();
    });
    transportFailure(p, Reason.CONNECTION_BROKEN);
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void connectionClosedWithoutAnswer(Protocol p) {
    server.otherwise((req, ex) -> ex.close());
    OdooTransportException e = transportFailure(p, Reason.CONNECTION_BROKEN);
    assertTrue(e.requestMayHaveBeenProcessed(), "the request was sent: it may have run");
  }

  @Test
  void serverThatNeverAnswersTimesOut() {
    server.otherwise((req, ex) -> ex.hang());
    long start = System.nanoTime();
    OdooTransportException e = transportFailure(Protocol.JSONRPC, Reason.TIMEOUT);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4000);
    assertTrue(e.requestMayHaveBeenProcessed());
  }

  @Test
  void serverThatSendsHeadersThenStallsTimesOut() {
    server.otherwise((req, ex) -> {
      ex.raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"");
      ex.hang();
    });
    transportFailure(Protocol.JSONRPC, Reason.TIMEOUT);
  }

  @Test
  void connectionRefused() throws Exception {
    OdooClient odoo = OdooClient.builder().url("http://127.0.0.1:" + ScriptedServer.freePort()).database("d")
        .login("admin", Fixtures.PASSWORD).uid(2).protocol(Protocol.JSONRPC).serverVersion(org.odoobuild.client.ServerVersion.of(19))
        .retries(0).build();
    OdooTransportException e = assertThrows(OdooTransportException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertEquals(Reason.CONNECT_FAILED, e.reason());
    assertFalse(e.requestMayHaveBeenProcessed());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void wrongShapedResultsGiveValueErrors(Protocol p) {
    OdooClient odoo = Fixtures.client(server, p);
    server.otherwise(Fixtures.ok(p, "\"abc\"", "<value><string>abc</string></value>"));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").search(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").create(Map.of("name", "x")));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").nameSearch("x", 5));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").fieldsGet(List.of(), List.of()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").load(List.of("id"), List.of(List.of("x"))));
    server.otherwise(Fixtures.ok(p, "[1, \"two\"]", "<value><array><data><value><int>1</int></value>"
        + "<value><string>two</string></value></data></array></value>"));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").search(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").nameSearch("x", 5));
    server.otherwise(Fixtures.ok(p, "{\"ids\": [1, \"x\"], \"messages\": 3}", "<value><struct><member><name>ids</name>"
        + "<value><array><data><value><string>x</string></value></data></array></value></member></struct></value>"));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").load(List.of("id"), List.of(List.of("x"))));
  }
}
