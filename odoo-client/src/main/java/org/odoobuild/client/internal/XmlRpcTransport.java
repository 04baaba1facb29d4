package org.odoobuild.client.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.odoobuild.client.Call;
import org.odoobuild.client.Context;
import org.odoobuild.client.OdooTransportException.Reason;
import org.odoobuild.client.Protocol;

/** XML-RPC on {@code POST /xmlrpc/2/common} and {@code /xmlrpc/2/object}. */
public final class XmlRpcTransport implements RpcTransport {
  private final HttpSupport http;
  private final String[] secrets;

  /** Creates the transport; {@code secrets} are scrubbed from any server text. */
  public XmlRpcTransport(HttpSupport http, List<String> secrets) {
    this.http = http;
    this.secrets = secrets.toArray(String[]::new);
  }

  @Override
  public Protocol protocol() {
    return Protocol.XMLRPC;
  }

  @Override
  public Optional<Object> execute(Session session, String model, Call call, Context context) {
    List<Object> args = JsonRpcTransport.executeKwArgs(session, model, call, context);
    return send("object", "execute_kw", args, model, call.method());
  }

  @Override
  public Optional<Object> service(String service, String method, List<Object> args) {
    return send(service, method, args, "", method);
  }

  private Optional<Object> send(String service, String method, List<Object> args, String model, String label) {
    WireBody body = XmlRpcCodec.callBody(method, args);
    return http.post("/xmlrpc/2/" + service, body, Map.of(), Protocol.XMLRPC, model, label,
        new HttpSupport.Decoder<>() {
          @Override
          public boolean streams(int status, String contentType) {
            return status == 200 && HttpSupport.isXml(contentType);
          }

          @Override
          public Optional<Object> decode(java.io.InputStream in) {
            return result(parse(() -> XmlRpcCodec.parseResponse(in), model, label), model, label);
          }
        }, a -> decode(a, model, label));
  }

  private interface Parse {
    XmlRpcCodec.Response run() throws XmlRpcCodec.XmlRpcFormatException;
  }

  private XmlRpcCodec.Response parse(Parse parse, String model, String method) {
    try {
      return parse.run();
    } catch (XmlRpcCodec.XmlRpcFormatException e) {
      // the parser's exception may quote the body: only its (scrubbed) message is kept
      throw http.fail(Protocol.XMLRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "malformed XML-RPC answer: " + e.getMessage(), OptionalInt.of(200), null);
    }
  }

  /** The value of a parsed answer, empty for {@code None}, or the typed error of a fault. */
  private Optional<Object> result(XmlRpcCodec.Response r, String model, String method) {
    if (r.fault()) {
      if (ErrorMapper.isMarshalNone(r.faultCode(), r.faultString())) {
        return Optional.empty(); // the method ran and returned None; Odoo failed only to encode that
      }
      throw ErrorMapper.fault(r.faultCode(), ErrorMapper.scrub(r.faultString(), secrets), model, method);
    }
    return Optional.ofNullable(r.value());
  }

  /** Decodes an XML-RPC answer: the value, empty for {@code None}, or the typed error. */
  Optional<Object> decode(HttpSupport.HttpAnswer a, String model, String method) {
    if (a.status() != 200) {
      throw http.unexpected(a, Protocol.XMLRPC, model, method);
    }
    if (!a.isXml()) {
      throw http.fail(Protocol.XMLRPC, model, method, Reason.MALFORMED_RESPONSE, true,
          "expected an XML-RPC answer, got '" + a.contentType() + "': " + http.excerpt(a), OptionalInt.of(200), null);
    }
    return result(parse(() -> XmlRpcCodec.parseResponse(a.body()), model, method), model, method);
  }
}
