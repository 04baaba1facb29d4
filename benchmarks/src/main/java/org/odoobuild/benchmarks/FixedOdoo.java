package org.odoobuild.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.Protocol;

/**
 * Fixed-answer Odoo servers for one protocol: every request gets the same result, encoded once
 * as that protocol does (a bare JSON-2 body, a JSON-RPC envelope echoing the request's id, an
 * XML-RPC {@code methodResponse}). The server's work per request is then the same whoever the
 * client is, so the difference between two clients is the clients' own.
 */
public final class FixedOdoo {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] ENVELOPE_HEAD = "{\"jsonrpc\": \"2.0\", \"id\": ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RESULT = ", \"result\": ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "}".getBytes(StandardCharsets.UTF_8);

  private FixedOdoo() {}

  /** A server answering {@code result} (a JSON text) to every request of protocol {@code p}. */
  static LoopbackServer start(Protocol p, byte[] jsonResult) throws IOException {
    return switch (p) {
      case JSON2 -> {
        LoopbackServer.Answer a = LoopbackServer.Answer.json(jsonResult);
        yield LoopbackServer.start((path, body, n) -> a);
      }
      case JSONRPC -> LoopbackServer.start((path, body, n) ->
          LoopbackServer.Answer.json(ENVELOPE_HEAD, requestId(body, n), RESULT, jsonResult, END));
      case XMLRPC -> {
        LoopbackServer.Answer a = LoopbackServer.Answer.xml(xmlResponse(MAPPER.readValue(jsonResult, Object.class)));
        yield LoopbackServer.start((path, body, n) -> a);
      }
      default -> throw new IllegalArgumentException(p.toString());
    };
  }

  /** A server answering the recorded XML-RPC bytes as they are. */
  static LoopbackServer startXml(byte[] xml) throws IOException {
    LoopbackServer.Answer a = LoopbackServer.Answer.xml(xml);
    return LoopbackServer.start((path, body, n) -> a);
  }

  /** The digits of the request's {@code "id"} (the last member of every envelope sent here). */
  private static byte[] requestId(byte[] body, int n) throws IOException {
    int end = n - 1;
    while (end >= 0 && (body[end] < '0' || body[end] > '9')) {
      end--;
    }
    int start = end;
    while (start > 0 && body[start - 1] >= '0' && body[start - 1] <= '9') {
      start--;
    }
    if (end < 0) {
      throw new IOException("no JSON-RPC id in the request");
    }
    byte[] id = new byte[end - start + 1];
    System.arraycopy(body, start, id, 0, id.length);
    return id;
  }

  /** {@code result} as Python's {@code xmlrpc.client.dumps} writes a methodResponse. */
  static byte[] xmlResponse(Object result) {
    StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
    xml(sb, result);
    sb.append("</param>\n</params>\n</methodResponse>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void xml(StringBuilder sb, Object v) {
    sb.append("<value>");
    if (v == null || v instanceof Boolean) {
      sb.append("<boolean>").append(Boolean.TRUE.equals(v) ? '1' : '0').append("</boolean>");
    } else if (v instanceof Integer || v instanceof Long) {
      sb.append("<int>").append(v).append("</int>");
    } else if (v instanceof Number d) {
      sb.append("<double>").append(d.doubleValue()).append("</double>");
    } else if (v instanceof String s) {
      sb.append("<string>").append(s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
          .append("</string>");
    } else if (v instanceof List<?> l) {
      sb.append("<array><data>\n");
      l.forEach(o -> xml(sb, o));
      sb.append("</data></array>");
    } else if (v instanceof Map<?, ?> m) {
      sb.append("<struct>\n");
      m.forEach((k, o) -> {
        sb.append("<member>\n<name>").append(k).append("</name>\n");
        xml(sb, o);
        sb.append("</member>\n");
      });
      sb.append("</struct>");
    } else {
      throw new IllegalArgumentException(v.getClass().getName());
    }
    sb.append("</value>\n");
  }

  /** {@code n} ids from 1, as JSON. */
  static byte[] ids(int n) throws IOException {
    List<Integer> ids = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ids.add(i);
    }
    return MAPPER.writeValueAsBytes(ids);
  }

  /** What {@code load} of {@code n} rows answers on success. */
  static byte[] loadAnswer(int n) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ids", MAPPER.readValue(ids(n), List.class));
    out.put("messages", List.of());
    out.put("nextrow", 0);
    return MAPPER.writeValueAsBytes(out);
  }
}
