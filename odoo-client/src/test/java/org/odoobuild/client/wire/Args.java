package org.odoobuild.client.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.Context;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Query;
import org.odoobuild.client.internal.XmlRpcCodec;

/**
 * The arguments of a recorded request, protocol-neutral: JSON-2 names every argument, execute_kw
 * passes positional values plus keyword arguments. {@link #p(int, String)} finds either.
 */
final class Args {
  final boolean json2;
  final String model;
  final String method;
  final Map<String, Object> named;
  final List<Object> pos;
  final Map<String, Object> kw;
  /** The raw service arguments (JSON-RPC / XML-RPC), e.g. {@code [db, login, password, {}]}. */
  final List<Object> serviceArgs;
  final String rpcMethod;

  private Args(boolean json2, String model, String method, Map<String, Object> named, List<Object> pos,
      Map<String, Object> kw, List<Object> serviceArgs, String rpcMethod) {
    this.json2 = json2;
    this.model = model;
    this.method = method;
    this.named = named;
    this.pos = pos;
    this.kw = kw;
    this.serviceArgs = serviceArgs;
    this.rpcMethod = rpcMethod;
  }

  @SuppressWarnings("unchecked")
  static Args of(Wire.Fixture f) {
    switch (f.folder()) {
      case "json2": {
        String[] parts = f.reqPath().split("/");
        Map<String, Object> named = new LinkedHashMap<>();
        if (!f.reqBody().isBlank()) {
          try {
            if (Wire.json(f.reqBody()) instanceof Map<?, ?> m) {
              named.putAll((Map<String, Object>) m);
            }
          } catch (RuntimeException notJson) {
            // malformed on purpose
          }
        }
        return new Args(true, parts.length > 3 ? parts[3] : "", parts.length > 4 ? parts[4] : "", named, List.of(),
            Map.of(), List.of(), "");
      }
      case "jsonrpc": {
        Object env;
        try {
          env = Wire.json(f.reqBody());
        } catch (RuntimeException notJson) {
          return empty();
        }
        Map<String, Object> params = (Map<String, Object>) ((Map<String, Object>) env).get("params");
        String method = String.valueOf(params.get("method"));
        List<Object> args = params.get("args") instanceof List<?> l ? (List<Object>) l : List.of();
        return fromService(method, args);
      }
      case "xmlrpc": {
        XmlRpcCodec.MethodCall call;
        try {
          call = XmlRpcCodec.parseCall(f.reqBody().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (XmlRpcCodec.XmlRpcFormatException e) {
          return empty();
        }
        return fromService(call.methodName(), call.params());
      }
      default:
        return empty();
    }
  }

  private static Args empty() {
    return new Args(false, "", "", Map.of(), List.of(), Map.of(), List.of(), "");
  }

  @SuppressWarnings("unchecked")
  private static Args fromService(String rpcMethod, List<Object> args) {
    if (rpcMethod.equals("execute_kw") && args.size() >= 6) {
      Map<String, Object> kw = args.size() > 6 ? (Map<String, Object>) args.get(6) : Map.of();
      return new Args(false, (String) args.get(3), (String) args.get(4), Map.of(), (List<Object>) args.get(5), kw, args,
          rpcMethod);
    }
    if (rpcMethod.equals("execute") && args.size() >= 5) {
      return new Args(false, (String) args.get(3), (String) args.get(4), Map.of(), args.subList(5, args.size()), Map.of(),
          args, rpcMethod);
    }
    return new Args(false, "", "", Map.of(), List.of(), Map.of(), args, rpcMethod);
  }

  /** Positional argument {@code i} of execute_kw, or the keyword / JSON-2 name. */
  Object p(int i, String name) {
    if (json2) {
      return named.get(name);
    }
    return i < pos.size() ? pos.get(i) : kw.get(name);
  }

  /** A keyword argument. */
  Object k(String name) {
    return json2 ? named.get(name) : kw.get(name);
  }

  boolean hasK(String name) {
    return json2 ? named.containsKey(name) : kw.containsKey(name);
  }

  List<Long> ids() {
    List<Long> out = new ArrayList<>();
    for (Object o : (List<?>) p(0, "ids")) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  Domain domain(int i) {
    Object d = p(i, "domain");
    return Domain.of(d == null ? List.of() : (List<?>) d);
  }

  @SuppressWarnings("unchecked")
  static List<String> strs(Object o) {
    return o == null ? List.of() : (List<String>) o;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** The search_read / search query: domain first, then fields, offset, limit, order and context. */
  Query query(boolean withFields) {
    Query q = Query.where(domain(0));
    if (withFields && hasK("fields")) {
      q = q.fields(strs(k("fields")));
    }
    if (hasK("offset")) {
      q = q.offset(((Number) k("offset")).intValue());
    }
    if (hasK("limit")) {
      q = q.limit(((Number) k("limit")).intValue());
    }
    if (hasK("order")) {
      q = q.order((String) k("order"));
    }
    if (hasK("context")) {
      Context c = Context.empty();
      for (Map.Entry<String, Object> e : map(k("context")).entrySet()) {
        c = c.with(e.getKey(), e.getValue());
      }
      q = q.context(c);
    }
    return q;
  }
}
