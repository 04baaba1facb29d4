package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Call;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;

/** Idempotent calls are retried on transient failures; a non-idempotent one is never re-sent after an ambiguous failure. */
class SafeRetryTest {
  static final String ROWS = "[{\"id\": 7, \"name\": \"WIRE-Retry\"}]";

  /** Fails the first {@code failures} object calls with {@code failure}, then answers. */
  static StubServer.Handler failingFirst(int failures, StubServer.Resp failure, AtomicInteger objectCalls, Protocol p,
      String okJson, String okXml) {
    return Stubs.withAuth(req -> objectCalls.incrementAndGet() <= failures ? failure : Stubs.ok(p, req, okJson, okXml));
  }

  static final String ROWS_XML = "<array><data><value><struct><member><name>id</name><value><int>7</int></value></member>"
      + "<member><name>name</name><value><string>WIRE-Retry</string></value></member></struct></value></data></array>";

  @ParameterizedTest
  @ValueSource(ints = {502, 503, 504, 429})
  void searchReadIsRetriedOnTransientStatus(int status) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      AtomicInteger calls = new AtomicInteger();
      try (StubServer stub = new StubServer(failingFirst(2, StubServer.Resp.of(status, "text/html", "<h1>busy</h1>"), calls,
          p, ROWS, ROWS_XML)); OdooClient c = Stubs.builder(stub, p).retries(2).build()) {
        List<Record> rows = c.model("res.partner").searchRead(Query.all().fields("name"));
        assertEquals(7, rows.get(0).id());
        assertEquals(3, calls.get(), p + ": two failures, then success");
      }
    }
  }

  @Test
  void retryAfterIsHonouredUpToMaxBackoff() {
    AtomicInteger calls = new AtomicInteger();
    StubServer.Resp tooMany = new StubServer.Resp(429, Map.of("Content-Type", "text/plain", "Retry-After", "1"), new byte[0]);
    try (StubServer stub = new StubServer(failingFirst(1, tooMany, calls, Protocol.JSON2, ROWS, ROWS_XML));
        OdooClient c = Stubs.builder(stub, Protocol.JSON2).retries(1).maxBackoff(Duration.ofSeconds(5)).build()) {
      long t0 = System.nanoTime();
      c.model("res.partner").searchRead(Query.all());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(2, calls.get());
      assertTrue(ms >= 900, "waited " + ms + " ms for Retry-After: 1");
    }
    // capped by maxBackoff
    AtomicInteger calls2 = new AtomicInteger();
    StubServer.Resp longWait = new StubServer.Resp(429, Map.of("Content-Type", "text/plain", "Retry-After", "3600"), new byte[0]);
    try (StubServer stub = new StubServer(failingFirst(1, longWait, calls2, Protocol.JSON2, ROWS, ROWS_XML));
        OdooClient c = Stubs.builder(stub, Protocol.JSON2).retries(1).maxBackoff(Duration.ofMillis(100)).build()) {
      long t0 = System.nanoTime();
      c.model("res.partner").searchRead(Query.all());
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000);
      assertEquals(2, calls2.get());
    }
  }

  /** Connection refused: nothing was sent, so even a create may be retried; the stub sees it once. */
  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC"})
  void connectionRefusedIsRetried(Protocol p) {
    AtomicInteger calls = new AtomicInteger();
    try (StubServer stub = new StubServer(Stubs.withAuth(req -> {
      calls.incrementAndGet();
      return Stubs.ok(p, req, (req.path() + req.text()).contains("search_read") ? ROWS : "42", "");
    }))) {
      RefusingFirst sockets = new RefusingFirst(1);
      OkHttpClient http = new OkHttpClient.Builder().socketFactory(sockets).build();
      try (OdooClient c = Stubs.builder(stub, p).httpClient(http).retries(2).build()) {
        assertEquals(7, c.model("res.partner").searchRead(Query.all()).get(0).id());
        sockets.refuse(1);
        assertEquals(42L, c.model("res.partner").create(Map.of("name", "WIRE-X")));
      }
      assertEquals(2, calls.get(), "each call reached the stub once");
    }
  }

  // ------------------------------------------------------------------ never re-send a non-idempotent call

  enum Write {
    CREATE(c -> c.model("res.partner").create(Map.of("name", "WIRE-Once"))),
    WRITE(c -> c.model("res.partner").write(7, Map.of("name", "WIRE-Once"))),
    BUTTON_CONFIRM(c -> c.model("purchase.order").call(Call.method("button_confirm").ids(7)));

    final Consumer<OdooClient> call;

    Write(Consumer<OdooClient> call) {
      this.call = call;
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void gateway502IsNotResent(Write w) {
    for (Protocol p : List.of(Protocol.JSON2, Protocol.JSONRPC, Protocol.XMLRPC)) {
      AtomicInteger calls = new AtomicInteger();
      try (StubServer stub = new StubServer(failingFirst(5, StubServer.Resp.of(502, "text/html", "<h1>502</h1>"), calls, p,
          "true", "<boolean>1</boolean>")); OdooClient c = Stubs.builder(stub, p).retries(3).build()) {
        OdooTransportException e = assertThrows(OdooTransportException.class, () -> w.call.accept(c));
        assertEquals(Reason.HTTP_STATUS, e.reason());
        assertTrue(e.requestMayHaveBeenProcessed());
        assertEquals(1, calls.get(), p + " " + w + " sent once");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void readTimeoutIsNotResent(Write w) throws Exception {
    try (Stubs.RawServer raw = new Stubs.RawServer((s, req) -> Thread.sleep(3000));
        OdooClient c = Stubs.builder(raw.url(), Protocol.JSON2).timeout(Duration.ofMillis(300)).retries(3).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class, () -> w.call.accept(c));
      assertEquals(Reason.TIMEOUT, e.reason());
      Thread.sleep(200);
      assertEquals(1, raw.requests.get(), w + " sent once");
    }
  }

  @ParameterizedTest
  @EnumSource(Write.class)
  void resetAfterTheRequestWasSentIsNotResent(Write w) throws Exception {
    try (Stubs.RawServer raw = new Stubs.RawServer((s, req) -> {
      s.setSoLinger(true, 0); // RST on close
      s.close();
    }); OdooClient c = Stubs.builder(raw.url(), Protocol.JSON2).retries(3).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class, () -> w.call.accept(c));
      assertTrue(e.requestMayHaveBeenProcessed(), e.toString());
      Thread.sleep(200);
      assertEquals(1, raw.requests.get(), w + " sent once: " + e);
    }
  }

  @Test
  void idempotentReadIsRetriedAfterReset() throws Exception {
    AtomicInteger n = new AtomicInteger();
    try (Stubs.RawServer raw = new Stubs.RawServer((s, req) -> {
      if (n.incrementAndGet() == 1) {
        s.setSoLinger(true, 0);
        s.close();
        return;
      }
      Stubs.RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + ROWS.length()
          + "\r\nConnection: close\r\n\r\n" + ROWS);
    }); OdooClient c = Stubs.builder(raw.url(), Protocol.JSON2).retries(2).build()) {
      assertEquals(7, c.model("res.partner").searchRead(Query.all()).get(0).id());
      assertEquals(2, raw.requests.get());
    }
  }

  /** A socket factory whose next {@code n} connects are refused. */
  static final class RefusingFirst extends SocketFactory {
    private final AtomicInteger refusals;

    RefusingFirst(int n) {
      refusals = new AtomicInteger(n);
    }

    void refuse(int n) {
      refusals.set(n);
    }

    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
          if (refusals.getAndDecrement() > 0) {
            throw new ConnectException("Connection refused (test)");
          }
          super.connect(endpoint, timeout);
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
      throw new UnsupportedOperationException();
    }
  }
}
