package org.odoobuild.connectors.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint's answers to hostile or odd HTTP, on raw sockets. */
class WebhookServerTest {
  WebhookServer server;
  int port;
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch entered = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = WebhookServer.builder().name("test").threads(1).queue(1).maxBodyBytes(100)
        .route("/echo", r -> WebhookServer.Response.json(200, "{\"got\":" + r.body().length + ",\"q\":\""
            + r.rawQuery() + "\"}"))
        .route("/slow", r -> {
          entered.countDown();
          release.await(60, TimeUnit.SECONDS);
          return WebhookServer.Response.json(200, "{}");
        })
        .route("/boom", r -> {
          throw new IllegalStateException("handler bug");
        }).build();
    port = server.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
  }

  String exchange(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  static String status(String response) {
    return response.isEmpty() ? "" : response.substring(9, 12);
  }

  @Test
  void aWellFormedPostIsHandled() throws Exception {
    String r = exchange("POST /echo?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
    assertEquals("200", status(r));
    assertTrue(r.endsWith("{\"got\":5,\"q\":\"x=1\"}"), r);
    assertTrue(r.contains("Connection: close"), r);
  }

  @Test
  void hostileRequestsGetAStatus() throws Exception {
    assertEquals("400", status(exchange("BREW\r\n\r\n")));
    assertEquals("400", status(exchange("POST /echo HTTP/1.1\r\nno colon here\r\n\r\n")));
    assertEquals("400", status(exchange("POST /echo HTTP/1.1\r\nContent-Length: -4\r\n\r\n")));
    assertEquals("400", status(exchange("POST /echo HTTP/1.1\r\nContent-Length: lots\r\n\r\n")));
    assertEquals("411", status(exchange("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")));
    assertEquals("413", status(exchange("POST /echo HTTP/1.1\r\nContent-Length: 101\r\n\r\n" + "x".repeat(101))));
    assertEquals("413", status(exchange("POST /echo HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n")));
    assertEquals("431", status(exchange("POST /echo HTTP/1.1\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n")));
    assertEquals("404", status(exchange("POST /nowhere HTTP/1.1\r\nContent-Length: 0\r\n\r\n")));
    assertEquals("405", status(exchange("GET /echo HTTP/1.1\r\n\r\n")));
    assertEquals("500", status(exchange("POST /boom HTTP/1.1\r\nContent-Length: 0\r\n\r\n")));
    // and it still serves
    assertEquals("200", status(exchange("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nok")));
  }

  @Test
  void expectContinueIsAnswered() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write("POST /echo HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      byte[] first = new byte[25];
      assertEquals(25, s.getInputStream().readNBytes(first, 0, 25));
      assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(first, StandardCharsets.ISO_8859_1));
      s.getOutputStream().write("abc".getBytes(StandardCharsets.ISO_8859_1));
      String rest = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(rest.startsWith("HTTP/1.1 200"), rest);
    }
  }

  @Test
  void whenHandlersAndQueueAreFullTheSenderIsAskedToRetry() throws Exception {
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      // the one handler thread is taken...
      java.util.concurrent.Future<String> busy = clients.submit(() -> exchange("POST /slow HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
      assertTrue(entered.await(60, TimeUnit.SECONDS));
      // ...two more requests: one fits in the queue of one, the other is refused at once
      // (which one is refused depends on which arrives first; the first answer is the refusal either way)
      java.util.concurrent.CompletionService<String> answers = new java.util.concurrent.ExecutorCompletionService<>(clients);
      java.util.concurrent.Future<String> second = answers.submit(() -> exchange("POST /slow HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
      java.util.concurrent.Future<String> third = answers.submit(() -> exchange("POST /echo HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
      java.util.concurrent.Future<String> first = answers.poll(60, TimeUnit.SECONDS); // a hang guard only
      assertTrue(first != null, "one of them was answered while the handler was still busy");
      String refused = first.get();
      assertTrue(refused.contains(" 503 ") && refused.contains("Retry-After: 5"), refused);
      release.countDown();
      assertEquals("200", status(busy.get(60, TimeUnit.SECONDS)));
      String s2 = second.get(60, TimeUnit.SECONDS);
      String s3 = third.get(60, TimeUnit.SECONDS);
      assertEquals(1, (status(s2).equals("503") ? 1 : 0) + (status(s3).equals("503") ? 1 : 0), s2 + s3);
    } finally {
      clients.shutdownNow();
    }
  }
}
