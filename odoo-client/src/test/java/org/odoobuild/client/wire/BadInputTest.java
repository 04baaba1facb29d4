package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooServerException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.OdooValueException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.ServerVersion;

/**
 * What a server (or a proxy in front of it) may send that is not a proper Odoo answer: every case
 * gives a typed, explanatory exception, never a NullPointerException, ClassCastException or a hang.
 */
class BadInputTest {
  /** Long enough for the slowest CI machine; a hang would exceed it. */
  static final Duration NO_HANG = Duration.ofSeconds(60);
  static final String NGINX_502 = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
      + "</center><hr><center>nginx</center></body></html>";
  static final String MAINTENANCE = "<html><head><title>Maintenance</title><style>b{}</style></head><body>"
      + "<h1>Down for maintenance</h1></body></html>";
  static final String XML_ONE = "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>1</int></value></param>"
      + "</params></methodResponse>";

  @RegisterExtension
  static final Stub stub = new Stub();

  /** Runs search_read and expects a transport failure of the given reason, within {@link #NO_HANG}. */
  static OdooTransportException transportFailure(OdooClient odoo, Reason reason) {
    OdooException e = assertTimeoutPreemptively(NO_HANG,
        () -> assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all().fields("name"))));
    OdooTransportException te = assertInstanceOf(OdooTransportException.class, e, () -> "expected a transport failure, got " + e);
    assertEquals(reason, te.reason(), te.getMessage());
    assertFalse(te.getMessage().isBlank());
    return te;
  }

  static OdooTransportException transportFailure(Protocol p, Reason reason) {
    return transportFailure(stub.client(p).build(), reason);
  }

  /**
   * One bad answer: protocol, what it is, status, content type, body, the expected reason, whether
   * the failure is retryable (null: not stated), and a text the message must contain (null: none).
   */
  static Stream<Arguments> badAnswers() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Protocol p : new Protocol[] {Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC}) {
      boolean xml = p == Protocol.XMLRPC;
      String good = xml ? Stub.XML : Stub.JSON;
      String malformed = xml ? "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value><int>1"
          : "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [1, 2";
      b.add(Arguments.of(p, "malformed body", 200, good, malformed, Reason.MALFORMED_RESPONSE, null, null));
      b.add(Arguments.of(p, "maintenance page with 200", 200, "text/html; charset=utf-8", MAINTENANCE,
          Reason.MALFORMED_RESPONSE, false, "Down for maintenance"));
      b.add(Arguments.of(p, "nginx 502 page", 502, "text/html", NGINX_502, Reason.HTTP_STATUS, true, "502 Bad Gateway"));
      for (int status : new int[] {500, 502, 503, 504}) {
        b.add(Arguments.of(p, "HTML " + status, status, "text/html", "<html><body>Bad Gateway " + status + "</body></html>",
            Reason.HTTP_STATUS, status != 500, "Bad Gateway " + status));
      }
      b.add(Arguments.of(p, "empty 200 body", 200, good, "", Reason.MALFORMED_RESPONSE, null, null));
      b.add(Arguments.of(p, "text/plain 200", 200, "text/plain", "1", Reason.MALFORMED_RESPONSE, null, null));
      b.add(Arguments.of(p, xml ? "JSON where XML is expected" : "XML where JSON is expected", 200,
          xml ? "application/json" : "text/xml", xml ? "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": []}" : XML_ONE,
          Reason.MALFORMED_RESPONSE, null, "expected"));
      b.add(Arguments.of(p, "403 from a proxy", 403, "text/plain", "Forbidden by proxy", Reason.HTTP_STATUS, false,
          "Forbidden by proxy"));
      b.add(Arguments.of(p, "403 HTML from a WAF", 403, "text/html", "<p>Forbidden by WAF</p>", Reason.HTTP_STATUS, false,
          null));
      b.add(Arguments.of(p, "empty 504 from a proxy", 504, "text/plain", "", Reason.HTTP_STATUS, true, null));
      b.add(Arguments.of(p, "429 from a proxy", 429, "text/plain", "slow down", Reason.RATE_LIMITED, true, null));
    }
    for (Protocol p : new Protocol[] {Protocol.JSON2, Protocol.JSONRPC}) {
      for (String body : List.of("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [1, 2", "[{\"id\": 1,}]", "nul", "{} {}",
          "\"unterminated")) {
        b.add(Arguments.of(p, "malformed JSON " + body, 200, "application/json", body, Reason.MALFORMED_RESPONSE, null,
            null));
      }
    }
    for (String body : List.of("[]", "[1, 2]", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"error\": \"boom\"}",
        "{\"jsonrpc\": \"2.0\", \"result\": []}", "{\"jsonrpc\": \"2.0\", \"id\": \"x\", \"result\": []}",
        "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": [], \"error\": {}}")) {
      b.add(Arguments.of(Protocol.JSONRPC, "JSON-RPC envelope " + body, 200, "application/json", body,
          Reason.MALFORMED_RESPONSE, null, null));
    }
    for (String body : List.of(
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>1</int></value>",
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>one</int></value></param></params></methodResponse>",
        "<?xml version=\"1.0\"?><methodResponse><params><param><value><foo>1</foo></value></param></params></methodResponse>",
        "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><string>x</string>"
            + "</value></member></struct></value></fault></methodResponse>",
        "<?xml version=\"1.0\"?><methodResponse>garbage</methodResponse>",
        "<?xml version=\"1.0\"?><html><body/></html>",
        "not xml at all")) {
      b.add(Arguments.of(Protocol.XMLRPC, "XML-RPC answer " + body, 200, "text/xml", body, Reason.MALFORMED_RESPONSE, null,
          null));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badAnswers")
  void badAnswerGivesTypedTransportException(Protocol p, String what, int status, String type, String body, Reason reason,
      Boolean retryable, String contains) {
    stub.otherwise(Stub.status(status, type, body));
    OdooTransportException e = transportFailure(p, reason);
    if (status != 200) {
      assertEquals(status, e.error().httpStatus().orElse(-1), e.toString());
      assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
    }
    if (retryable != null) {
      assertEquals(retryable, e.isRetryable(), what);
    }
    if (contains != null) {
      assertTrue(e.getMessage().contains(contains), e.getMessage());
    }
    if (type.startsWith("text/html")) {
      for (String tag : List.of("<center>", "<h1>", "<p>", "<html>")) {
        assertFalse(e.getMessage().contains(tag), "HTML tags are stripped from messages: " + e.getMessage());
      }
    }
    if (status == 200) {
      assertTrue(e.requestMayHaveBeenProcessed(), "a 200 answer means Odoo may have run the call");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void rateLimitReportsRetryAfter(Protocol p) {
    stub.otherwise(Stub.status(429, "text/plain", "slow down", "Retry-After", "7"));
    OdooTransportException rl = transportFailure(p, Reason.RATE_LIMITED);
    assertEquals(Optional.of(Duration.ofSeconds(7)), rl.retryAfter());
    assertTrue(rl.isRetryable());
    assertTrue(rl.requestMayHaveBeenProcessed(), "an answer came: a proxy may have passed the request on");
    stub.reset();
    stub.otherwise(Stub.status(429, "text/plain", "", "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(Optional.of(Duration.ZERO), transportFailure(p, Reason.RATE_LIMITED).retryAfter(), "a past date");
  }

  @Test
  void jsonRpcIdMismatch() {
    stub.otherwise(Stub.status(200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": 9999, \"result\": []}"));
    OdooTransportException e = transportFailure(Protocol.JSONRPC, Reason.MALFORMED_RESPONSE);
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }

  @Test
  void jsonRpcErrorWithoutData() {
    stub.otherwise(Stub.jsonRpc("\"error\": {\"code\": 0, \"message\": \"Odoo Server Error\"}"));
    OdooClient odoo = stub.client(Protocol.JSONRPC).build();
    OdooServerException e = assertThrows(OdooServerException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertEquals("Odoo Server Error", e.odooMessage());
  }

  @Test
  void json2ErrorBodyThatIsNotAnOdooErrorIsTyped() {
    stub.otherwise(Stub.status(500, Stub.JSON, "{\"oops\": true}"));
    OdooClient odoo = stub.client(Protocol.JSON2).build();
    OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    assertEquals(500, e.error().httpStatus().orElse(-1));
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
      stub.reset();
      stub.otherwise(Stub.status(200, Stub.XML, body));
      OdooTransportException e = transportFailure(Protocol.XMLRPC, Reason.MALFORMED_RESPONSE);
      assertFalse(String.valueOf(e).contains("TOP-SECRET"), e.toString());
      assertFalse(e.error().toString().contains("TOP-SECRET"), e.error().toString());
    }
  }

  /** Connections that break: before any answer, in the middle of the body, or with a reset. */
  static Stream<Arguments> brokenConnections() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Protocol p : new Protocol[] {Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC}) {
      b.add(Arguments.of(p, Fault.EMPTY_RESPONSE));
      b.add(Arguments.of(p, Fault.MALFORMED_RESPONSE_CHUNK));
      b.add(Arguments.of(p, Fault.CONNECTION_RESET_BY_PEER));
      b.add(Arguments.of(p, Fault.RANDOM_DATA_THEN_CLOSE));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("brokenConnections")
  void brokenConnectionAfterTheRequestMayHaveRun(Protocol p, Fault fault) {
    stub.otherwise(Stub.okEmptyList(p).withFault(fault));
    OdooTransportException e = transportFailure(p, Reason.CONNECTION_BROKEN);
    assertTrue(e.requestMayHaveBeenProcessed(), "the request was sent: it may have run");
    assertTrue(e.isRetryable(), "a read may be sent again");
  }

  @Test
  void serverThatNeverAnswersTimesOut() {
    stub.otherwise(Stub.okEmptyList(Protocol.JSONRPC).withFixedDelay(120_000));
    OdooClient odoo = stub.client(Protocol.JSONRPC).timeout(Duration.ofSeconds(1)).build();
    long start = System.nanoTime();
    OdooTransportException e = transportFailure(odoo, Reason.TIMEOUT);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(60)) < 0,
        "gave up long before the two-minute answer");
    assertTrue(e.requestMayHaveBeenProcessed());
  }

  @Test
  void serverThatSendsHeadersThenStallsTimesOut() {
    stub.otherwise(Stub.status(200, Stub.JSON, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": []}")
        .withChunkedDribbleDelay(2, 120_000));
    OdooClient odoo = stub.client(Protocol.JSONRPC).timeout(Duration.ofSeconds(1)).build();
    transportFailure(odoo, Reason.TIMEOUT);
  }

  /**
   * The client's own HTTP client leaves the read timeout to the socket: a body that stalls ends with
   * the socket's timeout after the read timeout (1 s), not the call's (101 s, with connecting).
   */
  @Test
  void aStalledBodyEndsAtTheReadTimeoutOnTheSocket() {
    stub.otherwise(Stub.status(200, Stub.JSON, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": []}")
        .withChunkedDribbleDelay(2, 120_000));
    OdooClient odoo = stub.client(Protocol.JSONRPC).timeout(Duration.ofSeconds(1))
        .connectTimeout(Duration.ofSeconds(100)).build();
    OdooTransportException e = transportFailure(odoo, Reason.TIMEOUT);
    // the socket's own timeout ("Read timed out"), not OkHttp's watchdog ("timeout")
    assertInstanceOf(java.net.SocketTimeoutException.class, e.getCause(), () -> "cause: " + e.getCause());
    assertEquals("Read timed out", e.getCause().getMessage());
    assertTrue(e.requestMayHaveBeenProcessed());
  }

  /**
   * A client given its own OkHttp client keeps OkHttp's read timeout there (set on the socket and
   * on OkHttp's watchdog alike, so either may end the read).
   */
  @Test
  void aSuppliedHttpClientKeepsItsOwnReadTimeout() {
    stub.otherwise(Stub.status(200, Stub.JSON, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": []}")
        .withChunkedDribbleDelay(2, 120_000));
    OdooClient odoo = stub.client(Protocol.JSONRPC).httpClient(new okhttp3.OkHttpClient())
        .timeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(100)).build();
    OdooTransportException e = transportFailure(odoo, Reason.TIMEOUT);
    assertInstanceOf(java.io.InterruptedIOException.class, e.getCause(), () -> "cause: " + e.getCause());
  }

  @Test
  void connectionRefused() throws Exception {
    OdooClient odoo = OdooClient.builder().url("http://127.0.0.1:" + Stub.freePort()).database("d")
        .login("admin", Stub.PASSWORD).uid(2).protocol(Protocol.JSONRPC).serverVersion(ServerVersion.of(19)).retries(0)
        .build();
    OdooTransportException e = assertThrows(OdooTransportException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertEquals(Reason.CONNECT_FAILED, e.reason());
    assertFalse(e.requestMayHaveBeenProcessed());
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void wrongShapedResultsGiveValueErrors(Protocol p) {
    OdooClient odoo = stub.client(p).build();
    answer(Stub.ok(p, "\"abc\"", "<value><string>abc</string></value>"));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").search(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").create(java.util.Map.of("name", "x")));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").nameSearch("x", 5));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").fieldsGet(List.of(), List.of()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").load(List.of("id"), List.of(List.of("x"))));
    answer(Stub.ok(p, "[1, \"two\"]", "<value><array><data><value><int>1</int></value>"
        + "<value><string>two</string></value></data></array></value>"));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").search(Query.all()));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").nameSearch("x", 5));
    answer(Stub.ok(p, "{\"ids\": [1, \"x\"], \"messages\": 3}", "<value><struct><member><name>ids</name>"
        + "<value><array><data><value><string>x</string></value></data></array></value></member></struct></value>"));
    assertThrows(OdooValueException.class, () -> odoo.model("res.partner").load(List.of("id"), List.of(List.of("x"))));
  }

  private static void answer(ResponseDefinitionBuilder answer) {
    stub.reset();
    stub.otherwise(answer);
  }
}
