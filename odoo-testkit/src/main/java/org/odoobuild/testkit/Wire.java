package org.odoobuild.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP front: routing, the four protocols, error mapping and fault injection. */
final class Wire implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Wire.class);
    static final String JSON = "application/json; charset=utf-8";
    static final String XML = "text/xml; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    /** A response to send. */
    record Resp(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Resp of(int status, String contentType, String body) {
            return new Resp(status, contentType, body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        }
    }

    private final Orm orm;
    private final int version;
    private final String serverVersion;
    private final List<Object> versionInfo;
    private final Faults faults;
    final AtomicLong total = new AtomicLong();
    final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();

    Wire(Orm orm, Faults faults) {
        this.orm = orm;
        this.version = orm.version;
        this.faults = faults;
        if (version >= 19) {
            serverVersion = "19.0+e-20251227";
            versionInfo = List.of(19, 0, 0, "final", 0, "e");
        } else {
            serverVersion = "17.0-20240709";
            versionInfo = List.of(17, 0, 0, "final", 0, "");
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            total.incrementAndGet();
            perPath.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            long latency = faults.latencyNanos();
            if (latency > 0) {
                try {
                    Thread.sleep(latency / 1_000_000L, (int) (latency % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Resp resp;
            switch (faults.next()) {
                case RESET:
                    LOG.debug("fault: reset {}", path);
                    ex.close();
                    return;
                case FAIL:
                    resp = proxyError(faults.failStatus());
                    break;
                case RATE_LIMIT:
                    resp = proxyError(429);
                    resp.headers().put("Retry-After", String.valueOf(faults.retryAfterSeconds()));
                    break;
                case UNAVAILABLE:
                    resp = proxyError(503);
                    break;
                default:
                    resp = route(ex.getRequestMethod(), path, ex, body);
            }
            send(ex, resp, faults.takeTruncate());
        } catch (RuntimeException e) {
            LOG.warn("emulator failure", e);
            send(ex, Resp.of(500, HTML, "<h1>Internal Server Error</h1>"), false);
        } finally {
            ex.close();
        }
    }

    private static void send(HttpExchange ex, Resp r, boolean truncate) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            ex.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        byte[] b = r.body();
        if (truncate) {
            ex.sendResponseHeaders(r.status(), b.length == 0 ? 2 : b.length);
            OutputStream os = ex.getResponseBody();
            os.write(b, 0, b.length / 2);
            os.flush();
            // no os.close(): HttpExchange.close() then finds the body incomplete and closes the connection
            return;
        }
        ex.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        }
    }

    static Resp proxyError(int status) {
        String title = status + " " + OdooError.reason(status);
        return Resp.of(status, "text/html", "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }

    Resp notFoundPage() {
        String page = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n<title>404 | Page not found</title>\n</head>\n"
                + "<body>\n<div id=\"wrap\">\n<div class=\"container\">\n<h1>Oops! Page not found</h1>\n"
                + "<p>The page you were looking for could not be found; it is possible you have typed the address incorrectly,"
                + " but it has most probably been removed due to the recent website reorganisation.</p>\n"
                + "<a href=\"/\">Back to homepage</a>\n</div>\n</div>\n</body>\n</html>\n";
        return Resp.of(404, version >= 19 ? HTML : "text/html;charset=utf-8", page);
    }

    static Resp noDatabasePage() {
        return Resp.of(404, HTML, "<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                + "<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n"
                + "<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n"
                + "<!-- Alternatively, use the X-Odoo-Database header. -->\n");
    }

    Map<String, Object> versionMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server_version", serverVersion);
        m.put("server_version_info", new ArrayList<>(versionInfo));
        m.put("server_serie", version >= 19 ? "19.0" : "17.0");
        m.put("protocol_version", 1);
        return m;
    }

    private Resp route(String method, String path, HttpExchange ex, byte[] body) {
        switch (path) {
            case "/web/version":
            case "/json/version": {
                if (version < 19) {
                    return notFoundPage();
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version_info", new ArrayList<>(versionInfo));
                m.put("version", serverVersion);
                return Resp.of(200, JSON, Json.write(m));
            }
            case "/jsonrpc":
                return method.equals("POST") ? jsonRpc(body) : notFoundPage();
            case "/web/webclient/version_info":
                return method.equals("POST") ? webJson(body) : notFoundPage();
            case "/xmlrpc/2/common":
            case "/xmlrpc/common":
                return method.equals("POST") ? xmlRpc("common", body) : notFoundPage();
            case "/xmlrpc/2/object":
            case "/xmlrpc/object":
                return method.equals("POST") ? xmlRpc("object", body) : notFoundPage();
            case "/xmlrpc/2/db":
            case "/xmlrpc/db":
                return method.equals("POST") ? xmlRpc("db", body) : notFoundPage();
            default:
                if (path.startsWith("/json/2/") || path.equals("/json/2")) {
                    if (version < 19) {
                        return notFoundPage();
                    }
                    return json2(method, path, ex, body);
                }
                return notFoundPage();
        }
    }

    // ------------------------------------------------------------------ dispatch shared by XML-RPC and JSON-RPC

    private static final List<String[]> RPC_FRAMES = List.<String[]>of(
            new String[] {"odoo/http.py", "439", "dispatch_rpc", "return dispatch(method, params)"});
    private static final List<String[]> OBJECT_FRAMES = List.of(
            new String[] {"odoo/http.py", "439", "dispatch_rpc", "return dispatch(method, params)"},
            new String[] {"odoo/service/model.py", "129", "dispatch", "res = execute_cr(cr, uid, model, method_, args, kw)"},
            new String[] {"odoo/service/model.py", "146", "execute_cr", "result = retrying(partial(call_kw, recs, method, args, kw), env)"},
            new String[] {"odoo/service/model.py", "184", "retrying", "result = func()"});

    @SuppressWarnings("unchecked")
    private Object dispatch(String service, String method, List<Object> params, Orm.Proto proto) {
        switch (service) {
            case "common":
                switch (method) {
                    case "version":
                        return versionMap();
                    case "login":
                    case "authenticate": {
                        if (params.size() < 3) {
                            throw OdooError.typeError("exp_" + method + "() missing required positional arguments");
                        }
                        int uid = orm.authenticate(String.valueOf(params.get(0)), String.valueOf(params.get(1)), String.valueOf(params.get(2)));
                        return uid == 0 ? (Object) false : (Object) uid;
                    }
                    case "about":
                        return "See http://openerp.com";
                    default:
                        throw new OdooError("builtins.Exception", "Method not found: " + method, 500);
                }
            case "db":
                switch (method) {
                    case "list":
                        return new ArrayList<>(List.of(orm.database));
                    case "server_version":
                        return serverVersion;
                    default:
                        throw new OdooError("builtins.KeyError", "exp_" + method, 500);
                }
            case "object": {
                if (!method.equals("execute_kw") && !method.equals("execute")) {
                    throw new OdooError("builtins.NameError", "Method not available " + method, 500)
                            .frame("odoo/service/model.py", 126, "dispatch", "raise NameError(f\"Method not available {method}\")  # noqa: TRY301");
                }
                if (params.size() < 5) {
                    throw OdooError.typeError("not enough arguments for " + method);
                }
                String db = String.valueOf(params.get(0));
                if (!orm.database.equals(db)) {
                    throw new OdooError("psycopg2.OperationalError", "connection to server failed: FATAL:  database \"" + db
                            + "\" does not exist", 500);
                }
                Object uidObj = params.get(1);
                String password = params.get(2) instanceof String p ? p : "";
                if (!Py.isInt(uidObj) || !orm.checkPassword(Py.toInt(uidObj), password)) {
                    throw OdooError.accessDenied();
                }
                int uid = Py.toInt(uidObj);
                String model = String.valueOf(params.get(3));
                String m = String.valueOf(params.get(4));
                List<Object> args;
                Map<String, Object> kwargs = new LinkedHashMap<>();
                if (method.equals("execute_kw")) {
                    Object a = params.size() > 5 ? params.get(5) : List.of();
                    args = a instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(a));
                    if (params.size() > 6 && params.get(6) instanceof Map<?, ?> kw) {
                        kwargs.putAll((Map<String, Object>) kw);
                    }
                } else {
                    args = new ArrayList<>(params.subList(5, params.size()));
                }
                return orm.executeKw(uid, model, m, args, kwargs, proto);
            }
            default:
                throw new OdooError("builtins.KeyError", service, 500)
                        .frame("odoo/http.py", 438, "dispatch_rpc", "dispatch = rpc_dispatchers[service_name]");
        }
    }

    private List<String[]> outerFrames(String service) {
        return service.equals("object") ? OBJECT_FRAMES : RPC_FRAMES;
    }

    // ------------------------------------------------------------------ XML-RPC

    private static final List<String[]> XMLRPC_FRAMES = List.of(
            new String[] {"odoo/addons/rpc/controllers/xmlrpc.py", "162", "xmlrpc_2", "response = self._xmlrpc(service)"},
            new String[] {"odoo/addons/rpc/controllers/xmlrpc.py", "134", "_xmlrpc", "result = dispatch_rpc(service, method, params)"});

    private Resp xmlRpc(String service, byte[] body) {
        XmlRpc.Call call;
        try {
            call = XmlRpc.parseCall(body);
        } catch (XmlRpc.ParseError e) {
            OdooError err = new OdooError(e.pythonClass, e.getMessage(), 500)
                    .frame("odoo/addons/rpc/controllers/xmlrpc.py", 133, "_xmlrpc", "params, method = xmlrpc.client.loads(data, use_datetime=True)")
                    .frame("python3.11/xmlrpc/client.py", 1030, "loads", "p.close()")
                    .frame("python3.11/xmlrpc/client.py", 460, "close", "parser.Parse(b\"\", True) # end of data");
            return xmlFault(err, List.<String[]>of(XMLRPC_FRAMES.get(0)));
        }
        Object result;
        try {
            result = dispatch(service, call.method(), call.params(), Orm.Proto.XMLRPC);
        } catch (OdooError e) {
            List<String[]> outer = new ArrayList<>(XMLRPC_FRAMES);
            outer.addAll(outerFrames(service));
            return xmlFault(e, outer);
        } catch (RuntimeException e) {
            LOG.debug("unexpected error", e);
            return xmlFault(OdooError.typeError(String.valueOf(e.getMessage())), XMLRPC_FRAMES);
        }
        if (XmlRpc.containsNone(result)) {
            OdooError err = OdooError.typeError("cannot marshal None unless allow_none is enabled")
                    .frame("odoo/addons/rpc/controllers/xmlrpc.py", 114, "dumps", "response = OdooMarshaller(allow_none=False).dumps(params)")
                    .frame("python3.11/xmlrpc/client.py", 514, "dumps", "dump(v, write)")
                    .frame("python3.11/xmlrpc/client.py", 540, "dump_nil", "raise TypeError(\"cannot marshal None unless allow_none is enabled\")");
            return xmlFault(err, List.of(XMLRPC_FRAMES.get(0),
                    new String[] {"odoo/addons/rpc/controllers/xmlrpc.py", "135", "_xmlrpc", "return dumps((result,))"}));
        }
        return Resp.of(200, XML, XmlRpc.response(version, result));
    }

    private Resp xmlFault(OdooError e, List<String[]> outer) {
        int code = e.faultCode();
        String text = code == 1 ? e.traceback(outer) : e.getMessage();
        return Resp.of(200, XML, XmlRpc.fault(version, code, text));
    }

    // ------------------------------------------------------------------ JSON-RPC

    @SuppressWarnings("unchecked")
    private Resp jsonRpc(byte[] body) {
        Object req;
        try {
            req = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (Json.ParseError e) {
            return Resp.of(400, HTML, "Invalid JSON data");
        }
        if (!(req instanceof Map<?, ?> rm)) {
            return Resp.of(400, HTML, "Invalid JSON data");
        }
        Map<String, Object> r = (Map<String, Object>) rm;
        Object id = r.containsKey("id") ? r.get("id") : Py.NONE;
        Map<String, Object> params = r.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        String service = String.valueOf(params.getOrDefault("service", ""));
        String method = String.valueOf(params.getOrDefault("method", ""));
        List<Object> args = params.get("args") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        try {
            return jsonRpcResult(id, dispatch(service, method, args, Orm.Proto.JSONRPC));
        } catch (OdooError e) {
            return jsonRpcError(id, e, outerFrames(service));
        } catch (RuntimeException e) {
            LOG.debug("unexpected error", e);
            return jsonRpcError(id, OdooError.typeError(String.valueOf(e.getMessage())), RPC_FRAMES);
        }
    }

    @SuppressWarnings("unchecked")
    private Resp webJson(byte[] body) {
        Object req;
        try {
            req = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (Json.ParseError e) {
            return Resp.of(400, HTML, "Invalid JSON data");
        }
        Object id = req instanceof Map<?, ?> m && ((Map<String, Object>) m).containsKey("id") ? ((Map<String, Object>) m).get("id") : Py.NONE;
        return jsonRpcResult(id, versionMap());
    }

    private static Resp jsonRpcResult(Object id, Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        if (result != Py.NONE) {
            out.put("result", result);
        }
        return Resp.of(200, JSON, Json.write(out));
    }

    private Resp jsonRpcError(Object id, OdooError e, List<String[]> outer) {
        String debug = version >= 19 && e.pythonClass.equals("odoo.exceptions.AccessDenied")
                ? "odoo.exceptions.AccessDenied: Access Denied\n" : e.traceback(outer);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", e.pythonClass);
        if (version < 19) {
            data.put("debug", debug);
        }
        data.put("message", e.getMessage());
        data.put("arguments", new ArrayList<>(List.of(e.getMessage())));
        data.put("context", new LinkedHashMap<>());
        if (version >= 19) {
            data.put("debug", debug);
        }
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", version >= 19 ? 0 : 200);
        err.put("message", "Odoo Server Error");
        err.put("data", data);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        out.put("error", err);
        return Resp.of(200, JSON, Json.write(out));
    }

    // ------------------------------------------------------------------ JSON-2

    private static final List<String[]> JSON2_FRAMES = List.of(
            new String[] {"odoo/http.py", "2275", "_serve_db", "return service_model.retrying(serve_func, env=self.env)"},
            new String[] {"odoo/service/model.py", "184", "retrying", "result = func()"},
            new String[] {"odoo/http.py", "2330", "_serve_ir_http", "response = self.dispatcher.dispatch(rule.endpoint, args)"},
            new String[] {"odoo/http.py", "2610", "dispatch", "result = self.request.registry['ir.http']._dispatch(endpoint)"},
            new String[] {"odoo/addons/base/models/ir_http.py", "355", "_dispatch", "result = endpoint(**request.params)"});

    @SuppressWarnings("unchecked")
    private Resp json2(String method, String path, HttpExchange ex, byte[] body) {
        String db = ex.getRequestHeaders().getFirst("X-Odoo-Database");
        if (db != null && !db.equals(orm.database)) {
            return noDatabasePage();
        }
        String[] parts = path.substring("/json/2/".length()).split("/", -1);
        if (!method.equals("POST") || parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return json2Error(OdooError.werkzeug(404, "Did you mean POST /json/2/<model>/<method>?")
                    .frame("odoo/addons/rpc/controllers/json2.py", 47, "web_json_2_404", "raise request.not_found(e)"));
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "bearer ", 0, 7)) {
            return json2Error(OdooError.werkzeug(401, "User not authenticated, use an API Key with a Bearer Authorization header.")
                    .frame("odoo/addons/base/models/ir_http.py", 242, "_auth_method_bearer",
                            "raise Unauthorized(e, www_authenticate=WWWAuthenticate('bearer'))"));
        }
        int uid = orm.uidForApiKey(auth.substring(7).trim());
        if (uid == 0) {
            return json2Error(OdooError.werkzeug(401, "Invalid apikey")
                    .frame("odoo/addons/base/models/ir_http.py", 242, "_auth_method_bearer",
                            "raise Unauthorized(e, www_authenticate=WWWAuthenticate('bearer'))"));
        }
        Map<String, Object> args;
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            args = new LinkedHashMap<>();
        } else {
            Object parsed;
            try {
                parsed = Json.parse(text);
            } catch (Json.ParseError e) {
                return json2Error(OdooError.werkzeug(400, "could not parse the body as json: " + e.getMessage())
                        .frame("odoo/http.py", 2603, "dispatch", "raise werkzeug.exceptions.BadRequest(e) from exc"));
            }
            if (!(parsed instanceof Map<?, ?> pm)) {
                return json2Error(OdooError.werkzeug(400, "could not parse the body, expecting a json object"));
            }
            args = new LinkedHashMap<>((Map<String, Object>) pm);
        }
        try {
            Object result = orm.json2(uid, parts[0], parts[1], args);
            return Resp.of(200, JSON, Json.write(result));
        } catch (OdooError e) {
            return json2Error(e);
        } catch (RuntimeException e) {
            LOG.debug("unexpected error", e);
            return json2Error(OdooError.typeError(String.valueOf(e.getMessage())));
        }
    }

    private Resp json2Error(OdooError e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.pythonClass);
        out.put("message", e.getMessage());
        List<Object> arguments = new ArrayList<>();
        arguments.add(e.getMessage());
        if (e.isWerkzeug()) {
            arguments.add(e.json2Status);
        }
        out.put("arguments", arguments);
        out.put("context", new LinkedHashMap<>());
        out.put("debug", e.traceback(JSON2_FRAMES));
        Resp r = Resp.of(e.json2Status, JSON, Json.write(out));
        if (e.json2Status == 401) {
            r.headers().put("WWW-Authenticate", "Bearer ");
        }
        return r;
    }
}
