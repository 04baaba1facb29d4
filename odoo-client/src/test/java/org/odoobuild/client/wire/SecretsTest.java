package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.ServerVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** No password or API key in messages, errors, toString() or logs, even when the server echoes it. */
class SecretsTest {
  static final String KEY = "sk-WIRE-SECRET-0123456789abcdef";
  static final String PASSWORD = "Pw-WIRE-secret-42";

  @Test
  void secretsNeverLeak() throws Exception {
    List<String> texts = new ArrayList<>();
    String captured = withDebugLogs(() -> {
      // JSON-2: 401 echoing the key (JSON body), 502 HTML echoing it
      for (StubServer.Resp echo : List.of(
          StubServer.Resp.of(401, Stubs.JSON, "{\"name\": \"werkzeug.exceptions.Unauthorized\", \"message\": \"Invalid apikey "
              + KEY + "\", \"arguments\": [\"Invalid apikey " + KEY + "\", 401], \"context\": {}, \"debug\": \"Traceback: bearer "
              + KEY + "\"}"),
          StubServer.Resp.of(502, "text/html", "<html><body>upstream said: Authorization: bearer " + KEY + "</body></html>"),
          StubServer.Resp.of(200, "text/html", "<p>" + KEY + "</p>"))) {
        try (StubServer stub = new StubServer(req -> echo); OdooClient c = OdooClient.builder().url(stub.url())
            .database("construction").apiKey(KEY).protocol(Protocol.JSON2).serverVersion(ServerVersion.of(19)).retries(0)
            .build()) {
          texts.add(c.toString());
          collect(texts, assertThrows(OdooException.class, () -> c.model("res.partner").count(Domain.all())));
        }
      }
      // JSON-RPC and XML-RPC: the password echoed in an error and a fault
      String jsonErr = "{\"name\": \"odoo.exceptions.AccessDenied\", \"message\": \"Access Denied for " + PASSWORD
          + "\", \"arguments\": [], \"context\": {}, \"debug\": \"password=" + PASSWORD + "\"}";
      try (StubServer stub = new StubServer(Stubs.withAuth(req -> StubServer.Resp.of(200, Stubs.JSON,
          "{\"jsonrpc\": \"2.0\", \"id\": " + Stubs.requestId(req) + ", \"error\": {\"code\": 0, \"message\": \"Odoo Server "
              + "Error\", \"data\": " + jsonErr + "}}")));
          OdooClient c = Stubs.builder(stub, Protocol.JSONRPC).login("admin", PASSWORD).build()) {
        collect(texts, assertThrows(OdooException.class, () -> c.model("res.partner").count(Domain.all())));
      }
      try (StubServer stub = new StubServer(Stubs.withAuth(req -> StubServer.Resp.of(200, Stubs.XML,
          "<?xml version=\"1.0\"?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
              + "<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>Traceback (most "
              + "recent call last):\n  File \"x.py\", line 1, in f\nValueError: bad password " + PASSWORD
              + "\n</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n")));
          OdooClient c = Stubs.builder(stub, Protocol.XMLRPC).login("admin", PASSWORD).build()) {
        collect(texts, assertThrows(OdooException.class, () -> c.model("res.partner").count(Domain.all())));
      }
      // authentication refused (authenticate returns false)
      try (StubServer stub = new StubServer(req -> Stubs.jsonRpcResult(req, "false"));
          OdooClient c = Stubs.builder(stub, Protocol.JSONRPC).login("admin", PASSWORD).build()) {
        collect(texts, assertThrows(OdooException.class, () -> c.model("res.partner").count(Domain.all())));
        texts.add(c.toString());
      }
      texts.add(OdooClient.builder().url("http://127.0.0.1:1").apiKey(KEY).login("admin", PASSWORD).toString());
    });
    texts.add(captured);
    for (String t : texts) {
      assertFalse(t.contains(KEY), "API key leaked: " + t);
      assertFalse(t.contains(PASSWORD), "password leaked: " + t);
    }
  }

  static void collect(List<String> texts, OdooException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t));
    }
    texts.add(e.error().toString());
    texts.add(e.odooMessage());
    texts.add(e.error().debug().orElse(""));
  }

  /** Runs with the client's logger at DEBUG (slf4j-simple) and returns what was written to stderr. */
  static String withDebugLogs(ThrowingRunnable r) throws Exception {
    Logger log = LoggerFactory.getLogger(OdooClient.class);
    Field level = null;
    Object old = null;
    try {
      level = log.getClass().getDeclaredField("currentLogLevel");
      level.setAccessible(true);
      old = level.get(log);
      level.set(log, 10); // DEBUG
    } catch (ReflectiveOperationException | RuntimeException notSimpleLogger) {
      level = null;
    }
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(err);
      if (level != null) {
        level.set(log, old);
      }
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    err.print(out);
    return out;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
