package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

    private static XmlRpc.Call call(String params) throws Exception {
        return XmlRpc.parseCall(("<?xml version='1.0'?>\n<methodCall>\n<methodName>m</methodName>\n<params>\n" + params
                + "</params>\n</methodCall>\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String param(String v) {
        return "<param>\n<value>" + v + "</value>\n</param>\n";
    }

    @Test
    void parsesEveryXmlRpcType() throws Exception {
        XmlRpc.Call c = call(param("<int>7</int>") + param("<i4>-3</i4>") + param("<double>2.5</double>") + param("<string>a&amp;b</string>")
                + param("<boolean>1</boolean>") + param("<nil/>") + param("<base64>aGVs\nbG8=</base64>") + param("bare text")
                + param("") + param("<array><data>\n<value><int>1</int></value>\n<value>x</value>\n</data></array>")
                + param("<struct>\n<member>\n<name>k</name>\n<value><boolean>0</boolean></value>\n</member>\n</struct>"));
        assertEquals("m", c.method());
        assertEquals(List.of(7, -3, 2.5, "a&b", true, Py.NONE, "aGVsbG8=", "bare text", "", List.of(1, "x"), Map.of("k", false)),
                c.params());
    }

    @Test
    void rejectsDtdsAndMalformedDocuments() {
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<methodCall><methodName>&x;</methodName></methodCall>";
        assertThrows(XmlRpc.ParseError.class, () -> XmlRpc.parseCall(xxe.getBytes(StandardCharsets.UTF_8)));
        XmlRpc.ParseError e = assertThrows(XmlRpc.ParseError.class, () -> XmlRpc.parseCall(
                "<?xml version=\"1.0\"?><methodCall><methodName>execute_kw".getBytes(StandardCharsets.UTF_8)));
        assertEquals("no element found: line 1, column 55", e.getMessage());
        assertThrows(XmlRpc.ParseError.class, () -> call(param("<boolean>2</boolean>")));
        assertThrows(XmlRpc.ParseError.class, () -> call(param("<bogus>1</bogus>")));
    }

    @Test
    void writesOdoo19Layout() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, 2.0));
        m.put("b", "<x>");
        assertEquals("<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value><struct>\n<member>\n<name>a</name>\n"
                + "<value><array><data>\n<value><int>1</int></value>\n<value><double>2.0</double></value>\n</data></array></value>\n"
                + "</member>\n<member>\n<name>b</name>\n<value><string>&lt;x&gt;</string></value>\n</member>\n</struct></value>\n"
                + "</param>\n</params>\n\n</methodResponse>\n", XmlRpc.response(19, m));
        assertTrue(XmlRpc.fault(17, 2, "x").startsWith("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n"));
    }

    @Test
    void pythonFloatReprAndJsonDumps() throws Exception {
        assertEquals("100.0", Py.floatRepr(100));
        assertEquals("12345678.9", Py.floatRepr(12345678.9));
        assertEquals("1e+16", Py.floatRepr(1e16));
        assertEquals("1.5e-05", Py.floatRepr(1.5e-5));
        assertEquals("0.0001", Py.floatRepr(1e-4));
        assertEquals("-74.0059728", Py.floatRepr(-74.0059728));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", List.of(1, 2.5, true, Py.NONE, "é\"\n"));
        assertEquals("{\"k\": [1, 2.5, true, null, \"\\u00e9\\\"\\n\"]}", Json.write(m));
        assertEquals(m.toString(), Json.parse(Json.write(m)).toString());
        Json.ParseError e = assertThrows(Json.ParseError.class, () -> Json.parse("{\"domain\": ["));
        assertEquals("Expecting value: line 1 column 13 (char 12)", e.getMessage());
    }
}
