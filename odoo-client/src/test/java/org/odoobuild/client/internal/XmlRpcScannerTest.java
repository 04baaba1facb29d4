package org.odoobuild.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.internal.XmlRpcCodec.MethodCall;
import org.odoobuild.client.internal.XmlRpcCodec.Response;
import org.odoobuild.client.internal.XmlRpcCodec.XmlRpcFormatException;
import org.odoobuild.testkit.WireRecordings;

/**
 * {@link XmlRpcScanner} against the JDK's StAX reader: the codec makes the same values of every
 * recorded XML-RPC exchange and of hand-written edge cases with either, read whole or a byte at a
 * time; hostile input gets the codec's typed error.
 */
class XmlRpcScannerTest {
  private static final String HEAD = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n";
  private static final String TAIL = "</param>\n</params>\n</methodResponse>\n";

  private static String answer(String value) {
    return HEAD + value + "\n" + TAIL;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Arrays as lists, so that values compare by content. */
  private static Object comparable(Object v) {
    if (v instanceof byte[] b) {
      List<Byte> l = new ArrayList<>();
      for (byte x : b) {
        l.add(x);
      }
      return List.of("bytes", l);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(XmlRpcScannerTest::comparable).toList();
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, comparable(x)));
      return List.of("map", out, List.copyOf(m.keySet()));
    }
    return v == null ? "<null>" : List.of(v.getClass().getSimpleName(), v);
  }

  private static Object outcome(Response r) {
    return List.of(comparable(r.value()), r.fault(), r.faultCode(), r.faultString());
  }

  /** A stream that hands out one byte per read, so that every token crosses a buffer refill. */
  private static InputStream trickle(byte[] b) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] out, int off, int len) {
        return super.read(out, off, Math.min(len, 1));
      }
    };
  }

  /** Parses with the scanner (whole, streamed, trickled) and with StAX: same value, or all refuse. */
  private static Object sameAsStax(byte[] body) throws Exception {
    Object stax;
    try {
      stax = outcome(XmlRpcCodec.parseResponse(StaxPull.of(body)));
    } catch (XmlRpcFormatException e) {
      stax = XmlRpcFormatException.class;
    }
    Object whole;
    Object streamed;
    Object trickled;
    try {
      whole = outcome(XmlRpcCodec.parseResponse(body));
    } catch (XmlRpcFormatException e) {
      whole = XmlRpcFormatException.class;
    }
    try {
      streamed = outcome(XmlRpcCodec.parseResponse(new ByteArrayInputStream(body)));
    } catch (XmlRpcFormatException e) {
      streamed = XmlRpcFormatException.class;
    }
    try {
      trickled = outcome(XmlRpcCodec.parseResponse(trickle(body)));
    } catch (XmlRpcFormatException e) {
      trickled = XmlRpcFormatException.class;
    }
    String what = new String(body, StandardCharsets.UTF_8);
    String shown = what.length() > 300 ? what.substring(0, 300) + "…" : what;
    assertEquals(stax, whole, shown);
    assertEquals(stax, streamed, shown);
    assertEquals(stax, trickled, shown);
    return stax;
  }

  @Test
  void everyRecordedXmlRpcExchangeParsesAsWithStax() throws Exception {
    int answers = 0;
    int calls = 0;
    int valuesCompared = 0;
    for (WireRecordings.Recording rec : WireRecordings.all()) {
      if (!rec.protocol().equals("xmlrpc")) {
        continue;
      }
      byte[] response = utf8(rec.response().body());
      if (rec.response().contentType().contains("xml")) {
        answers++;
        if (sameAsStax(response) != XmlRpcFormatException.class) {
          valuesCompared++;
        }
      }
      byte[] request = utf8(rec.request().body());
      Object stax;
      Object mine;
      try {
        MethodCall c = XmlRpcCodec.parseCall(StaxPull.of(request));
        stax = List.of(c.methodName(), comparable(c.params()));
      } catch (XmlRpcFormatException e) {
        stax = XmlRpcFormatException.class;
      }
      try {
        MethodCall c = XmlRpcCodec.parseCall(request);
        mine = List.of(c.methodName(), comparable(c.params()));
      } catch (XmlRpcFormatException e) {
        mine = XmlRpcFormatException.class;
      }
      assertEquals(stax, mine, rec.key());
      calls++;
    }
    assertTrue(answers >= 50, "recorded XML-RPC answers: " + answers);
    assertTrue(valuesCompared >= 50, "answers parsed to a value: " + valuesCompared);
    System.out.println("[xml scanner] recorded XML-RPC answers compared with StAX: " + answers + " (" + valuesCompared
        + " values), requests: " + calls);
  }

  @Test
  void edgeCasesParseAsWithStax() throws Exception {
    List<String> values = List.of(
        "<value><string>a &lt; b &gt; c &amp; d &quot;e&quot; &apos;f&apos;</string></value>",
        "<value><string>&#65;&#x42;&#x1F600;&#128512;&#xe9;&#233;&#13;&#10;&#9;</string></value>",
        "<value><string>é東京😀 ünïcödé</string></value>",
        "<value><string><![CDATA[<raw> & ]] > text]]></string></value>",
        "<value><string>before<![CDATA[ in <b> ]]>after &amp; more<![CDATA[]]></string></value>",
        "<value><string>a<!-- a comment -->b<?pi data?>c</string></value>",
        "<value><!-- c --><string>x</string><!-- d --></value>",
        "<value>  <string>spaced</string>  </value>",
        "<value>\r\n<string>line\r\nends\rhere\n</string>\r\n</value>",
        "<value><string></string></value>",
        "<value><string/></value>",
        "<value></value>",
        "<value/>",
        "<value>untyped &amp; text</value>",
        "<value><nil/></value>",
        "<value><nil /></value>",
        "<value><boolean>1</boolean></value>",
        "<value><int> 42 </int></value>",
        "<value><i8>-9223372036854775808</i8></value>",
        "<value><double>-1.5e10</double></value>",
        "<value><dateTime.iso8601>20240315T10:00:00</dateTime.iso8601></value>",
        "<value><base64>\naGVsbG8g\nd29ybGQ=\n</base64></value>",
        "<value><array><data/></array></value>",
        "<value><array><data></data></array></value>",
        "<value><struct/></value>",
        "<value><struct></struct></value>",
        "<value><array><data>\n<value><array><data><value><struct><member><name>k</name><value><array><data>"
            + "<value><i4>1</i4></value><value>s</value></data></array></value></member></struct></value></data>"
            + "</array></value>\n</data></array></value>",
        "<value><struct>\n<member>\n<name>a &amp; b</name>\n<value><string>1</string></value>\n</member>\n"
            + "<member><name>a &amp; b</name><value><int>2</int></value></member></struct></value>",
        "<value attr=\"x > y\" other='a &gt; &quot;b&quot;'><string id=\"1\">attributes</string></value>",
        "<value\n><string\t>spaces in tags</string\n></value   >",
        "<value><string>]] > ]</string></value>",
        "<value><string>" + "long text ".repeat(5000) + "</string></value>",
        "<value><string>" + "é".repeat(10000) + "😀".repeat(3000) + "</string></value>");
    for (String v : values) {
      Object parsed = sameAsStax(utf8(answer(v)));
      assertTrue(parsed != XmlRpcFormatException.class, v);
    }
    // the whole document around the value
    for (String doc : List.of(
        "<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>",
        "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value><int>1</int></value>"
            + "</param></params></methodResponse>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?>\n<!-- head -->\n<?app some data?>\n"
            + "<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse>\n"
            + "<!-- tail -->\n<?tail?>\n\n",
        "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n"
            + "<value><int>1</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>Traceback"
            + " &lt;odoo&gt; &amp;\n  line</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n")) {
      Object parsed = sameAsStax(utf8(doc));
      assertTrue(parsed != XmlRpcFormatException.class, doc);
    }
    Response r = XmlRpcCodec.parseResponse(utf8(answer(values.get(1))));
    assertEquals("AB\uD83D\uDE00\uD83D\uDE00éé\r\n\t", r.value());
    assertEquals("before in <b> after & more", XmlRpcCodec.parseResponse(utf8(answer(values.get(4)))).value());
    assertEquals("line\nends\nhere\n", XmlRpcCodec.parseResponse(utf8(answer(values.get(8)))).value());
    assertEquals("", XmlRpcCodec.parseResponse(utf8(answer("<value/>"))).value());
    assertArrayEquals(utf8("hello world"), (byte[]) XmlRpcCodec.parseResponse(utf8(answer(values.get(21)))).value());
  }

  private static XmlRpcFormatException refused(byte[] body) {
    XmlRpcFormatException e = assertThrows(XmlRpcFormatException.class, () -> XmlRpcCodec.parseResponse(body));
    assertThrows(XmlRpcFormatException.class, () -> XmlRpcCodec.parseResponse(trickle(body)));
    return e;
  }

  private static XmlRpcFormatException refused(String body) {
    return refused(utf8(body));
  }

  @Test
  void hostileInputIsRefusedWithTheTypedError() {
    String laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n"
        + answer("<value><string>&d;</string></value>").substring(HEAD.indexOf('\n') + 1);
    List<String> bodies = List.of(
        laughs,
        "<!DOCTYPE methodResponse SYSTEM \"file:///etc/passwd\">" + answer("<value><int>1</int></value>"),
        answer("<value><string>&undefined;</string></value>"),
        answer("<value><string>&#0;</string></value>"),
        answer("<value><string>&#xD800;</string></value>"),
        answer("<value><string>&#x110000;</string></value>"),
        answer("<value><string>&#99999999999999999999;</string></value>"),
        answer("<value><string>&#;</string></value>"),
        answer("<value><string>&amp</string></value>"),
        answer("<value><string>a < b</string></value>"),
        answer("<value><string>a ]]> b</string></value>"),
        answer("<value><string>bell \u0007</string></value>"),
        answer("<value><string>x</int></value>"),
        answer("<value><string>x</strin></value>"),
        answer("<value><string>x</stringy></value>"),
        answer("<value><string>x</value>"),
        answer("<value><string attr=\"unclosed>x</string></value>"),
        answer("<value><string attr=novalue>x</string></value>"),
        answer("<value><string attr=\"a<b\">x</string></value>"),
        answer("<value><string attr=\"&undefined;\">x</string></value>"),
        answer("<value><string>a<!-- a -- b -->c</string></value>"),
        answer("<value><string><![CDATA[never closed</string></value>"),
        answer("<value><string><!DOCTYPE x></string></value>"),
        answer("<value><é>x</é></value>"),
        HEAD + "<value><int>1</int></value>\n</param>\n</params>\n",
        HEAD + "<value><int>1</int></value>\n</param>\n</params>\n</methodResponse",
        HEAD + "<value><string>trunc",
        HEAD + "<value><string>trunc &am",
        HEAD,
        "",
        "   ",
        answer("<value><int>1</int></value>") + "trailing text",
        answer("<value><int>1</int></value>") + "<methodResponse/>",
        answer("<value><int>1</int></value>") + "<![CDATA[x]]>",
        answer("<value><int>1</int></value>") + "<!DOCTYPE x>",
        "text first" + answer("<value><int>1</int></value>"),
        " <?xml version='1.0'?>" + answer("<value><int>1</int></value>").substring(HEAD.indexOf('\n')),
        "<?xml version='2.0'?>" + answer("<value><int>1</int></value>").substring(HEAD.indexOf('\n')),
        "<?xml encoding='UTF-8'?>" + answer("<value><int>1</int></value>").substring(HEAD.indexOf('\n')),
        answer("<value><?xml version='1.0'?><int>1</int></value>"),
        "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>1</int></value></member>"
            + "</struct></value><value/></fault></methodResponse>");
    for (String body : bodies) {
      XmlRpcFormatException e = refused(body);
      assertTrue(e.getMessage().startsWith("not well-formed XML-RPC") || e.getMessage().contains("XML-RPC")
          || e.getMessage().contains("<"), body + " → " + e.getMessage());
    }
    // the refusals StAX makes too (the scanner is no laxer on what both read)
    for (String body : bodies) {
      assertThrows(XmlRpcFormatException.class, () -> XmlRpcCodec.parseResponse(StaxPull.of(utf8(body))), body);
    }
    // another declared encoding (StAX would read these)
    for (String encoding : List.of("ISO-8859-1", "UTF-16", "windows-1252", "US-ASCII")) {
      String body = "<?xml version='1.0' encoding='" + encoding + "'?>"
          + answer("<value><int>1</int></value>").substring(HEAD.indexOf('\n'));
      assertTrue(refused(body).getMessage().contains("only UTF-8"), encoding);
    }
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] head = utf8(HEAD + "<value><string>");
    byte[] tail = utf8("</string></value>\n" + TAIL);
    List<int[]> sequences = List.of(
        new int[] {0x80}, // a lone continuation byte
        new int[] {0xc0, 0x80}, // overlong NUL
        new int[] {0xc1, 0xbf}, // overlong
        new int[] {0xe0, 0x80, 0x80}, // overlong 3-byte
        new int[] {0xed, 0xa0, 0x80}, // an encoded surrogate
        new int[] {0xf0, 0x80, 0x80, 0x80}, // overlong 4-byte
        new int[] {0xf4, 0x90, 0x80, 0x80}, // past U+10FFFF
        new int[] {0xf5, 0x80, 0x80, 0x80},
        new int[] {0xff},
        new int[] {0xe2, 0x82}, // truncated before '<'
        new int[] {0xc3, 0x28}, // a continuation that is not one
        new int[] {0xef, 0xbf, 0xbe}); // U+FFFE, not an XML character
    for (int[] seq : sequences) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(head);
      for (int x : seq) {
        b.write(x);
      }
      b.writeBytes(tail);
      XmlRpcFormatException e = refused(b.toByteArray());
      assertTrue(e.getMessage().contains("UTF-8") || e.getMessage().contains("character"), Arrays.toString(seq));
    }
    // and a truncated sequence at the very end of the input
    byte[] cut = Arrays.copyOf(head, head.length + 1);
    cut[head.length] = (byte) 0xe2;
    refused(cut);
    // UTF-16 with its byte order mark
    refused(answer("<value><int>1</int></value>").getBytes(StandardCharsets.UTF_16));
  }

  @Test
  void deepNestingIsRefusedByTheDepthLimitWithBoundedStack() {
    int depth = 200_000;
    String array = answer("<value><array><data>".repeat(depth) + "<value><int>1</int></value>"
        + "</data></array></value>".repeat(depth));
    assertTrue(refused(array).getMessage().contains("nested deeper than " + XmlRpcCodec.MAX_DEPTH));
    String struct = answer("<value><struct><member><name>a</name>".repeat(depth) + "<value><int>1</int></value>"
        + "</member></struct></value>".repeat(depth));
    assertTrue(refused(struct).getMessage().contains("nested deeper than"));
    // elements the codec does not know stop at the first one, however deep they go
    assertTrue(refused(answer("<value>" + "<x>".repeat(depth))).getMessage().contains("unknown XML-RPC type"));
    // the deepest accepted nesting still parses as with StAX
    String deepest = answer("<value><array><data>".repeat(XmlRpcCodec.MAX_DEPTH) + "<value><int>1</int></value>"
        + "</data></array></value>".repeat(XmlRpcCodec.MAX_DEPTH));
    try {
      assertTrue(sameAsStax(utf8(deepest)) != XmlRpcFormatException.class);
    } catch (Exception e) {
      fail(e);
    }
  }

  @Test
  void aFailingStreamIsTheTypedErrorWithItsCause() {
    byte[] body = utf8(answer("<value><string>" + "x".repeat(20_000) + "</string></value>"));
    InputStream broken = new InputStream() {
      private int left = 10_000;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new IOException("connection reset");
        }
        return body[10_000 - left - 1];
      }
    };
    XmlRpcFormatException e = assertThrows(XmlRpcFormatException.class, () -> XmlRpcCodec.parseResponse(broken));
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void messagesNeverQuoteTheInput() {
    String secret = "s3cr3t-api-key-0123456789";
    for (String body : List.of(
        answer("<value><string>" + secret + " &" + secret + ";</string></value>"),
        answer("<value><string>" + secret + "</" + secret + "></value>"),
        "<!DOCTYPE " + secret + ">" + answer("<value><int>1</int></value>"),
        answer("<value><string>" + secret + "</string></value>") + secret,
        answer("<value><string a='" + secret + "' " + secret + ">x</string></value>"),
        "<?xml version='1.0' encoding='" + secret + "'?><methodResponse/>")) {
      XmlRpcFormatException e = refused(body);
      assertFalse(e.getMessage().contains(secret), e.getMessage());
    }
  }
}
