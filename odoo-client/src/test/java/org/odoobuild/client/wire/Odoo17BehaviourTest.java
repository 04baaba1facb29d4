package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.odoobuild.client.internal.JsonCodec;
import org.odoobuild.client.internal.XmlRpcCodec;

/** Odoo 17 answers, synthesized from the documented 17-vs-19 differences of the odoo-wire README. */
class Odoo17BehaviourTest {
  static final String VERSION_17 = "{\"server_version\": \"17.0-20240709\", \"server_version_info\": [17, 0, 0, \"final\", 0, \"\"], "
      + "\"server_serie\": \"17.0\", \"protocol_version\": 1}";
  static final String NOT_FOUND_HTML = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>"
      + "<h1>Not Found</h1><p>The requested URL was not found on the server.</p>" + "x".repeat(5800) + "</body></html>";
  static final String TRACEBACK_17 = "Traceback (most recent call last):\n  File \"odoo/http.py\", line 1, in dispatch\n"
      + "    raise\n";

  static Stream<Arguments> errors17() {
    return Stream.of(
        Arguments.of("builtins.AttributeError", "The method 'wire_no_such_method' does not exist on the model 'res.partner'",
            OdooNotFoundException.class),
        Arguments.of("odoo.exceptions.AccessError", "Private methods (such as _compute_display_name) cannot be called remotely.",
            OdooAccessException.class),
        Arguments.of("builtins.ValueError",
            "Invalid field res.partner.wire_no_such_field in leaf ('wire_no_such_field', '=', 1)", OdooBadRequestException.class),
        Arguments.of("builtins.ValueError", "Invalid field 'wire_no_such_field' on model 'res.partner'",
            OdooBadRequestException.class),
        Arguments.of("odoo.exceptions.UserError", "Object wire.no.such.model doesn't exist", OdooNotFoundException.class),
        Arguments.of("odoo.exceptions.AccessDenied", "Access Denied", OdooAuthenticationException.class),
        Arguments.of("odoo.exceptions.AccessError", "You are not allowed to access 'Purchase Order' (purchase.order) records."
            + "\n\nThis operation is allowed for the following groups:\n\t- Purchase/User\n\nContact your administrator to "
            + "request access if necessary.", OdooAccessException.class),
        Arguments.of("odoo.exceptions.MissingError", "Record does not exist or has been deleted.\n(Record: res.partner(999999999,), "
            + "User: 2)", OdooMissingRecordException.class),
        Arguments.of("odoo.exceptions.ValidationError", "You cannot create recursive Partner hierarchies.",
            OdooValidationException.class),
        Arguments.of("odoo.exceptions.UserError", "In order to delete a purchase order, you must cancel it first.",
            OdooUserException.class),
        Arguments.of("builtins.TypeError", "BaseModel.search_count() got an unexpected keyword argument 'wire_bogus_kwarg'",
            OdooBadRequestException.class));
  }

  /** 17: JSON-RPC error code 200 (19: 0), data keys name, debug, message, arguments, context; same exception types. */
  @ParameterizedTest
  @MethodSource("errors17")
  void jsonRpcErrorsOf17MapToTheSameTypes(String name, String message, Class<? extends OdooException> type) {
    String debug = TRACEBACK_17 + name.substring(name.lastIndexOf('.') + 1) + ": " + message + "\n";
    try (StubServer stub = new StubServer(Stubs.withAuth(req -> StubServer.Resp.of(200, Stubs.JSON,
        "{\"jsonrpc\": \"2.0\", \"id\": " + Stubs.requestId(req) + ", \"error\": {\"code\": 200, \"message\": "
            + "\"Odoo Server Error\", \"data\": {\"name\": " + JsonCodec.write(name) + ", \"debug\": " + JsonCodec.write(debug)
            + ", \"message\": " + JsonCodec.write(message) + ", \"arguments\": [" + JsonCodec.write(message)
            + "], \"context\": {}}}}")));
        OdooClient c = Stubs.builder(stub, Protocol.JSONRPC).serverVersion(ServerVersion.of(17)).build()) {
      OdooException e = assertThrows(OdooException.class, () -> c.model("res.partner").count(Domain.all()));
      assertEquals(type, e.getClass(), e.toString());
      assertEquals(name, e.odooName());
      assertEquals(message, e.odooMessage());
      assertEquals(200, e.error().faultCode().orElse(-1));
      assertEquals(Optional.of(debug), e.error().debug());
    }
  }

  /** 17 XML-RPC faults use the same codes; the prolog is single-quoted. */
  @Test
  void xmlRpcOf17WithSingleQuotedProlog() throws Exception {
    String fault1 = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
        + "<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>" + TRACEBACK_17
        + "AttributeError: The method 'wire_no_such_method' does not exist on the model 'res.partner'\n</string></value>\n"
        + "</member>\n</struct></value>\n</fault>\n</methodResponse>\n";
    String count = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><int>12</int></value>\n</param>\n"
        + "</params>\n</methodResponse>\n";
    // 17 and 19 both fail to marshal None: reuse the recorded 19 fault text with the 17 prolog
    String none = Wire.load("xmlrpc", "button-cancel-purchase-order").respBody()
        .replace("<?xml version=\"1.0\"?>", "<?xml version='1.0'?>");
    assertTrue(none.startsWith("<?xml version='1.0'?>"));
    try (StubServer stub = new StubServer(Stubs.withAuth(req -> {
      String method = XmlRpcCodec.parseCall(req.body()).params().get(4).toString();
      return StubServer.Resp.of(200, Stubs.XML, switch (method) {
        case "search_count" -> count;
        case "button_cancel" -> none;
        default -> fault1;
      });
    })); OdooClient c = Stubs.builder(stub, Protocol.XMLRPC).serverVersion(ServerVersion.of(17)).build()) {
      assertEquals(12, c.model("res.partner").count(Domain.all()));
      assertEquals(Optional.empty(), c.model("purchase.order").call(Call.method("button_cancel").ids(7)));
      OdooException e = assertThrows(OdooNotFoundException.class,
          () -> c.model("res.partner").call(Call.method("wire_no_such_method").ids(7)));
      assertEquals("builtins.AttributeError", e.odooName());
      assertEquals("The method 'wire_no_such_method' does not exist on the model 'res.partner'", e.odooMessage());
      assertEquals(1, e.error().faultCode().orElse(-1));
    }
  }

  /** 17 has no /web/version nor /json/version (404 HTML): the client asks common.version and AUTO picks JSON-RPC. */
  @Test
  void versionDetectionFallsBackToCommonVersionAndAutoPicksJsonRpc() {
    try (StubServer stub = new StubServer(Stubs.withAuth(req -> {
      if (req.method().equals("GET")) {
        return StubServer.Resp.of(404, "text/html;charset=utf-8", NOT_FOUND_HTML);
      }
      Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) Wire.json(req.text())).get("params");
      if ("version".equals(params.get("method"))) {
        return Stubs.jsonRpcResult(req, VERSION_17);
      }
      // 17's None answer: no result key at all
      return StubServer.Resp.of(200, Stubs.JSON, "{\"jsonrpc\": \"2.0\", \"id\": " + Stubs.requestId(req) + "}");
    })); OdooClient c = OdooClient.builder().url(stub.url()).database("construction17").apiKey("wire-test-key-0123456789")
        .login("admin").retries(0).build()) {
      ServerVersion v = c.version();
      assertEquals(17, v.major());
      assertEquals("17.0-20240709", v.version());
      assertEquals(false, v.supportsJson2());
      assertEquals(Protocol.JSONRPC, c.protocol(), "no JSON-2 before 19, even with an API key");
      assertEquals(Optional.empty(), c.model("purchase.order").call(Call.method("button_cancel").ids(1)));
      List<String> paths = stub.captured().stream().map(r -> r.method() + " " + r.path()).toList();
      assertEquals("GET /web/version", paths.get(0));
      assertTrue(paths.contains("POST /jsonrpc"), paths.toString());
      assertTrue(paths.stream().noneMatch(p -> p.contains("/json/2/")), paths.toString());
    }
  }

  /** With the version answered by XML-RPC (client forced to XML-RPC), 17's single-quoted prolog is read. */
  @Test
  void versionOverXmlRpcOf17() {
    String xml = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n"
        + "<name>server_version</name>\n<value><string>17.0-20240709</string></value>\n</member>\n<member>\n"
        + "<name>server_version_info</name>\n<value><array><data>\n<value><int>17</int></value>\n<value><int>0</int></value>\n"
        + "<value><int>0</int></value>\n<value><string>final</string></value>\n<value><int>0</int></value>\n"
        + "<value><string></string></value>\n</data></array></value>\n</member>\n</struct></value>\n</param>\n</params>\n"
        + "</methodResponse>\n";
    try (StubServer stub = new StubServer(req -> req.method().equals("GET")
        ? StubServer.Resp.of(404, "text/html;charset=utf-8", NOT_FOUND_HTML) : StubServer.Resp.of(200, Stubs.XML, xml));
        OdooClient c = OdooClient.builder().url(stub.url()).database("construction17").login("admin", "admin")
            .protocol(Protocol.XMLRPC).retries(0).build()) {
      assertEquals(new ServerVersion("17.0-20240709", 17, 0, false), c.version());
      assertEquals(Protocol.XMLRPC, c.protocol());
    }
  }

  /** A 17 JSON-2 probe (404 HTML) is a NotFound, not a crash. */
  @Test
  void json2ProbeOn17IsNotFound() {
    try (StubServer stub = new StubServer(req -> StubServer.Resp.of(404, "text/html;charset=utf-8", NOT_FOUND_HTML));
        OdooClient c = Stubs.builder(stub, Protocol.JSON2).build()) {
      OdooException e = assertThrows(OdooException.class,
          () -> c.model("res.partner").searchRead(Query.all().limit(1)));
      assertTrue(e instanceof OdooNotFoundException || e instanceof org.odoobuild.client.OdooTransportException, e.toString());
      assertEquals(404, e.error().httpStatus().orElse(-1));
    }
  }
}
