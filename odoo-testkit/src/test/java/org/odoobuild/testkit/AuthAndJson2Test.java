package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthAndJson2Test {

    static final String KEY = "admin-key-123";
    static final String LIMITED_KEY = "limited-key-456";
    OdooEmulator odoo;
    Rpc rpc;

    @BeforeAll
    void start() {
        odoo = OdooEmulator.builder().user("admin", "s3cret").apiKey(KEY).limitedUser("site.user", "pw")
                .apiKey("site.user", LIMITED_KEY).demoData(true).build().start();
        rpc = new Rpc(odoo);
        rpc.password = "s3cret";
    }

    @AfterAll
    void stop() {
        odoo.close();
    }

    @Test
    void loginAndAuthenticate() throws Exception {
        assertEquals(2, rpc.jsonRpc("common", "authenticate", List.of("construction", "admin", "s3cret", Map.of())));
        assertEquals(false, rpc.jsonRpc("common", "authenticate", List.of("construction", "admin", "wrong", Map.of())));
        assertEquals(false, rpc.jsonRpc("common", "login", List.of("other_db", "admin", "s3cret")));
        XmlRpc.Response r = rpc.xmlRpc("common", "authenticate", List.of("construction", "admin", "wrong", Map.of()));
        assertFalse(r.fault());
        assertEquals(false, r.value());
        int limited = (Integer) rpc.jsonRpc("common", "login", List.of("construction", "site.user", "pw"));
        assertTrue(limited > 2);
    }

    @Test
    void badPasswordIsAccessDeniedAndApiKeyWorksAsPassword() throws Exception {
        XmlRpc.Response r = rpc.xmlRpc("object", "execute_kw", List.of("construction", 2, "nope", "res.partner", "search_count", List.of(List.of())));
        assertTrue(r.fault());
        assertEquals(Map.of("faultCode", 3, "faultString", "Access Denied"), r.value());
        Rpc bad = new Rpc(odoo);
        bad.password = "nope";
        Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> bad.call("res.partner", "search_count", List.of(List.of())));
        assertEquals("odoo.exceptions.AccessDenied", f.name());
        Rpc withKey = new Rpc(odoo);
        withKey.password = KEY;
        assertEquals(Map.of("lang", "en_US", "tz", "Europe/Brussels", "uid", 2), withKey.call("res.users", "context_get", List.of()));
    }

    @Test
    void limitedUserGetsAccessErrorOnPurchase() throws Exception {
        int uid = (Integer) rpc.jsonRpc("common", "login", List.of("construction", "site.user", "pw"));
        XmlRpc.Response r = rpc.xmlRpc("object", "execute_kw", List.of("construction", uid, "pw", "purchase.order", "search_read",
                List.of(List.of()), Map.of("fields", List.of("name"))));
        assertTrue(r.fault());
        assertEquals(4, ((Map<?, ?>) r.value()).get("faultCode"));
        assertTrue(((String) ((Map<?, ?>) r.value()).get("faultString")).startsWith(
                "You are not allowed to access 'Purchase Order' (purchase.order) records."));
        Object[] j = rpc.json2(LIMITED_KEY, "purchase.order", "search_read", Map.of("domain", List.of(), "fields", List.of("name")));
        assertEquals(403, j[0]);
        assertEquals("odoo.exceptions.AccessError", ((Map<?, ?>) j[1]).get("name"));
        Object[] ok = rpc.json2(LIMITED_KEY, "res.partner", "search_read", Map.of("domain", List.of(List.of("id", "=", 9)), "fields", List.of("name")));
        assertEquals(200, ok[0]);
        assertEquals(List.of(Map.of("id", 9, "name", "Deco Addict")), ok[1]);
    }

    @Test
    void json2StatusesAndBodies() throws Exception {
        RawHttp.Response missing = RawHttp.send(odoo.port(), "POST", "/json/2/res.partner/search_count",
                Map.of("Content-Type", "application/json"), "{\"domain\": []}".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, missing.status());
        assertEquals("Bearer ", missing.header("WWW-Authenticate"));
        Object[] invalid = rpc.json2("bad-key", "res.partner", "search_count", Map.of("domain", List.of()));
        assertEquals(401, invalid[0]);
        assertEquals(List.of("Invalid apikey", 401), ((Map<?, ?>) invalid[1]).get("arguments"));
        Object[] withIds = rpc.json2(KEY, "res.partner", "search_count", Map.of("ids", List.of(1), "domain", List.of()));
        assertEquals(422, withIds[0]);
        assertEquals("cannot call res.partner.search_count with ids", ((Map<?, ?>) withIds[1]).get("message"));
        Object[] kw = rpc.json2(KEY, "res.partner", "search_count", Map.of("domain", List.of(), "bogus", 1));
        assertEquals(422, kw[0]);
        Object[] none = rpc.json2(KEY, "purchase.order", "button_cancel", Map.of("ids", List.of(1)));
        assertEquals(200, none[0]);
        assertEquals("null", ((HttpResponse<?>) none[2]).body());
        Object[] created = rpc.json2(KEY, "res.partner", "create", Map.of("vals_list", Map.of("name", "J2")));
        assertEquals(200, created[0]);
        assertTrue(created[1] instanceof List<?> l && l.size() == 1);
        Object[] missingRecord = rpc.json2(KEY, "res.partner", "write", Map.of("ids", List.of(999999999), "vals", Map.of("name", "x")));
        assertEquals(404, missingRecord[0]);
        assertEquals("odoo.exceptions.MissingError", ((Map<?, ?>) missingRecord[1]).get("name"));
        HttpResponse<String> wrongDb = rpc.post("/json/2/res.partner/search_count", "application/json", "{\"domain\": []}",
                "Authorization", "bearer " + KEY, "X-Odoo-Database", "nope");
        assertEquals(404, wrongDb.statusCode());
        assertTrue(wrongDb.body().contains("No database is selected"));
        HttpResponse<String> badJson = rpc.post("/json/2/res.partner/search_count", "application/json", "{\"domain\": [",
                "Authorization", "bearer " + KEY);
        assertEquals(400, badJson.statusCode());
        assertTrue(badJson.body().contains("could not parse the body as json: Expecting value: line 1 column 13 (char 12)"));
        HttpResponse<String> malformed = rpc.post("/jsonrpc", "application/json", "{\"jsonrpc\": ");
        assertEquals(400, malformed.statusCode());
        assertEquals("Invalid JSON data", malformed.body());
    }

    @Test
    void defaultApiKeyIsGeneratedAndUsable() throws Exception {
        try (OdooEmulator plain = OdooEmulator.builder().build().start()) {
            assertTrue(plain.apiKey().startsWith("testkit-"));
            Object[] r = new Rpc(plain).json2(plain.apiKey(), "res.users", "context_get", Map.of());
            assertEquals(200, r[0]);
            assertEquals(2, ((Map<?, ?>) r[1]).get("uid"));
        }
        assertEquals(KEY, odoo.apiKey());
    }

    @Test
    @SuppressWarnings("unchecked")
    void bulkLoadWithExternalIdsStaysFast() throws Exception {
        try (OdooEmulator plain = OdooEmulator.builder().build().start()) {
            List<Object> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                rows.add(List.of("bulk.v_" + i, "Vendor " + i, String.valueOf(i % 7)));
            }
            long t0 = System.nanoTime();
            Object[] r = new Rpc(plain).json2(plain.apiKey(), "res.partner", "load",
                    Map.of("fields", List.of("id", "name", "supplier_rank"), "data", rows));
            assertEquals(200, r[0]);
            assertEquals(3000, ((List<Object>) ((Map<String, Object>) r[1]).get("ids")).size());
            r = new Rpc(plain).json2(plain.apiKey(), "res.partner", "load", Map.of("fields", List.of("id", "name", "supplier_rank"), "data", rows));
            assertEquals(3000, ((List<Object>) ((Map<String, Object>) r[1]).get("ids")).size());
            assertEquals(3000 + 3, plain.records("res.partner").size());
            assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "load and records() are roughly linear");
        }
    }

    @Test
    void secretsStayOutOfToString() {
        String s = odoo.toString() + OdooEmulator.builder().user("admin", "s3cret").apiKey(KEY).toString();
        assertFalse(s.contains("s3cret") || s.contains(KEY), s);
    }
}
