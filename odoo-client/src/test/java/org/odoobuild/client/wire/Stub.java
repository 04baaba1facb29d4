package org.odoobuild.client.wire;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.trafficlistener.WiremockNetworkTrafficListener;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.testkit.WireRecordings;

/**
 * A WireMock server on 127.0.0.1 for the client tests: scripted answers (in order, then a default),
 * answers computed from the request, the log of the requests it received, and the number of TCP
 * connections the client opened. JSON-RPC answers made here echo the request's {@code id}, as Odoo does.
 *
 * <p>As a static {@code @RegisterExtension} field, one stub serves a test class: it is reset before
 * each test and stopped after the last.
 */
final class Stub implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  static final String JSON = "application/json; charset=utf-8";
  static final String XML = "text/xml; charset=utf-8";
  /** The password of the stub clients (JSON-RPC, XML-RPC). */
  static final String PASSWORD = "Pa55-word-never-shown";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ECHO_ID = "echo-jsonrpc-id";
  private static final String COMPUTED = "computed-answer";
  private static final Pattern ENVELOPE_ID = Pattern.compile("^\\{\"jsonrpc\": \"2\\.0\", \"id\": (\\d+|null)");

  /** A request the stub received. */
  record Req(String method, String path, Map<String, String> headers, byte[] body) {
    /** The body as UTF-8 text. */
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A header, or null. */
    String header(String name) {
      return headers.get(name);
    }
  }

  private final AtomicInteger connections = new AtomicInteger();
  private final WireMockServer server;
  private volatile Function<Req, ResponseDefinitionBuilder> computed = req -> status(599, "text/plain", "no answer");
  private int scripted;

  Stub() {
    WiremockNetworkTrafficListener counter = new WiremockNetworkTrafficListener() {
      @Override
      public void opened(Socket socket) {
        connections.incrementAndGet();
      }

      @Override
      public void incoming(Socket socket, ByteBuffer bytes) {}

      @Override
      public void outgoing(Socket socket, ByteBuffer bytes) {}

      @Override
      public void closed(Socket socket) {}
    };
    server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(40)
        .asynchronousResponseEnabled(true).asynchronousResponseThreads(4).jettyStopTimeout(0L)
        .networkTrafficListener(counter).notifier(new Slf4jNotifier(false))
        .extensions(new EchoJsonRpcId(), new Computed()));
    server.start();
    reset();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * A client of this stub: JSON-2 with {@link Wire#API_KEY}, else admin / {@link #PASSWORD} as uid 2
   * (no authenticate call); Odoo 19, no retries, generous timeouts.
   */
  OdooClient.Builder client(Protocol p) {
    OdooClient.Builder b = OdooClient.builder().url(url()).database("construction").protocol(p)
        .serverVersion(ServerVersion.of(19)).timeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(10))
        .maxBackoff(Duration.ofMillis(20)).retries(0);
    return p == Protocol.JSON2 ? b.apiKey(Wire.API_KEY) : b.login("admin", PASSWORD).uid(2);
  }

  /** A loopback port nothing listens on (for connection-refused tests). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Forgets answers, script and requests; every request is answered 599 until told otherwise. */
  synchronized void reset() {
    server.resetAll();
    scripted = 0;
    otherwise(status(599, "text/plain", "no answer"));
  }

  /** The answer once the script is used up. */
  Stub otherwise(ResponseDefinitionBuilder answer) {
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(answer));
    return this;
  }

  /** Computes the answer once the script is used up from each request. */
  Stub otherwise(Function<Req, ResponseDefinitionBuilder> answer) {
    computed = answer;
    return otherwise(aResponse().withTransformers(COMPUTED));
  }

  /** Queues answers, used in order, one per request, after those already queued. */
  synchronized Stub then(ResponseDefinitionBuilder... answers) {
    for (ResponseDefinitionBuilder a : answers) {
      int step = scripted++;
      server.stubFor(any(anyUrl()).atPriority(1).inScenario("script")
          .whenScenarioStateIs(step == 0 ? Scenario.STARTED : "step-" + step).willSetStateTo("step-" + (step + 1))
          .willReturn(a));
    }
    return this;
  }

  /** The requests received so far, oldest first. */
  List<Req> requests() {
    return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())).stream()
        .map(Stub::req).toList();
  }

  /** The TCP connections accepted since the stub started. */
  int connections() {
    return connections.get();
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private static Req req(LoggedRequest r) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key(), h.firstValue());
    }
    String path = r.getUrl();
    int q = path.indexOf('?');
    return new Req(r.getMethod().getName(), q < 0 ? path : path.substring(0, q), headers,
        r.getBody() == null ? new byte[0] : r.getBody());
  }

  // ------------------------------------------------------------------ answers

  /** An answer with a status, content type (none if null), text body and header name/value pairs. */
  static ResponseDefinitionBuilder status(int status, String contentType, String body, String... headers) {
    ResponseDefinitionBuilder b = aResponse().withStatus(status).withBody(body.getBytes(StandardCharsets.UTF_8));
    if (contentType != null) {
      b = b.withHeader("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b = b.withHeader(headers[i], headers[i + 1]);
    }
    return b;
  }

  /**
   * A JSON-RPC envelope {@code {"jsonrpc": "2.0", "id": <the request's>, <members>}}, e.g. {@code "result": 2};
   * no members: Odoo 17's answer for None.
   */
  static ResponseDefinitionBuilder jsonRpc(String members) {
    return status(200, JSON, "{\"jsonrpc\": \"2.0\", \"id\": 0" + (members.isEmpty() ? "" : ", " + members) + "}")
        .withTransformers(ECHO_ID);
  }

  /** An XML-RPC methodResponse carrying one value, e.g. {@code <value><int>2</int></value>}. */
  static String xmlValue(String value) {
    return "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n" + value
        + "\n</param>\n</params>\n\n</methodResponse>\n";
  }

  /** A successful answer of the protocol carrying {@code jsonResult} (JSON) or {@code xmlValue} (an XML-RPC value). */
  static ResponseDefinitionBuilder ok(Protocol p, String jsonResult, String xmlValue) {
    return switch (p) {
      case JSON2 -> status(200, JSON, jsonResult);
      case XMLRPC -> status(200, XML, xmlValue(xmlValue));
      default -> jsonRpc("\"result\": " + jsonResult);
    };
  }

  static ResponseDefinitionBuilder okEmptyList(Protocol p) {
    return ok(p, "[]", "<value><array><data>\n</data></array></value>");
  }

  static ResponseDefinitionBuilder okId(Protocol p, long id) {
    return ok(p, p == Protocol.JSON2 ? "[" + id + "]" : String.valueOf(id), "<value><int>" + id + "</int></value>");
  }

  static ResponseDefinitionBuilder okTrue(Protocol p) {
    return ok(p, "true", "<value><boolean>1</boolean></value>");
  }

  /** The recorded response (a JSON-RPC envelope echoes the request's id, as Odoo does). */
  static ResponseDefinitionBuilder recorded(WireRecordings.Recording r) {
    ResponseDefinitionBuilder b = aResponse().withStatus(r.response().status())
        .withBody(r.response().body().getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> h : r.response().headers().entrySet()) {
      b = b.withHeader(h.getKey(), h.getValue());
    }
    return r.protocol().equals("jsonrpc") ? b.withTransformers(ECHO_ID) : b;
  }

  /** Replaces the id of a JSON-RPC answer by the id of the request it answers. */
  private static final class EchoJsonRpcId implements ResponseTransformerV2 {
    @Override
    public String getName() {
      return ECHO_ID;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
      String body = response.getBodyAsString();
      Matcher m = ENVELOPE_ID.matcher(body);
      JsonNode id;
      try {
        id = MAPPER.readTree(event.getRequest().getBody()).get("id");
      } catch (Exception notJson) {
        return response;
      }
      if (!m.find() || id == null || !id.isIntegralNumber()) {
        return response;
      }
      return Response.Builder.like(response).but().body(body.substring(0, m.start(1)) + id.asLong()
          + body.substring(m.end(1))).build();
    }
  }

  /** Builds the answer from the request with the function given to {@link #otherwise(Function)}. */
  private final class Computed implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return COMPUTED;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      return computed.apply(req(event.getRequest())).build();
    }
  }
}
