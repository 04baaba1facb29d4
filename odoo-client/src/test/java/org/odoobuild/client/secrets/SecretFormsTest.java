package org.odoobuild.client.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odoobuild.client.Call;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.RetryConfig;
import org.odoobuild.client.stub.OdooStub;

/** Secrets stay out of every message, name, cause and toString, whatever form a server echoes them in. */
class SecretFormsTest {
  /** A password with every character that escaping changes. */
  private static final String PASSWORD = "Pa$$ w0rd/&<\"'\\é~9";
  private static final String KEY = "Zq9xK2mW7vB4nR8tY3pL";

  @RegisterExtension
  final OdooStub stub = new OdooStub();

  private OdooClient withPassword() {
    return stub.client(Protocol.JSONRPC).login("admin", PASSWORD).retry(RetryConfig.none()).build();
  }

  private OdooClient withKey(Protocol p) {
    OdooClient.Builder b = stub.client(p).retry(RetryConfig.none());
    return (p == Protocol.JSON2 ? b.apiKey(KEY) : b.login("admin", KEY)).build();
  }

  /** Everything an exception shows: messages, names, tracebacks, causes and suppressed ones. */
  private static String everything(Throwable t) {
    StringBuilder sb = new StringBuilder();
    List<Throwable> todo = new ArrayList<>(List.of(t));
    while (!todo.isEmpty()) {
      Throwable x = todo.remove(0);
      sb.append(x).append('\n');
      if (x instanceof OdooException oe) {
        sb.append(oe.error()).append('\n');
      }
      if (x.getCause() != null) {
        todo.add(x.getCause());
      }
      todo.addAll(List.of(x.getSuppressed()));
    }
    return sb.toString();
  }

  private static String python(String s, char quote) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c == '\\' ? "\\\\" : c == quote ? "\\" + quote : String.valueOf(c));
    }
    return sb.toString();
  }

  @Test
  void everyEchoedFormOfThePasswordIsScrubbed() {
    String html = PASSWORD.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    List<String> forms = List.of(
        URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
        URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20"),
        URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/"),
        html.replace("\"", "&quot;").replace("'", "&#39;"),
        html.replace("\"", "&#34;").replace("'", "&#39;"),
        html.replace("\"", "&quot;").replace("'", "&#x27;"),
        python(PASSWORD, '\''),
        PASSWORD.replace("\\", "\\\\").replace("é", "\\u00e9")); // JSON with ensure_ascii, as Python writes it
    for (String form : forms) {
      stub.server().resetAll();
      stub.always(Protocol.JSONRPC, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
          .withBody("<html><body><p>upstream said: password=" + form + " rejected</p></body></html>"));
      try (OdooClient odoo = withPassword()) {
        OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
        String shown = everything(e);
        assertFalse(shown.contains(form), "form " + form + " leaked: " + shown);
        assertTrue(e.getMessage().contains("password=*** rejected"), e.getMessage());
      }
    }
  }

  @Test
  void aPythonReprInATracebackIsScrubbed() {
    String repr = "'" + python(PASSWORD, '\'') + "'";
    String debug = "Traceback (most recent call last):\\n  File \\\"x.py\\\", line 1\\nValueError: bad password "
        + repr.replace("\\", "\\\\").replace("\"", "\\\"");
    stub.always(Protocol.JSONRPC, OdooStub.jsonRpc("\"error\": {\"code\": 200, \"message\": \"Odoo Server Error\", "
        + "\"data\": {\"name\": \"builtins.ValueError\", \"message\": \"bad password " + repr.replace("\\", "\\\\")
        .replace("\"", "\\\"") + "\", \"debug\": \"" + debug + "\"}}"));
    try (OdooClient odoo = withPassword()) {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
      String shown = everything(e);
      assertFalse(shown.contains(python(PASSWORD, '\'')), shown);
      assertTrue(e.odooMessage().contains("bad password '***'"), e.odooMessage());
      assertTrue(e.error().debug().orElseThrow().contains("bad password '***'"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void aSecretCutByTheExcerptLengthLeavesNoPrefix(Protocol p) {
    String filler = "x".repeat(190);
    stub.always(p, aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<html><body><p>" + filler + " " + KEY + " and more</p></body></html>"));
    try (OdooClient odoo = withKey(p)) {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
      assertFalse(everything(e).contains(KEY.substring(0, 6)), everything(e));
    }
  }

  @Test
  void theJsonRpcErrorNameIsScrubbed() {
    stub.always(Protocol.JSONRPC, OdooStub.jsonRpc("\"error\": {\"code\": 200, \"message\": \"Odoo Server Error\", "
        + "\"data\": {\"name\": \"odoo.exceptions.UserError." + KEY + "\", \"message\": \"no\", \"debug\": \"\"}}"));
    try (OdooClient odoo = withKey(Protocol.JSONRPC)) {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
      assertFalse(everything(e).contains(KEY), everything(e));
      assertEquals("odoo.exceptions.UserError.***", e.odooName());
    }
  }

  @Test
  void aWeakPasswordThatIsAWordOfTheErrorNameDoesNotChangeHowTheErrorIsTyped() {
    stub.always(Protocol.JSONRPC, OdooStub.jsonRpc("\"error\": {\"code\": 200, \"message\": \"Odoo Server Error\", "
        + "\"data\": {\"name\": \"odoo.exceptions.ValidationError\", \"message\": \"no\", \"debug\": \"\"}}"));
    try (OdooClient odoo = stub.client(Protocol.JSONRPC).login("admin", "exceptions").build()) {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").searchRead(Query.all()));
      assertEquals(org.odoobuild.client.OdooValidationException.class, e.getClass());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void aParserFailureKeepsNoCauseThatQuotesTheBody(Protocol p) {
    String body = switch (p) {
      case JSON2 -> "{\"id\": " + KEY + "}";
      case JSONRPC -> "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": " + KEY + "}";
      default -> "<?xml version=\"1.0\"?><methodResponse><params><param><value><int>" + KEY
          + "</int></value></param></params></methodResponse>";
    };
    stub.always(p, aResponse().withStatus(200).withHeader("Content-Type", p == Protocol.XMLRPC ? "text/xml"
        : "application/json").withBody(body));
    try (OdooClient odoo = withKey(p)) {
      OdooException e = assertThrows(OdooException.class, () -> odoo.model("res.partner").call(Call.method("read").ids(1)));
      assertFalse(everything(e).contains(KEY.substring(0, 8)), everything(e));
    }
  }

  @Test
  void aPasswordInTheUrlIsNeverShown() {
    OdooClient.Builder b = OdooClient.builder().url("https://admin:UrlPassw0rd-9876@erp.example.com/odoo")
        .database("construction").apiKey(KEY);
    assertFalse(b.toString().contains("UrlPassw0rd"), b.toString());
    try (OdooClient odoo = b.build()) {
      assertFalse(odoo.toString().contains("UrlPassw0rd"), odoo.toString());
      assertFalse(odoo.toString().contains("admin:"), odoo.toString());
      assertTrue(odoo.toString().contains("https://erp.example.com/odoo"), odoo.toString());
    }
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> OdooClient.builder().url("ftp://admin:UrlPassw0rd-9876@erp.example.com"));
    assertFalse(bad.getMessage().contains("UrlPassw0rd"));
  }

  @Test
  void credentialsOverPlainHttpToAnotherHostAreRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> OdooClient.builder().url("http://erp.example.com").database("d").apiKey(KEY).build());
    assertTrue(e.getMessage().contains("plain http"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY));
    assertThrows(IllegalStateException.class,
        () -> OdooClient.builder().url("http://10.0.0.5:8069").database("d").login("admin", PASSWORD).build());
    OdooClient.builder().url("http://erp.example.com").database("d").apiKey(KEY).allowInsecureHttp(true).build().close();
    for (String ok : List.of("https://erp.example.com", "http://127.0.0.1:8069", "http://localhost:8069", "http://[::1]:8069")) {
      OdooClient.builder().url(ok).database("d").apiKey(KEY).build().close();
    }
  }
}
