package org.odoobuild.client.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.odoobuild.client.Call;
import org.odoobuild.client.Context;
import org.odoobuild.client.OdooAuthenticationException;
import org.odoobuild.client.OdooError;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooNotFoundException;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;

/** The JSON-2 API of Odoo 19+: {@code POST /json/2/<model>/<method>} with a bearer API key. */
public final class Json2Transport implements RpcTransport {
  private final HttpSupport http;
  private final Map<String, String> headers;
  private final List<String> secrets;

  /** Creates the transport for a database (empty: no {@code X-Odoo-Database} header) and API key. */
  public Json2Transport(HttpSupport http, String database, String apiKey) {
    this.http = http;
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "bearer " + apiKey);
    if (!database.isEmpty()) {
      h.put("X-Odoo-Database", database);
    }
    this.headers = Map.copyOf(h);
    this.secrets = List.of(apiKey);
    // the key may only be sent where the client was pointed: never follow redirects (see the builder)
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSON2;
  }

  @Override
  public Optional<Object> execute(Session session, String model, Call call, Context context) {
    Map<String, Object> body = new LinkedHashMap<>();
    call.ids().ifPresent(ids -> body.put("ids", ids));
    call.args().forEach(e -> body.put(e.getKey(), e.getValue()));
    body.putAll(call.kwargs());
    if (!context.isEmpty()) {
      body.put("context", context.asMap());
    }
    // the top level only holds the caller's values (a later key replaces an earlier one, as in a dict)
    WireBody bytes = JsonCodec.body(g -> JsonCodec.writeValue(g, body));
    return http.post("/json/2/" + model + "/" + call.method(), bytes, headers, Protocol.JSON2, model, call.method(),
        streamed(model, call.method()), a -> decode(a, model, call.method()));
  }

  /** A successful JSON answer, decoded as it arrives. */
  private HttpSupport.Decoder<Optional<Object>> streamed(String model, String method) {
    return new HttpSupport.Decoder<>() {
      @Override
      public boolean streams(int status, String contentType) {
        return status == 200 && HttpSupport.isJson(contentType);
      }

      @Override
      public Optional<Object> decode(java.io.InputStream body) {
        try {
          return Optional.ofNullable(JsonCodec.read(body));
        } catch (IOException e) {
          // the parser's exception quotes the body: neither it nor its message is kept
          throw http.fail(Protocol.JSON2, model, method, Reason.MALFORMED_RESPONSE, true,
              "malformed JSON-2 answer: " + JsonCodec.describe(e), OptionalInt.of(200), null);
        }
      }
    };
  }

  @Override
  public Optional<Object> service(String service, String method, List<Object> args) {
    throw new UnsupportedOperationException("JSON-2 has no " + service + " service");
  }

  /** Decodes a JSON-2 answer: the bare result, empty for {@code null}, or the typed error. */
  Optional<Object> decode(HttpSupport.HttpAnswer a, String model, String method) {
    if (a.status() == 200 && a.isJson()) {
      try {
        return Optional.ofNullable(JsonCodec.read(a.body()));
      } catch (IOException e) {
        // the parser's exception quotes the body: neither it nor its message is kept
        throw http.fail(Protocol.JSON2, model, method, Reason.MALFORMED_RESPONSE, true,
            "malformed JSON-2 answer: " + JsonCodec.describe(e), OptionalInt.of(200), null);
      }
    }
    if (a.isJson() && a.status() >= 400) {
      Object parsed;
      try {
        parsed = JsonCodec.read(a.body());
      } catch (IOException e) {
        parsed = null;
      }
      if (parsed instanceof Map<?, ?> m && m.get("name") instanceof String) {
        OdooException ex = JsonRpcTransport.mapped(m, Protocol.JSON2, OptionalInt.of(a.status()), model, method, secrets);
        if (a.status() == 429 || a.status() == 502 || a.status() == 503 || a.status() == 504) {
          throw http.unexpected(a, Protocol.JSON2, model, method);
        }
        throw ex;
      }
    }
    String text = http.excerpt(a);
    if (a.status() == 404 && a.contentType().startsWith("text/html")) {
      // an unknown X-Odoo-Database, or a server without JSON-2 (Odoo before 19)
      throw new OdooNotFoundException(new OdooError("werkzeug.exceptions.NotFound",
          "no JSON-2 route for " + model + "/" + method + " (unknown database, or a server older than Odoo 19): " + text,
          Protocol.JSON2, OptionalInt.of(404), OptionalInt.empty(), Optional.empty(), model, method));
    }
    if (a.status() == 401) {
      throw new OdooAuthenticationException(new OdooError("werkzeug.exceptions.Unauthorized", text, Protocol.JSON2,
          OptionalInt.of(401), OptionalInt.empty(), Optional.empty(), model, method));
    }
    if (a.status() == 200) {
      throw http.fail(Protocol.JSON2, model, method, Reason.MALFORMED_RESPONSE, true,
          "expected a JSON answer, got '" + a.contentType() + "': " + text, OptionalInt.of(200), null);
    }
    throw http.unexpected(a, Protocol.JSON2, model, method);
  }
}
