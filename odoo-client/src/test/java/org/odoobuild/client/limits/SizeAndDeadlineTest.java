package org.odoobuild.client.limits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.stub.OdooStub;

/** Answers are bounded in size (after inflation too) and every call in time, retries included. */
class SizeAndDeadlineTest {
  private static final int MIB = 1024 * 1024;

  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.ALWAYS));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private OdooClient.Builder client(Protocol p) {
    return OdooStub.client("http://127.0.0.1:" + server.port(), p);
  }

  private int sends() {
    return server.getAllServeEvents().size();
  }

  private static byte[] gzip(byte[] fill, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (long n = 0; n < size; n += fill.length) {
        gz.write(fill);
      }
    }
    return out.toByteArray();
  }

  @Test
  void aGzipBombIsRefusedAtTheDefault64MibOfInflatedBody() throws IOException {
    byte[] spaces = new byte[MIB];
    Arrays.fill(spaces, (byte) ' ');
    byte[] bomb = gzip(spaces, 100L * MIB); // ~100 kB on the wire, 100 MiB inflated
    assertTrue(bomb.length < MIB);
    server.stubFor(OdooStub.call(Protocol.JSON2).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip").withBody(bomb)));
    try (OdooClient odoo = client(Protocol.JSON2).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
      assertTrue(e.getMessage().contains("exceeds the limit of " + 64 * MIB + " bytes"), e.getMessage());
    }
    assertEquals(1, sends());
  }

  @Test
  void aGzipBodyWithinTheLimitIsInflated() throws IOException {
    byte[] json = "[{\"id\": 7, \"name\": \"WIRE-gz\"}]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    server.stubFor(OdooStub.call(Protocol.JSON2).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip").withBody(gzip(json, 1))));
    try (OdooClient odoo = client(Protocol.JSON2).build()) {
      assertEquals(7, odoo.model("res.partner").searchRead(Query.all()).get(0).id());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void aChunkedBodyPastTheLimitIsCutOff(Protocol p) {
    byte[] big = new byte[3 * MIB];
    Arrays.fill(big, (byte) ' ');
    server.stubFor(OdooStub.call(p).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", p == Protocol.XMLRPC ? "text/xml" : "application/json").withBody(big)));
    try (OdooClient odoo = client(p).maxResponseBytes(MIB).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
      assertTrue(e.getMessage().contains("exceeds the limit of " + MIB + " bytes"), e.getMessage());
      assertTrue(e.requestMayHaveBeenProcessed());
    }
    assertEquals(1, sends(), "an answer too large is not asked again");
  }

  @Test
  void aDeclaredLengthPastTheLimitIsRefusedBeforeReading() {
    server.stop();
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
    server.start();
    server.stubFor(OdooStub.call(Protocol.JSON2).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(new byte[2 * MIB])));
    try (OdooClient odoo = client(Protocol.JSON2).maxResponseBytes(MIB).build()) {
      OdooTransportException e = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      assertTrue(e.getMessage().contains("response body of " + 2 * MIB + " bytes exceeds the limit"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Protocol.class, names = {"JSON2", "JSONRPC", "XMLRPC"})
  void aServerThatNeverAnswersFailsTheCallWithinItsDeadline(Protocol p) {
    server.stubFor(OdooStub.call(p).willReturn(OdooStub.ok(p, "[]", "<array><data></data></array>")
        .withFixedDelay(15_000)));
    try (OdooClient odoo = client(p).timeout(Duration.ofSeconds(60)).deadline(Duration.ofSeconds(2)).build()) {
      long t0 = System.nanoTime();
      OdooTransportException read = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").searchRead(Query.all()));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertEquals(Reason.TIMEOUT, read.reason());
      assertTrue(read.requestMayHaveBeenProcessed());
      assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "the 2 s deadline cut the call short, took " + took);
      // at most one: on a loaded machine the deadline may even pass before the server logged the request
      assertTrue(sends() <= 1, "no time was left for a second attempt: " + sends());

      OdooTransportException create = assertThrows(OdooTransportException.class,
          () -> odoo.model("res.partner").create(Map.of("name", "WIRE-Late")));
      assertEquals(Reason.TIMEOUT, create.reason());
      assertTrue(create.requestMayHaveBeenProcessed());
      assertTrue(sends() <= 2, "a write that timed out is never re-sent: " + sends());
    }
  }
}
