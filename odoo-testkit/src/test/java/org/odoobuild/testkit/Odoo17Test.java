package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What differs when the emulator plays Odoo 17. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Odoo17Test {

    OdooEmulator odoo;
    Rpc rpc;

    @BeforeAll
    void start() {
        odoo = OdooEmulator.builder().version(17).database("construction17").apiKey("k17").demoData(true).build().start();
        rpc = new Rpc(odoo);
    }

    @AfterAll
    void stop() {
        odoo.close();
    }

    @Test
    void versionEndpointsAndJson2Are404Html() throws Exception {
        for (String p : List.of("/web/version", "/json/version")) {
            HttpResponse<String> r = rpc.get(p);
            assertEquals(404, r.statusCode());
            assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        }
        HttpResponse<String> r = rpc.post("/json/2/res.partner/search_count", "application/json", "{\"domain\": []}",
                "Authorization", "bearer k17");
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) rpc.jsonRpc("common", "version", List.of());
        assertEquals("17.0", v.get("server_serie"));
        assertEquals(List.of(17, 0, 0, "final", 0, ""), v.get("server_version_info"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonRpcErrorCode200AndKeyOrder() throws Exception {
        Map<String, Object> env = rpc.jsonRpcRaw("object", "execute_kw", List.of("construction17", 2, "wrong", "res.partner",
                "search_count", List.of(List.of())));
        Map<String, Object> err = (Map<String, Object>) env.get("error");
        assertEquals(200, err.get("code"));
        Map<String, Object> data = (Map<String, Object>) err.get("data");
        assertEquals(List.of("name", "debug", "message", "arguments", "context"), List.copyOf(data.keySet()));
        assertEquals("odoo.exceptions.AccessDenied", data.get("name"));
        assertTrue(((String) data.get("debug")).startsWith("Traceback (most recent call last):"));
    }

    @Test
    void messageTexts() throws Exception {
        Rpc.Failure m = assertThrows(Rpc.Failure.class, () -> rpc.call("res.partner", "wire_no_such_method", List.of(List.of(1))));
        assertEquals("The method 'wire_no_such_method' does not exist on the model 'res.partner'", m.message());
        Rpc.Failure p = assertThrows(Rpc.Failure.class, () -> rpc.call("res.partner", "_compute_display_name", List.of(List.of(1))));
        assertEquals("Private methods (such as _compute_display_name) cannot be called remotely.", p.message());
        Rpc.Failure d = assertThrows(Rpc.Failure.class, () -> rpc.searchRead("res.partner",
                List.of(List.of("wire_no_such_field", "=", 1)), Map.of()));
        assertEquals("Invalid field res.partner.wire_no_such_field in leaf ('wire_no_such_field', '=', 1)", d.message());
        Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> rpc.searchRead("res.partner", List.of(),
                Map.of("fields", List.of("name", "wire_no_such_field"))));
        assertEquals("Invalid field 'wire_no_such_field' on model 'res.partner'", f.message());
        Rpc.Failure g = assertThrows(Rpc.Failure.class, () -> rpc.call("purchase.order", "formatted_read_group", List.of(List.of())));
        assertEquals("builtins.AttributeError", g.name());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldNames17() throws Exception {
        Map<String, Object> fg = (Map<String, Object>) rpc.call("project.project", "fields_get", List.of(),
                Map.of("allfields", List.of("account_id", "analytic_account_id"), "attributes", List.of("type", "relation")));
        assertEquals(List.of("analytic_account_id"), List.copyOf(fg.keySet()));
        int po = (Integer) rpc.call("purchase.order", "create", List.of(Map.of("partner_id", 9, "order_line",
                List.of(List.of(0, 0, Map.of("product_id", 5, "product_qty", 2))))));
        Map<String, Object> line = rpc.searchRead("purchase.order.line", List.of(List.of("order_id", "=", po)),
                Map.of("fields", List.of("product_uom", "taxes_id"))).get(0);
        assertEquals(List.of(1, "Units"), line.get("product_uom"));
        assertEquals(List.of(2), line.get("taxes_id"));
        Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> rpc.searchRead("purchase.order.line", List.of(),
                Map.of("fields", List.of("product_uom_id"))));
        assertEquals("builtins.ValueError", f.name());
    }

    @Test
    void xmlLayout17() throws Exception {
        HttpResponse<String> r = rpc.post("/xmlrpc/2/common", "text/xml", XmlRpc.call("version", List.of()));
        assertTrue(r.body().startsWith("<?xml version='1.0'?>\n<methodResponse>\n<params>\n"));
        assertTrue(r.body().endsWith("</params>\n</methodResponse>\n"));
        HttpResponse<String> f = rpc.post("/xmlrpc/2/object", "text/xml", XmlRpc.call("execute_kw",
                List.of("construction17", 2, "bad", "res.partner", "search_count", List.of(List.of()))));
        assertTrue(f.body().contains("<name>faultCode</name>\n<value><int>3</int></value>"));
        assertTrue(f.body().endsWith("</fault>\n</methodResponse>\n"));
    }
}
