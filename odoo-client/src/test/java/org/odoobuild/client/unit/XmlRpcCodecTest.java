package org.odoobuild.client.unit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Command;
import org.odoobuild.client.Domain;
import org.odoobuild.client.internal.XmlRpcCodec;

/** XML-RPC round trips, escaping, unicode and the Python layout. */
class XmlRpcCodecTest {

  private static XmlRpcCodec.MethodCall roundTrip(String method, List<?> params) throws Exception {
    return XmlRpcCodec.parseCall(XmlRpcCodec.writeCall(method, params).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsEveryType() throws Exception {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("name", "A & B <Co> \"quoted\" 'single' ]]>");
    struct.put("unicode", "Zoë · 東京 · Ωmega · 🚧 crane");
    struct.put("empty", "");
    struct.put("spaces", "  leading and trailing  \n\ttabbed");
    struct.put("control", "line1\r\nline2");
    struct.put("int", 2147483648L);
    struct.put("neg", -5);
    struct.put("float", 125000.5);
    struct.put("bool", true);
    struct.put("nil", null);
    struct.put("list", List.of(1L, "x", false, List.of()));
    struct.put("map", Map.of());
    struct.put("bytes", new byte[] {0, 1, 2, (byte) 255});
    XmlRpcCodec.MethodCall c = roundTrip("execute_kw", List.of("construction", 2, struct));
    assertEquals("execute_kw", c.methodName());
    Map<?, ?> back = (Map<?, ?>) c.params().get(2);
    for (String k : List.of("name", "unicode", "empty", "spaces", "int", "float", "bool", "list", "map")) {
      Object want = struct.get(k);
      assertEquals(want instanceof Integer i ? (Object) i.longValue() : want, back.get(k), k);
    }
    assertEquals("line1\nline2", back.get("control"), "XML normalizes CR LF to LF");
    assertEquals(-5L, back.get("neg"));
    assertEquals(null, back.get("nil"));
    assertTrue(back.containsKey("nil"));
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, (byte[]) back.get("bytes"));
  }

  @Test
  void writesPythonsLayout() {
    String xml = XmlRpcCodec.writeCall("execute_kw", List.of("db", 2, List.of(Domain.where("a", "=", true)),
        Map.of("k", 1.5)));
    assertEquals("<?xml version='1.0'?>\n<methodCall>\n<methodName>execute_kw</methodName>\n<params>\n"
        + "<param>\n<value><string>db</string></value>\n</param>\n"
        + "<param>\n<value><int>2</int></value>\n</param>\n"
        + "<param>\n<value><array><data>\n<value><array><data>\n<value><array><data>\n<value><string>a</string></value>\n"
        + "<value><string>=</string></value>\n<value><boolean>1</boolean></value>\n</data></array></value>\n"
        + "</data></array></value>\n</data></array></value>\n</param>\n"
        + "<param>\n<value><struct>\n<member>\n<name>k</name>\n<value><double>1.5</double></value>\n</member>\n"
        + "</struct></value>\n</param>\n</params>\n</methodCall>\n", xml);
    assertTrue(XmlRpcCodec.writeCall("m", List.of("a&b<c>")).contains("<string>a&amp;b&lt;c&gt;</string>"));
  }

  @Test
  void sdkValuesAreConvertedWhenWritten() throws Exception {
    XmlRpcCodec.MethodCall c = roundTrip("m", List.of(List.of(Command.create(Map.of("d", LocalDate.of(2024, 3, 15))))));
    assertEquals(List.of(List.of(List.of(0L, 0L, Map.of("d", "2024-03-15")))), c.params());
    assertThrows(IllegalArgumentException.class, () -> XmlRpcCodec.writeCall("m", List.of(Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> XmlRpcCodec.writeCall("m", List.of(new Object())));
  }

  @Test
  void parsesResponsesOf17And19() throws Exception {
    String v19 = "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value><string>Zoë &amp; 東京</string></value>\n"
        + "</param>\n</params>\n\n</methodResponse>\n";
    String v17 = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value>untyped</value>\n</param>\n</params>\n"
        + "</methodResponse>\n";
    assertEquals("Zoë & 東京", XmlRpcCodec.parseResponse(v19).value());
    assertEquals("untyped", XmlRpcCodec.parseResponse(v17).value());
    XmlRpcCodec.Response f = XmlRpcCodec.parseResponse("<?xml version='1.0'?><methodResponse><fault><value><struct>"
        + "<member><name>faultCode</name><value><int>2</int></value></member><member><name>faultString</name>"
        + "<value><string>nope</string></value></member></struct></value></fault></methodResponse>");
    assertTrue(f.fault());
    assertEquals(2, f.faultCode());
    assertEquals("nope", f.faultString());
    assertEquals(List.of(1L, 2L), XmlRpcCodec.parseResponse("<methodResponse><params><param><value><array><data>"
        + "<value><i4>1</i4></value><value><i8>2</i8></value></data></array></value></param></params></methodResponse>").value());
  }

  @Test
  void refusesDtdsAndEntities() {
    for (String body : List.of(
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><methodResponse><params><param>"
            + "<value><string>&e;</string></value></param></params></methodResponse>",
        "<?xml version=\"1.0\"?><!DOCTYPE methodResponse><methodResponse><params><param><value><int>1</int></value>"
            + "</param></params></methodResponse>",
        "<methodResponse><params><param><value><string>&undeclared;</string></value></param></params></methodResponse>")) {
      XmlRpcCodec.XmlRpcFormatException e = assertThrows(XmlRpcCodec.XmlRpcFormatException.class,
          () -> XmlRpcCodec.parseResponse(body));
      assertTrue(!e.getMessage().contains("root:"), e.getMessage());
    }
  }

  @Test
  void largeArraysRoundTrip() throws Exception {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(Map.of("id", (long) i, "name", "row " + i));
    }
    XmlRpcCodec.MethodCall c = roundTrip("m", List.of(rows));
    assertEquals(rows, c.params().get(0));
    assertEquals(Arrays.asList((Object) null), roundTrip("m", Arrays.asList((Object) null)).params());
  }
}
