package org.odoobuild.client.stub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.time.Duration;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.RetryConfig;
import org.odoobuild.client.ServerVersion;

/**
 * A WireMock server standing in for Odoo 19 on loopback, with answers in each protocol's
 * envelope (JSON-RPC ids echoed by response templating). Register it on an instance field
 * ({@code @RegisterExtension final OdooStub stub = new OdooStub();}): one server per test,
 * stopped after it.
 */
public final class OdooStub implements AutoCloseable, AfterEachCallback {
  /** The API key of JSON-2 clients. */
  public static final String API_KEY = "stub-api-key-7f3a9c0e5d1b";
  /** The password of JSON-RPC and XML-RPC clients. */
  public static final String PASSWORD = "stub-password-41d8cd98f00b";

  private final WireMockServer server;

  /** Starts a server on a free loopback port. */
  public OdooStub() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1).containerThreads(8));
    server.start();
  }

  /** The WireMock server, for stubbing and verifying. */
  public WireMockServer server() {
    return server;
  }

  /** The base URL. */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * A client of this stub: Odoo 19, the given protocol, uid 2 known (no authenticate round
   * trip), waits between attempts of a few milliseconds, default attempt budget.
   */
  public OdooClient.Builder client(Protocol p) {
    return client(url(), p);
  }

  /** {@link #client(Protocol)} for any URL. */
  public static OdooClient.Builder client(String url, Protocol p) {
    OdooClient.Builder b = OdooClient.builder().url(url).database("construction").protocol(p)
        .serverVersion(ServerVersion.of(19)).timeout(Duration.ofSeconds(20)).connectTimeout(Duration.ofSeconds(5))
        .retry(RetryConfig.builder().backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build());
    return p == Protocol.JSON2 ? b.apiKey(API_KEY) : b.login("admin", PASSWORD).uid(2);
  }

  /** The path a protocol posts model calls to, as a regex. */
  public static String path(Protocol p) {
    return switch (p) {
      case JSON2 -> "/json/2/.*";
      case XMLRPC -> "/xmlrpc/2/object";
      default -> "/jsonrpc";
    };
  }

  /** A stub for every model call of the protocol. */
  public static MappingBuilder call(Protocol p) {
    return post(urlPathMatching(path(p)));
  }

  /**
   * A successful answer.
   *
   * @param json the result as JSON (JSON-2 and JSON-RPC)
   * @param xml the result as an XML-RPC value's content
   */
  public static ResponseDefinitionBuilder ok(Protocol p, String json, String xml) {
    return switch (p) {
      case JSON2 -> aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody(json);
      case XMLRPC -> aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
          .withBody("<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n<value>" + xml
              + "</value>\n</param>\n</params>\n</methodResponse>\n");
      default -> jsonRpc("\"result\": " + json);
    };
  }

  /** A JSON-RPC envelope with the request's id and the given members. */
  public static ResponseDefinitionBuilder jsonRpc(String members) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"jsonrpc\": \"2.0\", \"id\": {{jsonPath request.body '$.id'}}, " + members + "}")
        .withTransformers("response-template");
  }

  /** An HTML error page of a gateway. */
  public static ResponseDefinitionBuilder status(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody("<h1>busy</h1>");
  }

  /** Answers the protocol's calls first with {@code first}, then always with {@code then}. */
  public void firstThen(Protocol p, ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
    server.stubFor(call(p).inScenario("first").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("then")
        .willReturn(first));
    server.stubFor(call(p).inScenario("first").whenScenarioStateIs("then").willReturn(then));
  }

  /** Answers every call of the protocol with {@code answer}. */
  public void always(Protocol p, ResponseDefinitionBuilder answer) {
    server.stubFor(call(p).willReturn(answer));
  }

  /** How many requests reached the server. */
  public int sends() {
    return server.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount();
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }
}
