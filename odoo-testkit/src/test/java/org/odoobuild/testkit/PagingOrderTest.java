package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PagingOrderTest {

    @Test
    void orderOffsetLimitAndCount() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().build().start()) {
            Rpc rpc = new Rpc(odoo);
            for (String n : List.of("WIRE-d", "WIRE-b", "WIRE-a", "WIRE-c", "WIRE-b")) {
                odoo.seed("res.partner", Map.of("name", n));
            }
            List<?> dom = List.of(List.of("name", "=like", "WIRE-%"));
            assertEquals(5, rpc.call("res.partner", "search_count", List.of(dom)));
            List<Map<String, Object>> page = rpc.searchRead("res.partner", dom, Map.of("fields", List.of("name"), "order", "name asc, id",
                    "offset", 1, "limit", 3));
            assertEquals(List.of("WIRE-b", "WIRE-b", "WIRE-c"), page.stream().map(r -> r.get("name")).collect(Collectors.toList()));
            assertEquals(List.of("id", "name"), List.copyOf(page.get(0).keySet()));
            assertEquals(true, (Integer) page.get(0).get("id") < (Integer) page.get(1).get("id"), page.toString());
            List<Map<String, Object>> desc = rpc.searchRead("res.partner", dom, Map.of("fields", List.of("name"), "order", "name desc, id desc"));
            assertEquals("WIRE-d", desc.get(0).get("name"));
            assertEquals(true, (Integer) desc.get(2).get("id") > (Integer) desc.get(3).get("id"));
            assertEquals(List.of(), rpc.searchRead("res.partner", dom, Map.of("offset", 10)));
            Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> rpc.searchRead("res.partner", dom, Map.of("order", "nope desc")));
            assertEquals("builtins.ValueError", f.name());
        }
    }

    @Test
    void writeDateOrdering() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
        try (OdooEmulator odoo = OdooEmulator.builder().clock(clock).build().start()) {
            Rpc rpc = new Rpc(odoo);
            int a = odoo.seed("res.partner", Map.of("name", "WIRE-1"));
            int b = odoo.seed("res.partner", Map.of("name", "WIRE-2"));
            List<Map<String, Object>> rows = rpc.searchRead("res.partner", List.of(List.of("id", "in", List.of(a, b))),
                    Map.of("fields", List.of("write_date"), "order", "write_date desc, id desc"));
            assertEquals(List.of(b, a), rows.stream().map(r -> r.get("id")).collect(Collectors.toList()));
            assertEquals("2026-01-01 10:00:00", rows.get(0).get("write_date"));
        }
    }
}
