package org.odoobuild.client.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.ServerVersion;

/** Shared helpers for the synthetic (non-recorded) scenarios. */
final class Stubs {
  static final String JSON = "application/json; charset=utf-8";
  static final String XML = "text/xml; charset=utf-8";

  private Stubs() {}

  /** A client for a stub: JSON-2 with an API key, JSON-RPC/XML-RPC with admin/admin. */
  static OdooClient.Builder builder(StubServer stub, Protocol p) {
    return builder(stub.url(), p);
  }

  static OdooClient.Builder builder(String url, Protocol p) {
    OdooClient.Builder b = OdooClient.builder().url(url).database("construction").protocol(p)
        .serverVersion(ServerVersion.of(19)).timeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2))
        .retries(0).maxBackoff(Duration.ofMillis(50));
    return p == Protocol.JSON2 ? b.apiKey("wire-test-key-0123456789") : b.login("admin", "admin");
  }

  /** Answers common.authenticate with uid 2 and everything else through {@code other}. */
  static StubServer.Handler withAuth(StubServer.Handler other) {
    return req -> {
      if (WireReplayTest.isAuthenticate(req)) {
        return req.path().equals("/jsonrpc") ? jsonRpcResult(req, "2") : xmlResult("<int>2</int>");
      }
      return other.handle(req);
    };
  }

  static StubServer.Resp jsonRpcResult(StubServer.Req req, String resultJson) {
    return StubServer.Resp.of(200, JSON, "{\"jsonrpc\": \"2.0\", \"id\": " + requestId(req) + ", \"result\": " + resultJson
        + "}");
  }

  static Object requestId(StubServer.Req req) {
    return ((Map<?, ?>) Wire.json(req.text())).get("id");
  }

  static StubServer.Resp xmlResult(String value) {
    return StubServer.Resp.of(200, XML, "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value>" + value
        + "</value>\n</param>\n</params>\n\n</methodResponse>\n");
  }

  /** A successful answer of the protocol carrying {@code resultJson} (JSON) / {@code resultXml} (XML-RPC). */
  static StubServer.Resp ok(Protocol p, StubServer.Req req, String resultJson, String resultXml) {
    return switch (p) {
      case JSON2 -> StubServer.Resp.of(200, JSON, resultJson);
      case JSONRPC -> jsonRpcResult(req, resultJson);
      default -> xmlResult(resultXml);
    };
  }

  /** A raw socket server: each accepted connection is given to {@code behaviour}; counts connections that sent a request. */
  static final class RawServer implements AutoCloseable {
    interface Behaviour {
      void serve(Socket s, byte[] request) throws Exception;
    }

    final ServerSocket server;
    final AtomicInteger requests = new AtomicInteger();
    private final Thread thread;

    RawServer(Behaviour behaviour) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket s = server.accept();
            Thread t = new Thread(() -> {
              try (s) {
                byte[] req = readRequest(s.getInputStream());
                if (req.length > 0) {
                  requests.incrementAndGet();
                }
                behaviour.serve(s, req);
              } catch (Exception ignored) {
                // connection ends
              }
            });
            t.setDaemon(true);
            t.start();
          } catch (IOException closed) {
            return;
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Reads one request: headers, then Content-Length bytes of body. */
    static byte[] readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        head.append((char) c);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      int length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      byte[] body = in.readNBytes(length);
      return (head + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    static void write(Socket s, String text) throws IOException {
      OutputStream out = s.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
