package org.odoobuild.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.ServerVersion;

/**
 * The same Odoo calls made by the SDK and by the baselines: apache xmlrpc-client 3.1.3 used the
 * naive way (XML-RPC), java.net.http + Jackson (JSON-RPC) and plain OkHttp + Jackson (JSON-2).
 * Each baseline decodes answers into plain maps and lists, as the SDK does under its
 * {@code Record}s.
 */
final class Clients {
  static final String DB = "bench";
  static final String KEY = "bench-key";
  static final int UID = 2;

  private Clients() {}

  /** The calls every client makes. */
  interface Calls extends AutoCloseable {
    /** {@code search_read([], fields, limit, order='id')}. */
    List<?> searchRead(String model, List<String> fields, int limit);

    /** {@code search_count([])}. */
    long count(String model);

    /** {@code read([id], fields)}. */
    List<?> read(String model, long id, List<String> fields);

    /** {@code create(vals)} of one record. */
    long create(String model, Map<String, Object> vals);

    /** {@code create([vals, ...])} in one request. */
    List<?> createBatch(String model, List<Map<String, Object>> vals);

    /** {@code load(fields, rows)}. */
    Object load(String model, List<String> fields, List<List<Object>> rows);

    @Override
    void close();
  }

  /** The SDK's client for {@code protocol}. */
  static Calls sdk(String url, Protocol protocol) {
    OdooClient.Builder b = OdooClient.builder().url(url).database(DB).serverVersion(ServerVersion.of(19)).protocol(protocol);
    OdooClient c = protocol == Protocol.JSON2 ? b.apiKey(KEY).build() : b.login("admin", KEY).uid(UID).build();
    return new Calls() {
      @Override
      public List<?> searchRead(String model, List<String> fields, int limit) {
        return c.model(model).searchRead(Query.all().fields(fields.toArray(String[]::new)).order("id").limit(limit));
      }

      @Override
      public long count(String model) {
        return c.model(model).count(Domain.all());
      }

      @Override
      public List<?> read(String model, long id, List<String> fields) {
        return c.model(model).read(List.of(id), fields);
      }

      @Override
      public long create(String model, Map<String, Object> vals) {
        return c.model(model).create(vals);
      }

      @Override
      public List<?> createBatch(String model, List<Map<String, Object>> vals) {
        return c.model(model).create(vals);
      }

      @Override
      public Object load(String model, List<String> fields, List<List<Object>> rows) {
        return c.model(model).load(fields, rows);
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  /** The baseline of {@code protocol}. */
  static Calls baseline(String url, Protocol protocol) {
    return switch (protocol) {
      case JSON2 -> new OkHttpJson2(url);
      case JSONRPC -> new JdkJsonRpc(url);
      case XMLRPC -> new ApacheXmlRpc(url);
      default -> throw new IllegalArgumentException(protocol.toString());
    };
  }

  /** What every baseline sends: method name, positional args, keyword args. */
  abstract static class Baseline implements Calls {
    abstract Object call(String model, String method, List<Object> args, Map<String, Object> kwargs);

    @Override
    public List<?> searchRead(String model, List<String> fields, int limit) {
      Map<String, Object> kw = new LinkedHashMap<>();
      kw.put("fields", fields);
      kw.put("limit", limit);
      kw.put("order", "id");
      return (List<?>) call(model, "search_read", List.of(List.of()), kw);
    }

    @Override
    public long count(String model) {
      return ((Number) call(model, "search_count", List.of(List.of()), Map.of())).longValue();
    }

    @Override
    public List<?> read(String model, long id, List<String> fields) {
      return (List<?>) call(model, "read", List.of(List.of((int) id), fields), Map.of());
    }

    @Override
    public long create(String model, Map<String, Object> vals) {
      return ((Number) call(model, "create", List.of(vals), Map.of())).longValue();
    }

    @Override
    public List<?> createBatch(String model, List<Map<String, Object>> vals) {
      return (List<?>) call(model, "create", List.of(vals), Map.of());
    }

    @Override
    public Object load(String model, List<String> fields, List<List<Object>> rows) {
      return call(model, "load", List.of(fields, rows), Map.of());
    }
  }

  /** Plain OkHttp + Jackson on JSON-2: the body a map, the answer read from the stream. */
  static final class OkHttpJson2 extends Baseline {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final List<String> NAMES = List.of("domain", "vals_list", "fields", "data", "ids");
    private final ObjectMapper mapper = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();
    private final String url;

    OkHttpJson2(String url) {
      this.url = url;
    }

    @Override
    Object call(String model, String method, List<Object> args, Map<String, Object> kwargs) {
      Map<String, Object> body = new LinkedHashMap<>();
      switch (method) {
        case "read" -> {
          body.put("ids", args.get(0));
          body.put("fields", args.get(1));
        }
        case "load" -> {
          body.put("fields", args.get(0));
          body.put("data", args.get(1));
        }
        case "create" -> body.put("vals_list", args.get(0));
        default -> body.put("domain", args.get(0));
      }
      body.putAll(kwargs);
      try {
        Request r = new Request.Builder().url(url + "/json/2/" + model + "/" + method)
            .header("Authorization", "bearer " + KEY).header("X-Odoo-Database", DB)
            .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON)).build();
        try (Response resp = http.newCall(r).execute()) {
          if (resp.code() != 200) {
            throw new IllegalStateException("HTTP " + resp.code());
          }
          return mapper.readValue(resp.body().byteStream(), Object.class);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** java.net.http + Jackson on JSON-RPC: the envelope a map, the answer read from the stream. */
  static final class JdkJsonRpc extends Baseline {
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final AtomicLong ids = new AtomicLong();

    JdkJsonRpc(String url) {
      this.uri = URI.create(url + "/jsonrpc");
    }

    @Override
    Object call(String model, String method, List<Object> args, Map<String, Object> kwargs) {
      List<Object> a = new ArrayList<>(List.of(DB, UID, KEY, model, method, args));
      if (!kwargs.isEmpty()) {
        a.add(kwargs);
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("service", "object");
      params.put("method", "execute_kw");
      params.put("args", a);
      Map<String, Object> envelope = new LinkedHashMap<>();
      envelope.put("jsonrpc", "2.0");
      envelope.put("method", "call");
      envelope.put("params", params);
      envelope.put("id", ids.incrementAndGet());
      try {
        HttpRequest r = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(envelope))).build();
        HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = resp.body()) {
          Map<?, ?> answer = mapper.readValue(in, Map.class);
          if (answer.containsKey("error")) {
            throw new IllegalStateException("JSON-RPC error " + answer.get("error"));
          }
          return answer.get("result");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {}
  }

  /**
   * apache xmlrpc-client 3.1.3 as integrations commonly use it: one {@code XmlRpcClient} with its
   * default transport ({@code HttpURLConnection}), {@code execute("execute_kw", Object[])}.
   */
  static final class ApacheXmlRpc extends Baseline {
    private final XmlRpcClient client = new XmlRpcClient();

    ApacheXmlRpc(String url) {
      XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
      try {
        config.setServerURL(new URL(url + "/xmlrpc/2/object"));
      } catch (java.net.MalformedURLException e) {
        throw new IllegalArgumentException(e);
      }
      client.setConfig(config);
    }

    @Override
    Object call(String model, String method, List<Object> args, Map<String, Object> kwargs) {
      Object[] params = kwargs.isEmpty() ? new Object[] {DB, UID, KEY, model, method, args}
          : new Object[] {DB, UID, KEY, model, method, args, new HashMap<>(kwargs)};
      try {
        return plain(client.execute("execute_kw", params));
      } catch (XmlRpcException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Apache answers arrays as {@code Object[]}: seen as a list, without copying. */
    private static Object plain(Object v) {
      return v instanceof Object[] a ? java.util.Arrays.asList(a) : v;
    }

    @Override
    public void close() {}
  }
}
