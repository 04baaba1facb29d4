package org.odoobuild.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.odoobuild.client.Call;
import org.odoobuild.client.Context;
import org.odoobuild.client.OdooBadRequestException;
import org.odoobuild.client.OdooError;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;

/** JSON-RPC 2.0 on {@code POST /jsonrpc} ({@code service}/{@code method}/{@code args}). */
public final class JsonRpcTransport implements RpcTransport {
  private static final Map<String, String> HEADERS = Map.of();
  private final HttpSupport http;
  private final AtomicLong ids = new AtomicLong();
  private final List<String> secrets;

  /** Creates the transport; {@code secrets} are scrubbed from any server text. */
  public JsonRpcTransport(HttpSupport http, List<String> secrets) {
    this.http = http;
    this.secrets = List.copyOf(secrets);
  }

  @Override
  public Protocol protocol() {
    return Protocol.JSONRPC;
  }

  @Override
  public Optional<Object> execute(Session session, String model, Call call, Context context) {
    List<Object> args = executeKwArgs(session, model, call, context);
    return send("object", "execute_kw", args, model, call.method());
  }

  @Override
  public Optional<Object> service(String service, String method, List<Object> args) {
    return send(service, method, args, "", method);
  }

  /**
   * Calls a JSON-RPC web route ({@code type='json'} controller) such as
   * {@code /web/webclient/version_info}: {@code {"jsonrpc": "2.0", "method": "call", "params": ..., "id": N}}.
   */
  public Optional<Object> route(String path, Map<String, Object> params) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with '/': " + path);
    }
    long id = ids.incrementAndGet();
    WireBody body = JsonCodec.body(g -> {
      g.writeStartObject();
      g.writeStringField("jsonrpc", "2.0");
      g.writeStringField("method", "call");
      g.writeFieldName("params");
      JsonCodec.writeValue(g, params);
      g.writeNumberField("id", id);
      g.writeEndObject();
    });
    return post(path, body, id, "", path);
  }

  /** The parameters of {@code object.execute_kw}: db, uid, secret, model, method, args[, kwargs]. */
  static List<Object> executeKwArgs(Session session, String model, Call call, Context context) {
    List<Object> args = new ArrayList<>(7);
    args.add(session.database());
    args.add(session.uid());
    args.add(session.secret());
    args.add(model);
    args.add(call.method());
    args.add(positional(call));
    Map<String, Object> kw = kwargs(call, context);
    if (!kw.isEmpty()) {
      args.add(kw);
    }
    return args;
  }

  /** The positional arguments of {@code execute_kw}: ids first, then the named positional values. */
  static List<Object> positional(Call call) {
    List<Object> out = new ArrayList<>(call.args().size() + 1);
    call.ids().ifPresent(out::add);
    call.args().forEach(e -> out.add(e.getValue()));
    return out;
  }

  /** The keyword arguments of {@code execute_kw}, with the merged context last. */
  static Map<String, Object> kwargs(Call call, Context context) {
    Map<String, Object> kw = new LinkedHashMap<>(call.kwargs());
    if (!context.isEmpty()) {
      kw.put("context", context.asMap());
    }
    return kw;
  }

  private Optional<Object> send(String service, String method, List<Object> args, String model, String label) {
    long id = ids.incrementAndGet();
    WireBody body = JsonCodec.body(g -> {
      g.writeStartObject();
      g.writeStringField("jsonrpc", "2.0");
      g.writeStringField("method", "call");
      g.writeFieldName("params");
      g.writeStartObject();
      g.writeStringField("service", service);
      g.writeStringField("method", method);
      g.writeFieldName("args");
      JsonCodec.writeValue(g, args);
      g.writeEndObject();
      g.writeNumberField("id", id);
      g.writeEndObject();
    });
    return post("/jsonrpc", body, id, model, label);
  }

  private Optional<Object> post(String path, WireBody body, long id, String model, String method) {
    return http.post(path, body, HEADERS, Protocol.JSONRPC, model, method, new HttpSupport.Decoder<>() {
      @Override
      public boolean streams(int status, String contentType) {
        return status == 200 && HttpSupport.isJson(contentType);
      }

      @Override
      public Optional<Object> decode(java.io.InputStream in) {
        try {
          return parseEnvelope(in, id, model, method, secrets);
        } catch (org.odoobuild.client.OdooTransportException e) {
          throw scrubbed(e, model, method);
        }
      }
    }, a -> decode(a, id, model, method));
  }

  /** A malformed-answer failure rebuilt without secrets (parser messages may quote the body). */
  private RuntimeException scrubbed(org.odoobuild.client.OdooTransportException e, String model, String method) {
    if (e.reason() == Reason.MALFORMED_RESPONSE) {
      return http.fail(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true, e.odooMessage(),
          OptionalInt.of(200), e.getCause());
    }
    return e;
  }

  /** Decodes a JSON-RPC answer: the result, empty for {@code None}, or the typed error. */
  Optional<Object> decode(HttpSupport.HttpAnswer a, long expectedId, String model, String method) {
    if (a.status() == 400 && !a.isJson()) {
      throw new OdooBadRequestException(new OdooError("werkzeug.exceptions.BadRequest", http.excerpt(a),
          Protocol.JSONRPC, OptionalInt.of(400), OptionalInt.empty(), Optional.empty(), model, method));
    }
    if (a.status() != 200) {
      throw http.unexpected(a, Protocol.JSONRPC, model, method);
    }
    if (!a.isJson()) {
      throw http.fail(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "expected a JSON-RPC answer, got '" + a.contentType() + "': " + http.excerpt(a), OptionalInt.of(200), null);
    }
    try {
      return parseEnvelope(a.body(), expectedId, model, method, secrets);
    } catch (org.odoobuild.client.OdooTransportException e) {
      throw scrubbed(e, model, method);
    }
  }

  /** Parses {@code {"jsonrpc", "id", "result"|"error"}} in one streaming pass. */
  public static Optional<Object> parseEnvelope(byte[] body, long expectedId, String model, String method,
      List<String> secrets) {
    try {
      return parseEnvelope(JsonCodec.parser(body), expectedId, model, method, secrets);
    } catch (IOException e) {
      throw HttpSupport.transport(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "malformed JSON-RPC answer: " + JsonCodec.describe(e), OptionalInt.of(200), null);
    }
  }

  /** Parses {@code {"jsonrpc", "id", "result"|"error"}} from a stream as it arrives. */
  public static Optional<Object> parseEnvelope(java.io.InputStream body, long expectedId, String model, String method,
      List<String> secrets) {
    try {
      return parseEnvelope(JsonCodec.parser(body), expectedId, model, method, secrets);
    } catch (IOException e) {
      throw HttpSupport.transport(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "malformed JSON-RPC answer: " + JsonCodec.describe(e), OptionalInt.of(200), null);
    }
  }

  private static Optional<Object> parseEnvelope(JsonParser parser, long expectedId, String model, String method,
      List<String> secrets) {
    Object result = null;
    boolean hasResult = false;
    Map<?, ?> error = null;
    Object id = null;
    try (JsonParser p = parser) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a JSON-RPC answer must be an object");
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        p.nextToken();
        switch (name) {
          case "result" -> {
            result = JsonCodec.readValue(p);
            hasResult = true;
          }
          case "error" -> {
            Object e = JsonCodec.readValue(p);
            if (!(e instanceof Map<?, ?> m)) {
              throw new IOException("JSON-RPC error is not an object");
            }
            error = m;
          }
          case "id" -> id = JsonCodec.readValue(p);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("truncated JSON-RPC answer");
      }
    } catch (IOException e) {
      // the parser's exception quotes the body: neither it nor its message is kept
      throw HttpSupport.transport(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "malformed JSON-RPC answer: " + JsonCodec.describe(e), OptionalInt.of(200), null);
    }
    if (expectedId >= 0 && id == null) {
      throw HttpSupport.transport(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "JSON-RPC answer without an id (request id " + expectedId + ")", OptionalInt.of(200), null);
    }
    if (expectedId >= 0 && (!(id instanceof Number n) || n.longValue() != expectedId)) {
      throw HttpSupport.transport(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "JSON-RPC answer id " + id + " does not match request id " + expectedId, OptionalInt.of(200), null);
    }
    if (error != null && hasResult) {
      throw HttpSupport.transport(Protocol.JSONRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "JSON-RPC answer with both a result and an error", OptionalInt.of(200), null);
    }
    if (error != null) {
      throw mapped(error, Protocol.JSONRPC, OptionalInt.empty(), model, method, secrets);
    }
    return hasResult && result != null ? Optional.of(result) : Optional.empty();
  }

  /** The typed exception for a JSON-RPC {@code error} or a JSON-2 error body, chosen by the server's exception name. */
  static org.odoobuild.client.OdooException mapped(Map<?, ?> error, Protocol protocol, OptionalInt status, String model,
      String method, List<String> secrets) {
    return ErrorMapper.byName(jsonError(error, protocol, status, model, method, secrets), rawName(error));
  }

  private static String rawName(Map<?, ?> error) {
    Map<?, ?> data = error.get("data") instanceof Map<?, ?> d ? d : error;
    return data.get("name") instanceof String s ? s : "";
  }

  /** Builds an {@link OdooError} from a JSON-RPC {@code error} (with {@code data}) or a JSON-2 error body; every text scrubbed. */
  static OdooError jsonError(Map<?, ?> error, Protocol protocol, OptionalInt status, String model, String method,
      List<String> secrets) {
    Map<?, ?> data = error.get("data") instanceof Map<?, ?> d ? d : error;
    String name = rawName(error);
    String message = data.get("message") instanceof String s ? s
        : error.get("message") instanceof String s2 ? s2 : "";
    String debug = data.get("debug") instanceof String s ? s : "";
    OptionalInt code = error.get("code") instanceof Number n && error != data ? OptionalInt.of(n.intValue()) : OptionalInt.empty();
    String[] secretArr = secrets.toArray(String[]::new);
    return new OdooError(ErrorMapper.scrub(name, secretArr), ErrorMapper.scrub(message, secretArr), protocol, status, code,
        debug.isEmpty() ? Optional.empty() : Optional.of(ErrorMapper.scrub(debug, secretArr)), model, method);
  }
}
