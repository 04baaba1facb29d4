package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.odoobuild.client.Call;
import org.odoobuild.client.Domain;
import org.odoobuild.client.FieldInfo;
import org.odoobuild.client.LoadResult;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooAccessException;
import org.odoobuild.client.OdooAuthenticationException;
import org.odoobuild.client.OdooBadRequestException;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooMissingRecordException;
import org.odoobuild.client.OdooNotFoundException;
import org.odoobuild.client.OdooUserException;
import org.odoobuild.client.OdooValidationException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Record;
import org.odoobuild.client.ServerVersion;
import org.odoobuild.client.internal.JsonRpcTransport;
import org.odoobuild.client.internal.XmlRpcCodec;

/**
 * Replays every recorded Odoo 19 exchange: a stub answers with the recorded response, the client
 * makes the same call through its public API, and both the request it sent and the value or
 * exception it decoded are compared with the recording.
 */
class WireReplayTest {
  static final Object VOID = new Object() {
    @Override
    public String toString() {
      return "(void)";
    }
  };

  /** One client call per file id; shared by the protocol folders that recorded that id. */
  interface Action {
    Object run(OdooClient c, Args a) throws Exception;
  }

  static final Map<String, Action> TYPED = new HashMap<>();
  /** Deliberately malformed requests the typed API cannot produce: sent raw, answer decoded by a client call. */
  static final Map<String, Action> RAW = new HashMap<>();
  static final Map<String, Class<? extends OdooException>> FAILS = new HashMap<>();
  static final Map<String, BiConsumer<Wire.Fixture, Object>> SPOT = new HashMap<>();

  static final Set<String> COVERED = ConcurrentHashMap.newKeySet();
  static final AtomicInteger BODIES_COMPARED = new AtomicInteger();
  static final AtomicInteger BYTE_IDENTICAL = new AtomicInteger();
  static final AtomicInteger IDENTICAL_BUT_ID = new AtomicInteger();
  static final Set<String> NOT_IDENTICAL = ConcurrentHashMap.newKeySet();

  static {
    Action searchRead = (c, a) -> c.model(a.model).searchRead(a.query(true));
    Action search = (c, a) -> c.model(a.model).search(a.query(false));
    Action count = (c, a) -> c.model(a.model).count(a.domain(0));
    Action read = (c, a) -> c.model(a.model).read(a.ids(), Args.strs(a.p(1, "fields")));
    Action create = (c, a) -> {
      Object vals = a.p(0, "vals_list");
      if (vals instanceof List<?> list) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) list;
        return c.model(a.model).create(rows);
      }
      return c.model(a.model).create(Args.map(vals));
    };
    Action write = (c, a) -> {
      c.model(a.model).write(a.ids(), Args.map(a.p(1, "vals")));
      return VOID;
    };
    Action unlink = (c, a) -> {
      c.model(a.model).unlink(a.ids());
      return VOID;
    };
    Action callOnIds = (c, a) -> c.model(a.model).call(Call.method(a.method).ids(a.ids()));
    Action fieldsGet = (c, a) -> c.model(a.model).fieldsGet(Args.strs(a.k("allfields")), Args.strs(a.k("attributes")));
    Action load = (c, a) -> {
      @SuppressWarnings("unchecked")
      List<List<Object>> rows = (List<List<Object>>) a.p(1, "data");
      return c.model(a.model).load(Args.strs(a.p(0, "fields")), rows);
    };
    Action uid = (c, a) -> c.uid();
    Action contextGet = (c, a) -> c.model("res.users").call(Call.method("context_get"));

    for (String id : List.of("search-read-partners", "search-read-partners-paged", "search-read-projects",
        "search-read-with-context", "search-read-equipment", "search-read-analytic-accounts", "search-read-2000-fields",
        "read-loaded-partners", "limited-user-read-partner", "error-access-error", "error-invalid-domain-field",
        "error-invalid-field-in-fields", "error-unknown-model")) {
      TYPED.put(id, searchRead);
    }
    TYPED.put("search-partners", search);
    for (String id : List.of("search-count-partners", "no-database-header", "error-bad-api-key",
        "error-unknown-database-header", "error-access-denied")) {
      TYPED.put(id, count);
    }
    for (String id : List.of("read-equipment", "read-partners", "read-purchase-order", "read-purchase-order-cancelled",
        "read-purchase-order-confirmed", "read-purchase-order-lines")) {
      TYPED.put(id, read);
    }
    for (String id : List.of("create-equipment", "create-limited-user", "create-partner-batch", "create-partner-single",
        "create-purchase-order", "error-access-error-acl-create", "error-validation-sql-constraint")) {
      TYPED.put(id, create);
    }
    for (String id : List.of("write-partner", "write-partner-many2one-false", "error-missing-record",
        "error-validation-recursive-parent")) {
      TYPED.put(id, write);
    }
    for (String id : List.of("unlink-partner", "unlink-cancelled-purchase-order", "error-user-error-unlink-confirmed-po")) {
      TYPED.put(id, unlink);
    }
    for (String id : List.of("button-cancel-purchase-order", "button-confirm-purchase-order", "error-private-method",
        "error-unknown-method")) {
      TYPED.put(id, callOnIds);
    }
    for (String id : List.of("fields-get-partner", "fields-get-partner-all", "fields-get-project")) {
      TYPED.put(id, fieldsGet);
    }
    for (String id : List.of("load-partners-create", "load-partners-update", "load-partners-bad-row")) {
      TYPED.put(id, load);
    }
    TYPED.put("authenticate", uid);
    TYPED.put("authenticate-wrong-password", uid);
    TYPED.put("context-get", (c, a) -> {
      Optional<Object> ctx = contextGet.run(c, a) instanceof Optional<?> o ? Optional.ofNullable(o.orElse(null)) : null;
      assertEquals(2L, c.uid(), "JSON-2 uid comes from res.users.context_get");
      return ctx;
    });
    TYPED.put("execute-kw-with-api-key", contextGet);
    TYPED.put("execute-search-count", (c, a) -> c.execute(a.model, a.method, a.pos));
    TYPED.put("login", (c, a) -> c.service("common", "login", a.serviceArgs));
    TYPED.put("login-wrong-password", (c, a) -> c.service("common", "login", a.serviceArgs));
    TYPED.put("version", (c, a) -> {
      Object v = c.service("common", "version", List.of()).orElseThrow();
      return ServerVersion.of((Map<?, ?>) v);
    });
    TYPED.put("web-version", (c, a) -> {
      ServerVersion v = c.version();
      assertEquals(Protocol.JSON2, c.protocol(), "19 with an API key: AUTO picks JSON-2");
      return v;
    });
    TYPED.put("name-search-partners",
        (c, a) -> c.model(a.model).nameSearch((String) a.p(0, "name"), ((Number) a.k("limit")).intValue()));
    TYPED.put("read-group-purchase-orders", (c, a) -> c.model(a.model).readGroup(a.domain(0),
        Args.strs(a.p(1, "fields")), Args.strs(a.p(2, "groupby"))));
    TYPED.put("formatted-read-group-purchase-orders", (c, a) -> c.model(a.model).formattedReadGroup(a.domain(0),
        Args.strs(a.k("groupby")), Args.strs(a.k("aggregates"))));
    TYPED.put("error-unexpected-kwarg-search-read", (c, a) -> c.model(a.model).call(Call.method("search_read")
        .arg("domain", a.domain(0)).kwarg("fields", a.k("fields")).kwarg("limit", a.k("limit"))
        .kwarg("wire_bogus_kwarg", a.k("wire_bogus_kwarg"))));
    TYPED.put("error-wrong-arguments", (c, a) -> c.model(a.model).call(Call.method("search_count")
        .arg("domain", a.domain(0)).kwarg("wire_bogus_kwarg", a.k("wire_bogus_kwarg"))));
    TYPED.put("error-model-method-with-ids", (c, a) -> c.model(a.model).call(Call.method("search_count").ids(a.ids())
        .arg("domain", a.domain(0))));
    TYPED.put("error-unknown-rpc-method", (c, a) -> c.service("object", a.rpcMethod, a.serviceArgs));
    TYPED.put("error-unknown-service", (c, a) -> c.service("wire_no_such_service", "version", a.serviceArgs));

    // raw requests: after the raw exchange, the recorded answer is fed to this client call
    Action countPartners = (c, a) -> c.model("res.partner").count(Domain.all());
    for (String id : List.of("error-malformed-xml", "error-malformed-json", "error-invalid-json-body", "empty-body",
        "error-get-method", "error-no-method-in-path", "error-missing-authorization")) {
      RAW.put(id, countPartners);
    }
    RAW.put("webclient-version-info", (c, a) -> null); // decoded with JsonRpcTransport.parseEnvelope
    RAW.put("json-version", (c, a) -> {
      ServerVersion v = c.version();
      assertEquals(Protocol.JSON2, c.protocol());
      return v;
    });

    FAILS.put("authenticate-wrong-password", OdooAuthenticationException.class);
    FAILS.put("error-access-denied", OdooAuthenticationException.class);
    FAILS.put("error-bad-api-key", OdooAuthenticationException.class);
    FAILS.put("error-missing-authorization", OdooAuthenticationException.class);
    FAILS.put("error-access-error", OdooAccessException.class);
    FAILS.put("error-access-error-acl-create", OdooAccessException.class);
    FAILS.put("error-private-method", OdooAccessException.class);
    for (String id : List.of("error-invalid-domain-field", "error-invalid-field-in-fields",
        "error-unexpected-kwarg-search-read", "error-wrong-arguments", "error-model-method-with-ids", "empty-body",
        "error-invalid-json-body", "error-malformed-xml", "error-malformed-json")) {
      FAILS.put(id, OdooBadRequestException.class);
    }
    FAILS.put("error-missing-record", OdooMissingRecordException.class);
    for (String id : List.of("error-unknown-method", "error-unknown-model", "error-unknown-rpc-method",
        "error-unknown-service", "error-get-method", "error-no-method-in-path", "error-unknown-database-header")) {
      FAILS.put(id, OdooNotFoundException.class);
    }
    FAILS.put("error-user-error-unlink-confirmed-po", OdooUserException.class);
    FAILS.put("error-validation-recursive-parent", OdooValidationException.class);
    FAILS.put("error-validation-sql-constraint", OdooValidationException.class);

    // typed spot checks on top of the generic comparison with the recording
    SPOT.put("read-partners", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record single = ((List<Record>) r).get(0);
      assertEquals(Optional.of("WIRE-Single Co"), single.getString("name"));
      assertEquals(Optional.empty(), single.getMany2one("parent_id"), "false many2one");
      assertEquals(Optional.of(new Many2one(233, "United States")), single.getMany2one("country_id"));
      assertEquals(Optional.empty(), single.getString("vat"), "false char");
      assertTrue(single.getBoolean("is_company"));
      assertTrue(single.getDateTime("create_date").isPresent());
      assertEquals(2500.75, single.getDouble("credit_limit"));
    });
    SPOT.put("read-equipment", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record e = ((List<Record>) r).get(0);
      assertEquals(Optional.of(LocalDate.of(2024, 3, 15)), e.getDate("effective_date"));
      assertEquals(Optional.empty(), e.getDate("warranty_date"));
      assertEquals(Optional.of("Computers"), e.getMany2one("category_id").map(Many2one::displayName));
      assertEquals(125000.5, e.getDouble("cost"));
      assertEquals(0L, e.getLong("maintenance_count"));
    });
    SPOT.put("read-purchase-order", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record po = ((List<Record>) r).get(0);
      assertEquals(2, po.getIds("order_line").size());
      assertEquals(Optional.of("draft"), po.getString("state"));
      assertEquals(Optional.empty(), po.getDateTime("date_approve"));
      assertTrue(po.getDateTime("date_order").isPresent());
    });
    SPOT.put("read-purchase-order-confirmed", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record po = ((List<Record>) r).get(0);
      String text = (String) po.asMap().get("date_approve");
      assertTrue(text.startsWith("2026-11-22 "), text);
      assertEquals(Optional.of(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC)),
          po.getDateTime("date_approve"));
      assertEquals(new java.math.BigDecimal("215.63"), po.getDecimal("amount_total"));
    });
    SPOT.put("read-purchase-order-lines", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record line = ((List<Record>) r).get(0);
      assertEquals(Optional.of(new Many2one(5, "[FURN_7777] Office Chair")), line.getMany2one("product_id"));
      assertEquals(1, line.getIds("tax_ids").size());
      assertEquals(3.0, line.getDouble("product_qty"));
    });
    SPOT.put("load-partners-bad-row", (f, r) -> {
      LoadResult lr = (LoadResult) r;
      assertFalse(lr.isSuccess());
      assertTrue(lr.ids().isEmpty());
      assertEquals(1, lr.errors().size());
      LoadResult.Message m = lr.errors().get(0);
      assertEquals(Optional.of("supplier_rank"), m.field());
      assertEquals(Optional.of("Supplier Rank"), m.fieldLabel());
      assertEquals(Optional.of(0), m.row());
      assertEquals("'not-a-number' does not seem to be an integer for field 'Supplier Rank'", m.message());
    });
    SPOT.put("load-partners-create", (f, r) -> assertTrue(((LoadResult) r).isSuccess()));
    SPOT.put("button-cancel-purchase-order", (f, r) -> assertEquals(Optional.empty(), r, "None is Optional.empty"));
    SPOT.put("search-read-2000-fields", (f, r) -> assertEquals(2000, ((List<?>) r).size()));
    SPOT.put("fields-get-partner", (f, r) -> {
      @SuppressWarnings("unchecked")
      Map<String, FieldInfo> fi = (Map<String, FieldInfo>) r;
      assertEquals("many2one", fi.get("parent_id").type());
      assertEquals(Optional.of("res.partner"), fi.get("parent_id").relation());
      assertTrue(fi.get("parent_id").isRelational());
      assertFalse(fi.get("type").selection().isEmpty());
    });
    SPOT.put("fields-get-project", (f, r) -> {
      @SuppressWarnings("unchecked")
      Map<String, FieldInfo> fi = (Map<String, FieldInfo>) r;
      assertTrue(fi.containsKey("account_id"));
      assertFalse(fi.containsKey("analytic_account_id"), "absent names are left out");
    });
    SPOT.put("formatted-read-group-purchase-orders", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record g = ((List<Record>) r).get(0);
      assertEquals(Optional.of(new Many2one(15, "Azure Interior")), g.getMany2one("partner_id"));
      assertEquals(2L, g.getLong("__count"));
      assertEquals(3174.0, g.getDouble("amount_total:sum"));
    });
    SPOT.put("read-group-purchase-orders", (f, r) -> {
      @SuppressWarnings("unchecked")
      Record g = ((List<Record>) r).get(0);
      assertEquals(2L, g.getLong("partner_id_count"));
      assertEquals(0L, g.id(), "a group has no id");
    });
    SPOT.put("version", (f, r) -> {
      ServerVersion v = (ServerVersion) r;
      assertEquals(19, v.major());
      assertTrue(v.enterprise());
      assertEquals("19.0+e-20251227", v.version());
    });
    SPOT.put("web-version", SPOT.get("version"));
  }

  // ------------------------------------------------------------------ the suite

  @TestFactory
  Stream<DynamicTest> replayEveryRecordedExchange() {
    return Wire.allFiles().stream().map(Wire::load).map(f -> dynamicTest(f.key(), f.file().toUri(), () -> replay(f)));
  }

  @Test
  void everyRecordedFileHasATest() {
    List<Path> files = Wire.allFiles();
    assertEquals(180, files.size(), "the Odoo 19 recordings hold 180 files");
    Set<String> uncovered = new TreeSet<>();
    for (Path p : files) {
      Wire.Fixture f = Wire.load(p);
      if (!TYPED.containsKey(f.id()) && !RAW.containsKey(f.id())) {
        uncovered.add(f.key());
      }
    }
    assertTrue(uncovered.isEmpty(), "recorded files no test covers: " + uncovered);
  }

  @AfterAll
  static void report() {
    System.out.printf("odoo-wire replay: %d/%d files replayed, %d/%d request bodies byte-identical, %d more identical"
        + " apart from the JSON-RPC id (differ otherwise: %s)%n", COVERED.size(), Wire.allFiles().size(),
        BYTE_IDENTICAL.get(), BODIES_COMPARED.get(), IDENTICAL_BUT_ID.get(), new TreeSet<>(NOT_IDENTICAL));
  }

  static void replay(Wire.Fixture f) throws Exception {
    if (RAW.containsKey(f.id())) {
      replayRaw(f);
    } else {
      Action action = TYPED.get(f.id());
      if (action == null) {
        fail("no test covers " + f.key());
      }
      replayTyped(f, action);
    }
    COVERED.add(f.key());
  }

  static void replayTyped(Wire.Fixture f, Action action) throws Exception {
    Args args = Args.of(f);
    try (StubServer stub = new StubServer(req -> answer(f, req)); OdooClient client = client(f, stub)) {
      Object result = null;
      OdooException failure = null;
      try {
        result = action.run(client, args);
      } catch (OdooException e) {
        failure = e;
      }
      StubServer.Req sent = mainRequest(f, stub.captured());
      assertRequest(f, sent);
      Class<? extends OdooException> expectedFailure = FAILS.get(f.id());
      if (f.key().equals("xmlrpc/error-validation-recursive-parent")) {
        // XML-RPC fault 2 does not name the class: a python-constraint ValidationError reads as a UserError
        expectedFailure = OdooUserException.class;
      }
      if (expectedFailure != null) {
        assertNotNull(failure, f.key() + " should fail with " + expectedFailure.getSimpleName() + ", got " + result);
        assertEquals(expectedFailure, failure.getClass(), f.key() + ": " + failure);
        assertErrorAsRecorded(f, failure);
      } else {
        if (failure != null) {
          throw new AssertionError(f.key() + " failed unexpectedly", failure);
        }
        assertResultAsRecorded(f, result);
        BiConsumer<Wire.Fixture, Object> spot = SPOT.get(f.id());
        if (spot != null) {
          spot.accept(f, result);
        }
      }
    }
  }

  static void replayRaw(Wire.Fixture f) throws Exception {
    try (StubServer stub = new StubServer(req -> recorded(f, req))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(stub.url() + f.reqPath())).timeout(Duration.ofSeconds(10));
      f.reqHeaders().forEach(rb::header);
      rb.method(f.reqMethod(), f.reqMethod().equals("GET") ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(f.reqBody(), StandardCharsets.UTF_8));
      HttpResponse<String> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      StubServer.Req sent = stub.captured().get(0);
      assertEquals(f.reqMethod(), sent.method());
      assertEquals(f.reqPath(), sent.path());
      for (Map.Entry<String, String> h : f.reqHeaders().entrySet()) {
        assertEquals(h.getValue(), sent.header(h.getKey()), h.getKey());
      }
      countBody(f, f.reqBody(), sent.text());
      assertEquals(f.reqBody(), sent.text());
      assertEquals(f.status(), resp.statusCode());
      assertEquals(f.respBody(), resp.body());
    }
    Args args = Args.of(f);
    if (f.id().equals("webclient-version-info")) {
      long id = ((Number) ((Map<?, ?>) Wire.json(f.reqBody())).get("id")).longValue();
      Object v = JsonRpcTransport.parseEnvelope(f.respBody().getBytes(StandardCharsets.UTF_8), id, "", "version_info",
          List.of()).orElseThrow();
      ServerVersion sv = ServerVersion.of((Map<?, ?>) v);
      assertEquals(new ServerVersion("19.0+e-20251227", 19, 0, true), sv);
      assertEquals("19.0", ((Map<?, ?>) v).get("server_serie"));
      return;
    }
    // the recorded answer, decoded by the client: feed it through a stub to an ordinary call
    try (StubServer stub = new StubServer(req -> answer(f, req)); OdooClient client = client(f, stub)) {
      Class<? extends OdooException> expectedFailure = FAILS.get(f.id());
      if (expectedFailure == null) {
        Object result = RAW.get(f.id()).run(client, args);
        assertResultAsRecorded(f, result);
        return;
      }
      OdooException e = assertThrows(OdooException.class, () -> RAW.get(f.id()).run(client, args));
      assertEquals(expectedFailure, e.getClass(), f.key() + ": " + e);
      assertErrorAsRecorded(f, e);
    }
  }

  // ------------------------------------------------------------------ stub answers

  static StubServer.Resp answer(Wire.Fixture f, StubServer.Req req) {
    boolean rpc = f.folder().equals("jsonrpc") || f.folder().equals("xmlrpc");
    if (rpc && isAuthenticate(req) && !f.id().startsWith("authenticate")) {
      long uid = recordedUid(f);
      if (req.path().equals("/jsonrpc")) {
        Object id = ((Map<?, ?>) Wire.json(req.text())).get("id");
        return StubServer.Resp.of(200, "application/json; charset=utf-8",
            "{\"jsonrpc\": \"2.0\", \"id\": " + id + ", \"result\": " + uid + "}");
      }
      return StubServer.Resp.of(200, "text/xml; charset=utf-8", "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n"
          + "<param>\n<value><int>" + uid + "</int></value>\n</param>\n</params>\n\n</methodResponse>\n");
    }
    return recorded(f, req);
  }

  /** The recorded response; a JSON-RPC envelope echoes the request's id, as Odoo does. */
  static StubServer.Resp recorded(Wire.Fixture f, StubServer.Req req) {
    String body = f.respBody();
    if (f.folder().equals("jsonrpc") && body.startsWith("{\"jsonrpc\": \"2.0\", \"id\": ")) {
      try {
        Object id = ((Map<?, ?>) Wire.json(req.text())).get("id");
        if (id != null) {
          body = body.replaceFirst("^\\{\"jsonrpc\": \"2.0\", \"id\": \\d+", "{\"jsonrpc\": \"2.0\", \"id\": " + id);
        }
      } catch (RuntimeException notJson) {
        // keep the recorded id
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(f.respHeaders());
    return new StubServer.Resp(f.status(), headers, body.getBytes(StandardCharsets.UTF_8));
  }

  static boolean isAuthenticate(StubServer.Req req) {
    try {
      if (req.path().equals("/jsonrpc")) {
        Map<?, ?> params = (Map<?, ?>) ((Map<?, ?>) Wire.json(req.text())).get("params");
        return "common".equals(params.get("service")) && "authenticate".equals(params.get("method"));
      }
      if (req.path().equals("/xmlrpc/2/common")) {
        return XmlRpcCodec.parseCall(req.body()).methodName().equals("authenticate");
      }
    } catch (Exception e) {
      return false;
    }
    return false;
  }

  static long recordedUid(Wire.Fixture f) {
    Args a = Args.of(f);
    if ((a.rpcMethod.equals("execute_kw") || a.rpcMethod.equals("execute")) && a.serviceArgs.get(1) instanceof Number n) {
      return n.longValue();
    }
    if (a.rpcMethod.equals("wire_no_such_rpc") && a.serviceArgs.get(1) instanceof Number n) {
      return n.longValue();
    }
    return 2;
  }

  static StubServer.Req mainRequest(Wire.Fixture f, List<StubServer.Req> captured) {
    List<StubServer.Req> main = new ArrayList<>();
    for (StubServer.Req r : captured) {
      if (f.id().startsWith("authenticate") || !isAuthenticate(r)) {
        main.add(r);
      }
    }
    assertFalse(main.isEmpty(), f.key() + ": the client sent no request (captured " + captured.size() + ")");
    return main.get(main.size() - 1);
  }

  // ------------------------------------------------------------------ clients

  static OdooClient client(Wire.Fixture f, StubServer stub) {
    OdooClient.Builder b = OdooClient.builder().url(stub.url()).timeout(Duration.ofSeconds(20)).retries(0);
    switch (f.folder()) {
      case "http":
        return b.apiKey("<API_KEY>").database("construction").build();
      case "json2": {
        String auth = f.reqHeaders().get("Authorization");
        String key = auth != null && auth.startsWith("bearer ") ? auth.substring(7) : "<API_KEY>";
        return b.protocol(Protocol.JSON2).serverVersion(ServerVersion.of(19)).apiKey(key)
            .database(f.reqHeaders().getOrDefault("X-Odoo-Database", "")).build();
      }
      default: {
        b.protocol(f.folder().equals("xmlrpc") ? Protocol.XMLRPC : Protocol.JSONRPC).serverVersion(ServerVersion.of(19))
            .database("construction");
        Args a = Args.of(f);
        String password = "admin";
        String login = "admin";
        if (a.rpcMethod.equals("authenticate") || a.rpcMethod.equals("login")) {
          login = (String) a.serviceArgs.get(1);
          password = (String) a.serviceArgs.get(2);
        } else if (a.serviceArgs.size() > 2 && a.serviceArgs.get(2) instanceof String s) {
          password = s;
          login = s.equals("limited") ? "wire.limited" : "admin";
        }
        if (password.equals("<API_KEY>")) {
          return b.apiKey(password).login(login).build();
        }
        return b.login(login, password).build();
      }
    }
  }

  // ------------------------------------------------------------------ request comparison

  static void assertRequest(Wire.Fixture f, StubServer.Req sent) {
    String k = f.key();
    assertEquals(f.reqMethod(), sent.method(), k + " method");
    assertEquals(f.reqPath(), sent.path(), k + " path");
    String recordedType = f.reqHeaders().get("Content-Type");
    if (recordedType != null) {
      assertEquals(mediaType(recordedType), mediaType(sent.header("Content-Type")), k + " Content-Type");
    }
    if (f.folder().equals("json2")) {
      assertEquals(f.reqHeaders().get("Authorization"), sent.header("Authorization"), k + " Authorization");
      assertEquals(f.reqHeaders().get("X-Odoo-Database"), sent.header("X-Odoo-Database"), k + " X-Odoo-Database");
    } else {
      assertNull(sent.header("Authorization"), k + " sends no Authorization header");
    }
    String rec = f.reqBody();
    String got = sent.text();
    countBody(f, rec, got);
    if (rec.isEmpty()) {
      assertEquals("", got, k + " body");
      return;
    }
    switch (f.folder()) {
      case "json2" -> assertEquals(Wire.json(rec), Wire.json(got), k + " body");
      case "jsonrpc" -> {
        Object sentEnvelope = Wire.json(got);
        assertInstanceOf(Number.class, ((Map<?, ?>) sentEnvelope).get("id"), k + " JSON-RPC id");
        assertEquals(Wire.withoutId(Wire.json(rec)), Wire.withoutId(sentEnvelope), k + " body");
      }
      case "xmlrpc" -> {
        XmlRpcCodec.MethodCall want = Wire.xmlCall(rec);
        XmlRpcCodec.MethodCall have = Wire.xmlCall(got);
        assertEquals(want.methodName(), have.methodName(), k + " methodName");
        assertEquals(want.params(), have.params(), k + " params");
      }
      default -> fail("unexpected folder " + f.folder());
    }
  }

  static void countBody(Wire.Fixture f, String rec, String got) {
    BODIES_COMPARED.incrementAndGet();
    if (rec.equals(got)) {
      BYTE_IDENTICAL.incrementAndGet();
    } else if (f.folder().equals("jsonrpc") && idFree(rec).equals(idFree(got))) {
      IDENTICAL_BUT_ID.incrementAndGet();
    } else {
      NOT_IDENTICAL.add(f.key());
    }
  }

  /** A JSON-RPC body with its {@code "id": N} (always last, as json.dumps and the client write it) blanked. */
  static String idFree(String body) {
    return body.replaceFirst(", \"id\": \\d+\\}$", ", \"id\": _}");
  }

  static String mediaType(String contentType) {
    return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
  }

  // ------------------------------------------------------------------ result comparison

  /** What the recording says the call returned: a value, None, or an error. */
  record Expected(boolean error, boolean none, Object value) {}

  static Expected expected(Wire.Fixture f) {
    switch (f.folder()) {
      case "json2", "http": {
        if (f.status() != 200 || !f.respContentType().contains("json")) {
          return new Expected(true, false, null);
        }
        Object v = Wire.json(f.respBody());
        return new Expected(false, v == null, v);
      }
      case "jsonrpc": {
        if (f.status() != 200) {
          return new Expected(true, false, null);
        }
        Map<?, ?> m = (Map<?, ?>) Wire.json(f.respBody());
        if (m.containsKey("error")) {
          return new Expected(true, false, null);
        }
        return new Expected(false, m.get("result") == null, m.get("result"));
      }
      default: {
        XmlRpcCodec.Response r = Wire.xmlResponse(f.respBody());
        if (r.fault()) {
          boolean none = r.faultCode() == 1
              && r.faultString().trim().endsWith("TypeError: cannot marshal None unless allow_none is enabled");
          return new Expected(!none, none, null);
        }
        return new Expected(false, r.value() == null, r.value());
      }
    }
  }

  @SuppressWarnings("unchecked")
  static void assertResultAsRecorded(Wire.Fixture f, Object result) {
    Expected exp = expected(f);
    String k = f.key();
    assertFalse(exp.error(), k + ": the recording is an error but the call succeeded with " + result);
    Object want = exp.value();
    if (result == VOID) {
      assertEquals(Boolean.TRUE, want, k);
    } else if (result instanceof Optional<?> o) {
      assertEquals(exp.none() ? Optional.empty() : Optional.of(want), o, k);
    } else if (result instanceof Long n) {
      Object w = want instanceof List<?> l && l.size() == 1 ? l.get(0) : want;
      assertEquals(((Number) w).longValue(), n, k);
    } else if (result instanceof ServerVersion v) {
      assertEquals(ServerVersion.of((Map<?, ?>) want), v, k);
    } else if (result instanceof LoadResult lr) {
      Map<?, ?> m = (Map<?, ?>) want;
      List<Long> ids = m.get("ids") instanceof List<?> l ? longs(l) : List.of();
      assertEquals(ids, lr.ids(), k + " load ids");
      assertEquals(((List<?>) m.get("messages")).size(), lr.messages().size(), k + " load messages");
      assertEquals(((Number) m.get("nextrow")).longValue(), lr.nextRow(), k);
      assertEquals(!ids.isEmpty() && lr.errors().isEmpty(), lr.isSuccess(), k);
    } else if (result instanceof Map<?, ?> fields) {
      Map<?, ?> m = (Map<?, ?>) want;
      assertEquals(m.keySet(), fields.keySet(), k + " field names");
      for (Map.Entry<?, ?> e : ((Map<String, FieldInfo>) fields).entrySet()) {
        FieldInfo fi = (FieldInfo) e.getValue();
        Map<String, Object> attrs = (Map<String, Object>) m.get(e.getKey());
        assertEquals(attrs, fi.attributes(), k + " " + e.getKey());
        assertEquals(attrs.getOrDefault("type", ""), fi.type());
        assertEquals(attrs.getOrDefault("string", ""), fi.label());
        assertEquals(Optional.ofNullable((String) attrs.get("relation")), fi.relation());
        assertEquals(Boolean.TRUE.equals(attrs.get("required")), fi.required());
      }
    } else if (result instanceof List<?> list) {
      List<?> w = (List<?>) want;
      assertEquals(w.size(), list.size(), k + " size");
      for (int i = 0; i < list.size(); i++) {
        Object got = list.get(i);
        if (got instanceof Record r) {
          assertRecord(k, r, (Map<String, Object>) w.get(i));
        } else if (got instanceof Many2one m2o) {
          List<?> pair = (List<?>) w.get(i);
          assertEquals(new Many2one(((Number) pair.get(0)).longValue(), (String) pair.get(1)), m2o, k);
        } else {
          assertEquals(((Number) w.get(i)).longValue(), got, k + " id " + i);
        }
      }
    } else {
      fail(k + ": unexpected result type " + result);
    }
  }

  /** The record holds exactly the recorded values, and every getter applies Odoo's conventions to them. */
  static void assertRecord(String k, Record r, Map<String, Object> raw) {
    assertEquals(raw, r.asMap(), k);
    if (raw.get("id") instanceof Number n) {
      assertEquals(n.longValue(), r.id());
    }
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      String field = e.getKey();
      Object v = e.getValue();
      String at = k + " field " + field;
      if (Boolean.FALSE.equals(v)) {
        assertEquals(Optional.empty(), r.get(field), at);
        assertEquals(Optional.empty(), r.getString(field), at);
        assertEquals(Optional.empty(), r.getMany2one(field), at);
        assertEquals(Optional.empty(), r.getDate(field), at);
        assertEquals(Optional.empty(), r.getDateTime(field), at);
        assertEquals(List.of(), r.getIds(field), at);
        assertFalse(r.getBoolean(field), at);
      } else if (Boolean.TRUE.equals(v)) {
        assertTrue(r.getBoolean(field), at);
      } else if (v instanceof String s) {
        assertEquals(Optional.of(s), r.getString(field), at);
        if (s.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")) {
          Instant want = LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
          assertEquals(Optional.of(want), r.getDateTime(field), at);
        } else if (s.matches("\\d{4}-\\d\\d-\\d\\d")) {
          assertEquals(Optional.of(LocalDate.parse(s)), r.getDate(field), at);
        }
      } else if (v instanceof Long n) {
        assertEquals(n.longValue(), r.getLong(field), at);
      } else if (v instanceof Double d) {
        assertEquals(d, r.getDouble(field), at);
        assertEquals(java.math.BigDecimal.valueOf(d), r.getDecimal(field), at);
      } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number id && l.get(1) instanceof String name) {
        assertEquals(Optional.of(new Many2one(id.longValue(), name)), r.getMany2one(field), at);
      } else if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof Number)) {
        assertEquals(longs(l), r.getIds(field), at);
      }
    }
  }

  static List<Long> longs(List<?> l) {
    List<Long> out = new ArrayList<>();
    for (Object o : l) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  // ------------------------------------------------------------------ error comparison

  static void assertErrorAsRecorded(Wire.Fixture f, OdooException e) {
    String k = f.key();
    assertNotNull(e.getMessage(), k);
    if (f.id().equals("authenticate-wrong-password")) {
      // a refused login is `false`, not a fault: the client turns it into a typed exception
      assertEquals(Optional.of(Boolean.FALSE), Optional.ofNullable(expected(f).value()), k);
      assertTrue(e.odooMessage().contains("authenticate returned false"), e.odooMessage());
      assertFalse(e.getMessage().contains("wrong-password"), "no password in the message");
      return;
    }
    switch (f.folder()) {
      case "json2" -> {
        assertEquals(f.status(), e.error().httpStatus().orElse(-1), k + " status");
        if (f.respContentType().contains("json")) {
          Map<?, ?> m = (Map<?, ?>) Wire.json(f.respBody());
          assertEquals(m.get("name"), e.odooName(), k);
          assertEquals(m.get("message"), e.odooMessage(), k);
          assertEquals(Optional.ofNullable(m.get("debug")), e.error().debug().map(Object.class::cast), k + " debug");
        } else {
          assertEquals("werkzeug.exceptions.NotFound", e.odooName(), k);
          assertTrue(e.odooMessage().contains("No database is selected"), e.odooMessage());
        }
      }
      case "jsonrpc" -> {
        if (f.status() != 200) {
          assertEquals(f.status(), e.error().httpStatus().orElse(-1), k + " status");
          assertTrue(e.odooMessage().contains("Invalid JSON data"), e.odooMessage());
          return;
        }
        Map<?, ?> err = (Map<?, ?>) ((Map<?, ?>) Wire.json(f.respBody())).get("error");
        Map<?, ?> data = (Map<?, ?>) err.get("data");
        assertEquals(data.get("name"), e.odooName(), k);
        assertEquals(data.get("message"), e.odooMessage(), k);
        assertEquals(((Number) err.get("code")).intValue(), e.error().faultCode().orElse(-1), k + " code");
        assertEquals(Optional.of(data.get("debug")), e.error().debug().map(Object.class::cast), k + " debug");
      }
      case "xmlrpc" -> {
        XmlRpcCodec.Response r = Wire.xmlResponse(f.respBody());
        assertTrue(r.fault(), k);
        assertEquals(r.faultCode(), e.error().faultCode().orElse(-1), k + " faultCode");
        if (r.faultCode() == 1) {
          assertEquals(Optional.of(r.faultString()), e.error().debug(), k + " traceback kept in debug()");
          assertTrue(r.faultString().startsWith("Traceback (most recent call last):"), k);
          String lastLine = r.faultString().stripTrailing();
          lastLine = lastLine.substring(lastLine.lastIndexOf('\n') + 1);
          String cls = lastLine.substring(0, lastLine.indexOf(':'));
          assertTrue(e.odooName().endsWith(cls), k + ": " + e.odooName() + " vs " + cls);
          assertEquals(lastLine.substring(cls.length() + 2), e.odooMessage(), k);
        } else {
          assertEquals(r.faultString(), e.odooMessage(), k);
        }
      }
      default -> fail(k);
    }
  }
}
