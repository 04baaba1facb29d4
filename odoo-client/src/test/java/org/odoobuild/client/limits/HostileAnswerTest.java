package org.odoobuild.client.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odoobuild.client.Call;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.stub.OdooStub;

/** Answers built to break a decoder get a typed error, with bounded stack: never a StackOverflowError. */
class HostileAnswerTest {
  @RegisterExtension
  final OdooStub stub = new OdooStub();

  private OdooTransportException malformed(Protocol p) {
    try (OdooClient odoo = stub.client(p).build()) {
      OdooException e = assertThrows(OdooException.class,
          () -> odoo.model("res.partner").call(Call.method("read").ids(1)));
      OdooTransportException te = assertInstanceOf(OdooTransportException.class, e, e.toString());
      assertEquals(Reason.MALFORMED_RESPONSE, te.reason(), te.getMessage());
      return te;
    } finally {
      assertEquals(1, stub.sends(), "a malformed answer is not retried");
      stub.server().resetRequests();
    }
  }

  @Test
  void xmlRpcNestedFiftyThousandLevelsDeep() {
    int depth = 50_000;
    String xml = "<array><data><value>".repeat(depth) + "<int>1</int>" + "</value></data></array>".repeat(depth);
    stub.always(Protocol.XMLRPC, OdooStub.ok(Protocol.XMLRPC, "", xml));
    assertTrue(malformed(Protocol.XMLRPC).getMessage().contains("nested deeper than"));
  }

  @Test
  void xmlRpcStructsNestedDeep() {
    int depth = 20_000;
    String xml = "<struct><member><name>a</name><value>".repeat(depth) + "<int>1</int>"
        + "</value></member></struct>".repeat(depth);
    stub.always(Protocol.XMLRPC, OdooStub.ok(Protocol.XMLRPC, "", xml));
    assertTrue(malformed(Protocol.XMLRPC).getMessage().contains("nested deeper than"));
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC"})
  void jsonNestedFiveThousandLevelsDeep(Protocol p) {
    stub.always(p, OdooStub.ok(p, "[".repeat(5000) + "]".repeat(5000), ""));
    malformed(p);
    stub.server().resetAll();
    stub.always(p, OdooStub.ok(p, "{\"a\": ".repeat(5000) + "1" + "}".repeat(5000), ""));
    malformed(p);
  }

  @Test
  void moderatelyNestedValuesStillDecode() {
    String json = "[".repeat(100) + "7" + "]".repeat(100);
    String xml = "<array><data><value>".repeat(100) + "<int>7</int>" + "</value></data></array>".repeat(100);
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      stub.server().resetAll();
      stub.always(p, OdooStub.ok(p, json, xml));
      try (OdooClient odoo = stub.client(p).build()) {
        Object v = odoo.model("res.partner").call(Call.method("read").ids(1)).orElseThrow();
        for (int i = 0; i < 100; i++) {
          v = ((List<?>) v).get(0);
        }
        assertEquals(7L, v, p.toString());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"<i4>2147483648</i4>", "<int>-2147483649</int>", "<int>99999999999</int>",
      "<i4>99999999999999999999</i4>"})
  void xmlRpcIntegersOutsideTheir32BitRange(String value) {
    stub.always(Protocol.XMLRPC, OdooStub.ok(Protocol.XMLRPC, "", value));
    assertTrue(malformed(Protocol.XMLRPC).getMessage().contains("<i"), value);
  }

  @Test
  void xmlRpcI8CarriesSixtyFourBits() {
    stub.always(Protocol.XMLRPC, OdooStub.ok(Protocol.XMLRPC, "", "<i8>4294967296</i8>"));
    try (OdooClient odoo = stub.client(Protocol.XMLRPC).build()) {
      assertEquals(4294967296L, odoo.model("res.partner").call(Call.method("read").ids(1)).orElseThrow());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "nan", "Infinity", "-Infinity", "inf", "1e400", "-1e999", "0x1p3", "1.5d", "1.5f", ""})
  void xmlRpcDoublesThatAreNotFiniteNumbers(String text) {
    stub.always(Protocol.XMLRPC, OdooStub.ok(Protocol.XMLRPC, "", "<double>" + text + "</double>"));
    assertTrue(malformed(Protocol.XMLRPC).getMessage().contains("<double>"), text);
  }

  @Test
  void xmlRpcDoublesInPythonReprStillDecode() {
    for (String text : List.of("1e-05", "1.5e+16", "-0.0", "100.0", "12853.56", ".5", "5.")) {
      stub.server().resetAll();
      stub.always(Protocol.XMLRPC, OdooStub.ok(Protocol.XMLRPC, "", "<double>" + text + "</double>"));
      try (OdooClient odoo = stub.client(Protocol.XMLRPC).build()) {
        assertEquals(Double.parseDouble(text), odoo.model("res.partner").call(Call.method("read").ids(1)).orElseThrow());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400", "[1e400]", "{\"amount\": -1e999}", "99999999999999999999"})
  void jsonNumbersThatAreNotFinite(String json) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC)) {
      stub.server().resetAll();
      stub.always(p, OdooStub.ok(p, json, ""));
      malformed(p);
    }
  }
}
