package org.odoobuild.client.robust;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.CallListener;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.client.internal.ErrorMapper;
import org.odoobuild.client.internal.Session;
import org.odoobuild.client.support.ScriptedServer;
import org.odoobuild.client.support.Wire;

/** Passwords and API keys never show up in messages, errors, toString() or logs, even when the server echoes them. */
class SecretsTest {
  private ScriptedServer server;
  private final List<String> listened = new ArrayList<>();
  private final CallListener listener = (model, method, protocol, duration, failure) ->
      listened.add(model + "." + method + " " + protocol + " " + failure.map(Throwable::toString).orElse("ok"));

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static final List<String> SECRETS = List.of(Fixtures.PASSWORD, Wire.API_KEY);

  private static void assertClean(String what, String text) {
    for (String s : SECRETS) {
      assertFalse(text.contains(s), what + " leaks a secret: " + text);
    }
  }

  private static void assertClean(OdooException e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertClean("stack trace", trace.toString());
    assertClean("message", e.getMessage());
    assertClean("OdooError", e.error().toString());
    assertClean("debug", e.error().debug().orElse(""));
    assertClean("odooMessage", e.odooMessage());
  }

  private OdooClient client(Protocol p) {
    return Fixtures.builder(server, p).listener(listener).build();
  }

  private String capturingLogs(Runnable r) {
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonRpcErrorEchoingThePassword() {
    String echo = "Wrong login/password ('admin', '" + Fixtures.PASSWORD + "') with key " + Wire.API_KEY;
    server.otherwise((req, ex) -> {
      Object id = ((Map<?, ?>) Wire.json(req.text())).get("id");
      ex.respond(200, "application/json", "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"error\": {\"code\": 0, "
          + "\"message\": \"Odoo Server Error\", \"data\": {\"name\": \"odoo.exceptions.AccessDenied\", \"message\": \""
          + echo + "\", \"arguments\": [], \"context\": {}, \"debug\": \"Traceback\\n  args " + req.text().replace("\"", "\\\"")
          + "\\nAccessDenied: " + echo + "\"}}}");
    });
    OdooClient odoo = Fixtures.builder(server, Protocol.JSONRPC).apiKey(Wire.API_KEY).login("admin", Fixtures.PASSWORD)
        .listener(listener).build();
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
    server.otherwise((req, ex) -> ex.respond(200, "text/xml", "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
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
        server.otherwise((req, ex) -> ex.respond(status, "text/html", "<html><body><pre>You sent: " + req.headers()
            + " " + req.text() + "</pre></body></html>"));
        String logs = capturingLogs(() -> assertClean(assertThrows(OdooException.class,
            () -> client(p).model("res.partner").searchRead(Query.all()))));
        assertClean("log", logs);
      }
    }
    assertClean("listener", String.join("\n", listened));
  }

  @Test
  void json2ErrorEchoingTheKey() {
    server.otherwise((req, ex) -> ex.respond(401, "application/json", "{\"name\": \"werkzeug.exceptions.Unauthorized\", "
        + "\"message\": \"Invalid apikey " + req.header("Authorization") + "\", \"arguments\": [], \"context\": {}, "
        + "\"debug\": \"Traceback: " + req.header("Authorization") + "\"}"));
    assertClean(assertThrows(OdooException.class, () -> client(Protocol.JSON2).model("res.partner").count(Domain.all())));
  }

  @Test
  void toStringsShowNoSecret() {
    OdooClient.Builder b = OdooClient.builder().url(server.url()).database("construction").login("admin", Fixtures.PASSWORD)
        .apiKey(Wire.API_KEY).serverVersion(ServerVersion.of(19));
    assertClean("builder", b.toString());
    OdooClient odoo = b.build();
    assertClean("client", odoo.toString());
    assertClean("model", odoo.model("res.partner").toString());
    assertClean("session", new Session("construction", 2, Fixtures.PASSWORD).toString());
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
