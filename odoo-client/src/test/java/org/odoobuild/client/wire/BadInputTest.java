package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;

/** Answers that are not Odoo answers: every one gives a typed, explanatory exception, never a crash or a hang. */
class BadInputTest {
  static final String HTML = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
      + "</center><hr><center>nginx</center></body></html>";

  static Stream<Arguments> badAnswers() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Protocol p : new Protocol[] {Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC}) {
      String good = p == Protocol.XMLRPC ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
      String malformed = p == Protocol.XMLRPC ? "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value><int>1"
          : "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [1, 2";
      b.add(Arguments.of(p, "malformed body", 200, good, malformed, Reason.MALFORMED_RESPONSE));
      b.add(Arguments.of(p, "HTML page with 200", 200, "text/html; charset=utf-8", HTML, Reason.MALFORMED_RESPONSE));
      b.add(Arguments.of(p, "HTML 502 from a proxy", 502, "text/html", HTML, Reason.HTTP_STATUS));
      b.add(Arguments.of(p, "HTML 500", 500, "text/html", "<html><body>Internal Server Error</body></html>",
          Reason.HTTP_STATUS));
      b.add(Arguments.of(p, "empty 200 body", 200, good, "", Reason.MALFORMED_RESPONSE));
      b.add(Arguments.of(p, "wrong content type", 200, "text/plain", p == Protocol.XMLRPC ? "1" : "1",
          Reason.MALFORMED_RESPONSE));
      b.add(Arguments.of(p, "403 from a proxy", 403, "text/plain", "Forbidden by proxy", Reason.HTTP_STATUS));
      b.add(Arguments.of(p, "504 from a proxy", 504, "text/plain", "", Reason.HTTP_STATUS));
      b.add(Arguments.of(p, "429 from a proxy", 429, "text/plain", "slow down", Reason.RATE_LIMITED));
      if (p == Protocol.JSONRPC) {
        b.add(Arguments.of(p, "JSON-RPC answer without result or error, as an array", 200, good, "[1, 2]",
            Reason.MALFORMED_RESPONSE));
      }
      if (p == Protocol.XMLRPC) {
        b.add(Arguments.of(p, "XML that is not XML-RPC", 200, good, "<?xml version=\"1.0\"?><html><body/></html>",
            Reason.MALFORMED_RESPONSE));
        b.add(Arguments.of(p, "JSON where XML is expected", 200, "application/json", "{\"result\": 1}",
            Reason.MALFORMED_RESPONSE));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badAnswers")
  void badAnswerGivesTypedTransportException(Protocol p, String what, int status, String type, String body, Reason reason) {
    OdooTransportException e = fail(p, req -> StubServer.Resp.of(status, type, body));
    assertEquals(reason, e.reason(), what + ": " + e);
    if (status != 200) {
      assertEquals(status, e.error().httpStatus().orElse(-1), e.toString());
      assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
    }
    assertFalse(e.getMessage().contains("<center>"), "HTML tags are stripped from messages: " + e.getMessage());
  }

  @Test
  void retryAfterOf429IsReported() {
    OdooTransportException e = fail(Protocol.JSON2, req -> new StubServer.Resp(429,
        java.util.Map.of("Content-Type", "text/plain", "Retry-After", "7"), "Too Many Requests".getBytes()));
    assertEquals(Reason.RATE_LIMITED, e.reason());
    assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    assertTrue(e.isRetryable());
  }

  @Test
  void jsonRpcIdMismatchIsRefused() {
    OdooTransportException e = fail(Protocol.JSONRPC,
        req -> StubServer.Resp.of(200, Stubs.JSON, "{\"jsonrpc\": \"2.0\", \"id\": 999999, \"result\": 5}"));
    assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
    assertTrue(e.getMessage().contains("id"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void truncatedBodyIsABrokenConnection(Protocol p) throws Exception {
    String partial = p == Protocol.XMLRPC ? "<?xml version=\"1.0\"?>\n<methodResponse>" : "{\"jsonrpc\": \"2.0\", \"id\": 1";
    String type = p == Protocol.XMLRPC ? Stubs.XML : Stubs.JSON;
    try (Stubs.RawServer raw = new Stubs.RawServer((s, req) -> {
      String text = new String(req, java.nio.charset.StandardCharsets.UTF_8);
      if (text.contains("authenticate")) {
        String ok = p == Protocol.XMLRPC ? "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value><int>2</int>"
            + "</value></param></params></methodResponse>" : "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": 2}";
        Stubs.RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + ok.length()
            + "\r\nConnection: close\r\n\r\n" + ok);
        return;
      }
      Stubs.RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: 5000\r\n\r\n" + partial);
    }); OdooClient c = Stubs.builder(raw.url(), p).build()) {
      OdooTransportException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(OdooTransportException.class, () -> c.model("res.partner").count(Domain.all())));
      assertTrue(Set.of(Reason.CONNECTION_BROKEN, Reason.MALFORMED_RESPONSE).contains(e.reason()), e.toString());
      assertTrue(e.requestMayHaveBeenProcessed());
    }
  }

  @Test
  void serverThatNeverAnswersIsATimeout() throws Exception {
    try (Stubs.RawServer raw = new Stubs.RawServer((s, req) -> Thread.sleep(10_000));
        OdooClient c = Stubs.builder(raw.url(), Protocol.JSON2).timeout(Duration.ofMillis(300)).build()) {
      OdooTransportException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> assertThrows(OdooTransportException.class, () -> c.model("res.partner").count(Domain.all())));
      assertEquals(Reason.TIMEOUT, e.reason(), e.toString());
      assertTrue(e.requestMayHaveBeenProcessed(), "the request was sent: Odoo may have run it");
    }
  }

  @Test
  void connectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (OdooClient c = Stubs.builder("http://127.0.0.1:" + port, Protocol.JSON2).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class, () -> c.model("res.partner").count(Domain.all()));
      assertEquals(Reason.CONNECT_FAILED, e.reason());
      assertFalse(e.requestMayHaveBeenProcessed());
    }
  }

  @Test
  void xmlWithExternalEntityIsRefusedAndNoFileIsRead(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
    String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>";
    OdooTransportException e = fail(Protocol.XMLRPC, req -> StubServer.Resp.of(200, Stubs.XML, xxe));
    assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
    assertFalse(String.valueOf(e).contains("TOP-SECRET"), e.toString());
    assertFalse(e.error().toString().contains("TOP-SECRET"));
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n"
        + "<methodResponse><params><param><value><string>&lol2;</string></value></param></params></methodResponse>";
    assertEquals(Reason.MALFORMED_RESPONSE, fail(Protocol.XMLRPC, req -> StubServer.Resp.of(200, Stubs.XML, laughs)).reason());
  }

  @Test
  void json2ErrorBodyThatIsNotAnOdooErrorIsTyped() {
    OdooException e = assertThrows(OdooException.class, () -> {
      try (StubServer stub = new StubServer(req -> StubServer.Resp.of(500, Stubs.JSON, "{\"oops\": true}"));
          OdooClient c = Stubs.builder(stub, Protocol.JSON2).build()) {
        c.model("res.partner").searchRead(Query.all());
      }
    });
    assertEquals(500, e.error().httpStatus().orElse(-1));
  }

  /** Runs count() against a stub (authenticate answered for JSON-RPC/XML-RPC) and expects a transport exception. */
  static OdooTransportException fail(Protocol p, StubServer.Handler answer) {
    try (StubServer stub = new StubServer(Stubs.withAuth(answer)); OdooClient c = Stubs.builder(stub, p).build()) {
      OdooException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> assertThrows(OdooException.class, () -> c.model("res.partner").count(Domain.all())));
      return assertInstanceOf(OdooTransportException.class, e, () -> "expected a transport exception, got " + e);
    }
  }
}
