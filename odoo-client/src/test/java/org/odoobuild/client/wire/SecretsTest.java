package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odoobuild.client.CallListener;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooAuthenticationException;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.client.internal.ErrorMapper;
import org.odoobuild.client.internal.Session;

/**
 * Passwords and API keys never show up in messages, causes, stack traces, errors, toString() or
 * logs (debug logging is on in these tests), even when the server echoes them back.
 */
class SecretsTest {
  private static final List<String> SECRETS = List.of(Stub.PASSWORD, Wire.API_KEY);

  @RegisterExtension
  static final Stub stub = new Stub();
  private final List<String> listened = new ArrayList<>();
  private final CallListener listener = (model, method, protocol, duration, failure) ->
      listened.add(model + "." + method + " " + protocol + " " + failure.map(Throwable::toString).orElse("ok"));

  private static void assertClean(String what, String text) {
    for (String s : SECRETS) {
      assertFalse(text.contains(s), what + " leaks a secret: " + text);
    }
  }

  private static void assertClean(OdooException e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertClean("stack trace", trace.toString());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertClean("cause", String.valueOf(t));
    }
    assertClean("message", e.getMessage());
    assertClean("OdooError", e.error().toString());
    assertClean("debug", e.error().debug().orElse(""));
    assertClean("odooMessage", e.odooMessage());
  }

  private OdooClient client(Protocol p) {
    return stub.client(p).listener(listener).build();
  }

  private static String capturingLogs(Runnable r) {
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(saved);
    }
    String logs = buf.toString(StandardCharsets.UTF_8);
    saved.print(logs);
    return logs;
  }

  /** Escapes text for a JSON string. */
  private static String jsonText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }

  @Test
  void jsonRpcErrorEchoingThePassword() {
    String echo = "Wrong login/password ('admin', '" + Stub.PASSWORD + "') with key " + Wire.API_KEY;
    stub.otherwise(req -> Stub.jsonRpc("\"error\": {\"code\": 0, \"message\": \"Odoo Server Error\", \"data\": {\"name\": "
        + "\"odoo.exceptions.AccessDenied\", \"message\": \"" + echo + "\", \"arguments\": [], \"context\": {}, "
        + "\"debug\": \"Traceback\\n  args " + jsonText(req.text()) + "\\nAccessDenied: " + echo + "\"}}"));
    OdooClient odoo = stub.client(Protocol.JSONRPC).apiKey(Wire.API_KEY).login("admin", Stub.PASSWORD).listener(listener)
        .build();
    String logs = capturingLogs(() -> {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").count(Domain.all()));
      assertClean(e);
      assertTrue(e.odooMessage().contains("***"), e.odooMessage());
    });
    assertTrue(logs.contains("res.partner.search_count"), "debug logging is on in tests: " + logs);
    assertClean("log", logs);
    assertClean("listener", String.join("\n", listened));
  }

  @Test
  void xmlRpcFaultEchoingThePassword() {
    stub.otherwise(req -> Stub.status(200, Stub.XML, "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
        + "<member><name>faultCode</name><value><int>1</int></value></member><member><name>faultString</name><value><string>"
        + "Traceback (most recent call last):\n  File \"x.py\", line 1, in f\n    g()\nValueError: bad call "
        + req.text().replace("&", "&amp;").replace("<", "&lt;")
        + "</string></value></member></struct></value></fault></methodResponse>"));
    String logs = capturingLogs(() -> assertClean(assertThrows(OdooException.class,
        () -> client(Protocol.XMLRPC).model("res.partner").searchRead(Query.all()))));
    assertClean("log", logs);
  }

  @Test
  void proxyErrorPagesEchoingTheRequest() {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      for (int status : new int[] {200, 400, 401, 404, 500, 502}) {
        stub.reset();
        stub.otherwise(req -> Stub.status(status, "text/html", "<html><body><pre>You sent: " + req.headers() + " "
            + req.text() + "</pre></body></html>"));
        String logs = capturingLogs(() -> assertClean(assertThrows(OdooException.class,
            () -> client(p).model("res.partner").searchRead(Query.all()))));
        assertClean("log", logs);
      }
    }
    assertClean("listener", String.join("\n", listened));
  }

  @Test
  void json2ErrorEchoingTheKey() {
    stub.otherwise(req -> Stub.status(401, Stub.JSON, "{\"name\": \"werkzeug.exceptions.Unauthorized\", "
        + "\"message\": \"Invalid apikey " + req.header("Authorization") + "\", \"arguments\": [\"Invalid apikey "
        + req.header("Authorization") + "\", 401], \"context\": {}, \"debug\": \"Traceback: "
        + req.header("Authorization") + "\"}"));
    String logs = capturingLogs(() -> assertClean(assertThrows(OdooException.class,
        () -> client(Protocol.JSON2).model("res.partner").count(Domain.all()))));
    assertClean("log", logs);
  }

  @Test
  void refusedLoginNamesNoPassword() {
    // common.authenticate answers false: the client turns it into a typed exception
    stub.otherwise(Stub.jsonRpc("\"result\": false"));
    OdooClient odoo = OdooClient.builder().url(stub.url()).database("construction").login("admin", Stub.PASSWORD)
        .protocol(Protocol.JSONRPC).serverVersion(ServerVersion.of(19)).retries(0).listener(listener).build();
    String logs = capturingLogs(() -> {
      OdooAuthenticationException e = assertThrows(OdooAuthenticationException.class,
          () -> odoo.model("res.partner").count(Domain.all()));
      assertClean(e);
    });
    assertClean("log", logs);
    assertClean("client", odoo.toString());
    assertClean("listener", String.join("\n", listened));
  }

  @Test
  void toStringsShowNoSecret() {
    OdooClient.Builder b = OdooClient.builder().url(stub.url()).database("construction").login("admin", Stub.PASSWORD)
        .apiKey(Wire.API_KEY).serverVersion(ServerVersion.of(19));
    assertClean("builder", b.toString());
    OdooClient odoo = b.build();
    assertClean("client", odoo.toString());
    assertClean("model", odoo.model("res.partner").toString());
    assertClean("session", new Session("construction", 2, Stub.PASSWORD).toString());
  }

  @Test
  void weakPasswordsAreScrubbedAsTokensOnly() {
    String text = "Contact your administrator; login admin/admin failed ('admin')";
    assertEquals("Contact your administrator; login ***/*** failed ('***')", ErrorMapper.scrub(text, "admin"));
    assertEquals("key *** was refused", ErrorMapper.scrub("key " + Wire.API_KEY + " was refused", Wire.API_KEY));
    assertEquals("in-x" + Wire.API_KEY.substring(0, 11), ErrorMapper.scrub("in-x" + Wire.API_KEY.substring(0, 11),
        Wire.API_KEY));
    assertEquals("{\"p\": \"***\"}", ErrorMapper.scrub("{\"p\": \"a\\\"quote\\\"d\"}", "a\"quote\"d"));
    assertEquals("abc abc", ErrorMapper.scrub("abc abc", "abc"), "3-character secrets cannot be told from words");
  }
}
