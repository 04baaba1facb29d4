package org.odoobuild.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny test client for the emulator (JSON-RPC, JSON-2, XML-RPC) on java.net.http. */
final class Rpc {

    /** An error answer: the JSON-RPC {@code error.data} (or JSON-2 body, or XML-RPC fault struct). */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Map<String, Object> data;
        final int status;

        Failure(int status, Map<String, Object> data) {
            super(String.valueOf(data.getOrDefault("name", data.get("faultCode"))) + ": "
                    + data.getOrDefault("message", data.get("faultString")));
            this.status = status;
            this.data = data;
        }

        String name() {
            return String.valueOf(data.get("name"));
        }

        String message() {
            return String.valueOf(data.containsKey("message") ? data.get("message") : data.get("faultString"));
        }
    }

    final OdooEmulator odoo;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String password = "admin";
    int uid = 2;
    private int seq;

    Rpc(OdooEmulator odoo) {
        this.odoo = odoo;
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(odoo.url() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(odoo.url() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> jsonRpcRaw(String service, String method, List<?> args) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("service", service);
        params.put("method", method);
        params.put("args", args);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("jsonrpc", "2.0");
        req.put("method", "call");
        req.put("params", params);
        req.put("id", ++seq);
        HttpResponse<String> r = post("/jsonrpc", "application/json", Json.write(req));
        return (Map<String, Object>) Json.parse(r.body());
    }

    @SuppressWarnings("unchecked")
    Object jsonRpc(String service, String method, List<?> args) throws Exception {
        Map<String, Object> resp = jsonRpcRaw(service, method, args);
        if (resp.containsKey("error")) {
            throw new Failure(200, (Map<String, Object>) ((Map<String, Object>) resp.get("error")).get("data"));
        }
        return resp.containsKey("result") ? resp.get("result") : Py.NONE;
    }

    /** execute_kw over JSON-RPC. */
    Object call(String model, String method, List<?> args, Map<String, ?> kwargs) throws Exception {
        List<Object> a = new ArrayList<>(List.of(odoo.database(), uid, password, model, method, args));
        a.add(kwargs);
        return jsonRpc("object", "execute_kw", a);
    }

    Object call(String model, String method, List<?> args) throws Exception {
        return call(model, method, args, Map.of());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> searchRead(String model, List<?> domain, Map<String, ?> kwargs) throws Exception {
        return (List<Map<String, Object>>) call(model, "search_read", List.of(domain), kwargs);
    }

    /** JSON-2 call; returns status and parsed body. */
    Object[] json2(String key, String model, String method, Map<String, ?> body) throws Exception {
        HttpResponse<String> r = post("/json/2/" + model + "/" + method, "application/json", Json.write(body),
                "Authorization", "bearer " + key, "X-Odoo-Database", odoo.database());
        return new Object[] {r.statusCode(), r.body().isEmpty() ? Py.NONE : Json.parse(r.body()), r};
    }

    /** XML-RPC call on /xmlrpc/2/{service}. */
    XmlRpc.Response xmlRpc(String service, String method, List<?> params) throws Exception {
        HttpResponse<String> r = post("/xmlrpc/2/" + service, "text/xml", XmlRpc.call(method, params));
        return XmlRpc.parseResponse(r.body());
    }
}
