package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odoobuild.client.Call;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooAccessException;
import org.odoobuild.client.OdooAuthenticationException;
import org.odoobuild.client.OdooBadRequestException;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooMissingRecordException;
import org.odoobuild.client.OdooNotFoundException;
import org.odoobuild.client.OdooUserException;
import org.odoobuild.client.OdooValidationException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.ServerVersion;

/**
 * Odoo 17 behaviour as the recordings' README ({@code WireRecordings.readme()}) documents it (the 17
 * recordings are kept back): responses synthesized from the documented facts.
 */
class Odoo17Test {
  /** A 404 page of the documented size (6,006 characters) and content type. */
  static final String HTML_404 = html404();
  static final String VERSION_17 = "{\"server_version\": \"17.0-20240709\", \"server_version_info\": [17, 0, 0, \"final\", 0, \"\"], "
      + "\"server_serie\": \"17.0\", \"protocol_version\": 1}";

  @RegisterExtension
  static final Stub server = new Stub();

  static String html404() {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><title>404 | Page not found</title>"
        + "<style>body{font-family:sans-serif}</style></head><body><h1>Page not found</h1><p>The page you were looking for"
        + " could not be authorized.</p>");
    while (sb.length() < 5985) {
      sb.append("<!-- padding -->");
    }
    sb.setLength(5985);
    sb.append("</body></html>\n");
    while (sb.length() < 6006) {
      sb.append(' ');
    }
    return sb.toString();
  }

  private static ResponseDefinitionBuilder jsonRpc(String resultOrError) {
    return Stub.jsonRpc(resultOrError);
  }

  private static ResponseDefinitionBuilder notFound() {
    return Stub.status(404, "text/html;charset=utf-8", HTML_404);
  }

  /** The traceback of a 17 error named {@code name}. */
  static String debug17(String name, String message) {
    return "Traceback (most recent call last):\n  File \"odoo/http.py\", line 1, in dispatch\n" + name + ": " + message + "\n";
  }

  /** A 17 JSON-RPC error: code 200, data keys in 17's order (name, debug, message, arguments, context). */
  static String error17(String name, String message) {
    String m = json(message);
    return "\"error\": {\"code\": 200, \"message\": \"Odoo Server Error\", \"data\": {\"name\": \"" + name
        + "\", \"debug\": \"" + json(debug17(name, message)) + "\", \"message\": \"" + m + "\", \"arguments\": [\"" + m
        + "\"], \"context\": {}}}";
  }

  private static String json(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static String xml17(String inner) {
    return "<?xml version='1.0'?>\n<methodResponse>\n" + inner + "\n</methodResponse>\n";
  }

  private static String fault17(int code, String text) {
    return xml17("<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>" + code + "</int></value>\n"
        + "</member>\n<member>\n<name>faultString</name>\n<value><string>" + text.replace("&", "&amp;").replace("<", "&lt;")
        + "</string></value>\n</member>\n</struct></value>\n</fault>");
  }

  @Test
  void versionDetectionFallsBackToCommonVersionAndPicksJsonRpc() {
    server.then(notFound(), notFound(),
        jsonRpc("\"result\": " + VERSION_17));
    server.otherwise(jsonRpc("\"result\": 2"));
    OdooClient odoo = OdooClient.builder().url(server.url()).database("construction17").login("admin")
        .apiKey(Wire.API_KEY).build();
    ServerVersion v = odoo.version();
    assertEquals(new ServerVersion("17.0-20240709", 17, 0, false), v);
    assertFalse(v.supportsJson2());
    assertEquals(Protocol.JSONRPC, odoo.protocol(), "no JSON-2 before 19, even with an API key");
    List<Stub.Req> r = server.requests();
    assertEquals(List.of("/web/version", "/json/version", "/jsonrpc"), r.stream().map(Stub.Req::path).toList());
    assertEquals("GET", r.get(0).method());
    Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) Wire.json(r.get(2).text())).get("params");
    assertEquals(Map.of("service", "common", "method", "version", "args", List.of()), params);
    assertEquals(HTML_404.length(), 6006);
  }

  @Test
  void autoClientOn17AuthenticatesWithTheKeyAndUsesExecuteKw() {
    server.then(notFound(), notFound(),
        jsonRpc("\"result\": " + VERSION_17),
        jsonRpc("\"result\": 2"),
        jsonRpc("\"result\": [{\"id\": 7, \"name\": \"Vendor\"}]"));
    OdooClient odoo = OdooClient.builder().url(server.url()).database("construction17").login("admin")
        .apiKey(Wire.API_KEY).build();
    assertEquals(1, odoo.model("res.partner").searchRead(Query.all().fields("name")).size());
    List<Stub.Req> r = server.requests();
    assertEquals(5, r.size());
    List<?> auth = (List<?>) ((Map<?, ?>) ((Map<?, ?>) Wire.json(r.get(3).text())).get("params")).get("args");
    assertEquals(List.of("construction17", "admin", Wire.API_KEY, Map.of()), auth);
    List<?> call = (List<?>) ((Map<?, ?>) ((Map<?, ?>) Wire.json(r.get(4).text())).get("params")).get("args");
    assertEquals(List.of("construction17", 2L, Wire.API_KEY, "res.partner", "search_read", List.of(List.of()),
        Map.of("fields", List.of("name"))), call);
  }

  @Test
  void forcedJson2On17GivesAnExplainedNotFound() {
    server.otherwise(notFound());
    OdooClient odoo = OdooClient.builder().url(server.url()).database("construction17").apiKey(Wire.API_KEY)
        .protocol(Protocol.JSON2).serverVersion(ServerVersion.of(17)).build();
    OdooNotFoundException e = assertThrows(OdooNotFoundException.class, () -> odoo.model("res.partner").count(Domain.all()));
    assertTrue(e.getMessage().contains("Odoo 19"), e.getMessage());
    assertEquals(OptionalInt.of(404), e.error().httpStatus());
  }

  private OdooClient rpc17(Protocol p) {
    return OdooClient.builder().url(server.url()).database("construction17").login("admin", "admin").uid(2).protocol(p)
        .serverVersion(ServerVersion.of(17)).retries(0).build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "odoo.exceptions.AccessDenied|Access Denied|AUTH",
      "odoo.exceptions.AccessError|Private methods (such as _compute_display_name) cannot be called remotely.|ACCESS",
      "builtins.AttributeError|The method 'wire_no_such_method' does not exist on the model 'res.partner'|NOTFOUND",
      "builtins.ValueError|Invalid field res.partner.wire_no_such_field in leaf ('wire_no_such_field', '=', 1)|BAD",
      "builtins.ValueError|Invalid field 'wire_no_such_field' on model 'res.partner'|BAD",
      "odoo.exceptions.UserError|Object wire.no.such.model doesn't exist|NOTFOUND",
      "odoo.exceptions.UserError|In order to delete a purchase order, you must cancel it first.|USER",
      "odoo.exceptions.ValidationError|You cannot create recursive Partner hierarchies.|VALIDATION",
      "odoo.exceptions.MissingError|Record does not exist or has been deleted.\\n(Record: res.partner(999999999,), User: 2)|MISSING",
      "builtins.TypeError|BaseModel.search_count() got an unexpected keyword argument 'wire_bogus_kwarg'|BAD",
      "builtins.KeyError|wire_no_such_service|SERVER",
      "odoo.exceptions.AccessError|You are not allowed to access 'Purchase Order' (purchase.order) records.\\n\\nThis operation is allowed for the following groups:\\n\\t- Purchase/User\\n\\nContact your administrator to request access if necessary.|ACCESS"})
  void jsonRpcErrorsWithCode200MapAsOn19(String name, String csvMessage, String kind) {
    String message = csvMessage.replace("\\n", "\n").replace("\\t", "\t");
    server.otherwise(jsonRpc(error17(name, message)));
    OdooException e = assertThrows(OdooException.class, () -> rpc17(Protocol.JSONRPC).model("res.partner")
        .call(Call.method("search_count").arg("domain", Domain.all())));
    assertEquals(type(kind), e.getClass(), e.toString());
    assertEquals(name, e.odooName());
    assertEquals(message, e.odooMessage());
    assertEquals(OptionalInt.of(200), e.error().faultCode());
    assertEquals(Optional.of(debug17(name, message)), e.error().debug());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "3|Access Denied|AUTH",
      "4|Private methods (such as _compute_display_name) cannot be called remotely.|ACCESS",
      "2|Object wire.no.such.model doesn't exist|NOTFOUND",
      "2|The operation cannot be completed: Contacts require a name|VALIDATION",
      "2|Record does not exist or has been deleted.\\n(Record: res.partner(999999999,), User: 2)|MISSING",
      "2|You cannot create recursive Partner hierarchies.|USER",
      "1|AttributeError: The method 'wire_no_such_method' does not exist on the model 'res.partner'|NOTFOUND",
      "1|ValueError: Invalid field res.partner.wire_no_such_field in leaf ('wire_no_such_field', '=', 1)|BAD",
      "1|ValueError: Invalid field 'wire_no_such_field' on model 'res.partner'|BAD"})
  void xmlRpcFaultsWithSingleQuotedPrologMapAsOn19(int code, String csvText, String kind) {
    String text = csvText.replace("\\n", "\n");
    String fault = code == 1 ? "Traceback (most recent call last):\n  File \"odoo/service/model.py\", line 1, in f\n    g()\n"
        + text + "\n" : text;
    server.otherwise(Stub.status(200, "text/xml; charset=utf-8", fault17(code, fault)));
    OdooException e = assertThrows(OdooException.class, () -> rpc17(Protocol.XMLRPC).model("res.partner")
        .call(Call.method("search_count").arg("domain", Domain.all())));
    assertEquals(type(kind), e.getClass(), e.toString());
    assertEquals(OptionalInt.of(code), e.error().faultCode());
    assertEquals(code == 1 ? text.substring(text.indexOf(": ") + 2) : text, e.odooMessage());
  }

  private static Class<? extends OdooException> type(String kind) {
    return switch (kind) {
      case "AUTH" -> OdooAuthenticationException.class;
      case "ACCESS" -> OdooAccessException.class;
      case "NOTFOUND" -> OdooNotFoundException.class;
      case "BAD" -> OdooBadRequestException.class;
      case "USER" -> OdooUserException.class;
      case "VALIDATION" -> OdooValidationException.class;
      case "MISSING" -> OdooMissingRecordException.class;
      default -> org.odoobuild.client.OdooServerException.class;
    };
  }

  @Test
  void xmlRpcValuesWithSingleQuotedPrologAndNoBlankLine() {
    server.otherwise(Stub.status(200, "text/xml; charset=utf-8", xml17("<params>\n<param>\n<value><array><data>\n"
        + "<value><struct>\n<member>\n<name>id</name>\n<value><int>7</int></value>\n</member>\n<member>\n<name>date_order</name>\n"
        + "<value><string>2024-07-09 10:11:12</string></value>\n</member>\n<member>\n<name>partner_id</name>\n"
        + "<value><array><data>\n<value><int>3</int></value>\n<value><string>Acme</string></value>\n</data></array></value>\n"
        + "</member>\n<member>\n<name>analytic_account_id</name>\n<value><boolean>0</boolean></value>\n</member>\n"
        + "</struct></value>\n</data></array></value>\n</param>\n</params>")));
    var rows = rpc17(Protocol.XMLRPC).model("purchase.order").searchRead(Query.all());
    assertEquals(7L, rows.get(0).id());
    assertEquals(java.time.Instant.parse("2024-07-09T10:11:12Z"), rows.get(0).getDateTime("date_order").orElseThrow());
    assertEquals("Acme", rows.get(0).getMany2one("partner_id").orElseThrow().displayName());
    assertEquals(Optional.empty(), rows.get(0).getMany2one("analytic_account_id"));
  }

  @Test
  void noneResultOn17() {
    server.then(Stub.jsonRpc(""));
    assertEquals(Optional.empty(), rpc17(Protocol.JSONRPC).model("purchase.order").call("button_cancel", 39));
    server.then(Stub.status(200, "text/xml; charset=utf-8", fault17(1, "Traceback (most recent call last):\n"
        + "  File \"/usr/lib/python3/xmlrpc/client.py\", line 540, in dump_nil\n"
        + "    raise TypeError(\"cannot marshal None unless allow_none is enabled\")\n"
        + "TypeError: cannot marshal None unless allow_none is enabled\n")));
    assertEquals(Optional.empty(), rpc17(Protocol.XMLRPC).model("purchase.order").call("button_cancel", 39));
  }

  @Test
  void firstFieldFindsTheVersionsAnalyticAccountField() {
    String fields17 = "{\"name\": {\"string\": \"Name\", \"type\": \"char\", \"required\": true, \"readonly\": false}, "
        + "\"analytic_account_id\": {\"string\": \"Analytic Account\", \"type\": \"many2one\", \"relation\": "
        + "\"account.analytic.account\", \"required\": false, \"readonly\": false}}";
    server.otherwise(jsonRpc("\"result\": " + fields17));
    OdooClient odoo17 = rpc17(Protocol.JSONRPC);
    assertEquals(Optional.of("analytic_account_id"), odoo17.model("project.project").firstField("account_id",
        "analytic_account_id"));
    assertEquals(Optional.of("analytic_account_id"), odoo17.model("project.project").firstField("account_id",
        "analytic_account_id"));
    assertEquals(1, server.requests().size(), "fields are asked once per client and model");
    assertEquals(Optional.empty(), odoo17.model("project.project").firstField("wire_nothing"));

    server.reset();
    server.otherwise(jsonRpc("\"result\": " + fields17.replace("analytic_account_id", "account_id")));
    assertEquals(Optional.of("account_id"), rpc17(Protocol.JSONRPC).model("project.project").firstField("account_id",
        "analytic_account_id"), "19 names it account_id");
  }

  /** With the version asked over XML-RPC (client forced to XML-RPC), 17's single-quoted prolog is read. */
  @Test
  void versionOverXmlRpcOf17() {
    String xml = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n"
        + "<name>server_version</name>\n<value><string>17.0-20240709</string></value>\n</member>\n<member>\n"
        + "<name>server_version_info</name>\n<value><array><data>\n<value><int>17</int></value>\n<value><int>0</int></value>\n"
        + "<value><int>0</int></value>\n<value><string>final</string></value>\n<value><int>0</int></value>\n"
        + "<value><string></string></value>\n</data></array></value>\n</member>\n</struct></value>\n</param>\n</params>\n"
        + "</methodResponse>\n";
    server.otherwise(req -> req.method().equals("GET") ? notFound() : Stub.status(200, Stub.XML, xml));
    OdooClient odoo = OdooClient.builder().url(server.url()).database("construction17").login("admin", "admin")
        .protocol(Protocol.XMLRPC).retries(0).build();
    assertEquals(new ServerVersion("17.0-20240709", 17, 0, false), odoo.version());
    assertEquals(Protocol.XMLRPC, odoo.protocol());
    assertEquals("/xmlrpc/2/common", server.requests().get(server.requests().size() - 1).path());
  }
}
