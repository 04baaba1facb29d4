package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTest {

    @Test
    @SuppressWarnings("unchecked")
    void createsThenUpdatesByExternalIdAndRejectsBadRows() throws Exception {
        try (OdooEmulator odoo = OdooEmulator.builder().build().start()) {
            Rpc rpc = new Rpc(odoo);
            List<String> fields = List.of("id", "name", "ref", "supplier_rank", "country_id");
            Map<String, Object> r1 = (Map<String, Object>) rpc.call("res.partner", "load", List.of(fields, List.of(
                    List.of("wire_sdk.vendor_001", "Vendor 1", "V1", "1", "United States"),
                    List.of("wire_sdk.vendor_002", "Vendor 2", "V2", "2", ""))));
            List<Object> ids = (List<Object>) r1.get("ids");
            assertEquals(List.of(), r1.get("messages"));
            assertEquals(0, r1.get("nextrow"));
            assertEquals(ids.get(0), odoo.externalId("wire_sdk.vendor_001").getAsInt());
            Map<String, Object> r2 = (Map<String, Object>) rpc.call("res.partner", "load", List.of(fields, List.of(
                    List.of("wire_sdk.vendor_001", "Vendor 1 (updated)", "V1", "5", "United States"),
                    List.of("wire_sdk.vendor_002", "Vendor 2", "V2-B", "6", ""))));
            assertEquals(ids, r2.get("ids"));
            List<Map<String, Object>> rows = rpc.searchRead("res.partner", List.of(List.of("id", "in", ids)),
                    Map.of("fields", List.of("name", "ref", "supplier_rank", "country_id"), "order", "id"));
            assertEquals("Vendor 1 (updated)", rows.get(0).get("name"));
            assertEquals(5, rows.get(0).get("supplier_rank"));
            assertEquals(List.of(233, "United States"), rows.get(0).get("country_id"));
            assertEquals("V2-B", rows.get(1).get("ref"));

            Map<String, Object> bad = (Map<String, Object>) rpc.call("res.partner", "load", List.of(List.of("id", "name", "supplier_rank"),
                    List.of(List.of("wire_sdk.vendor_003", "Vendor 3", "not-a-number"), List.of("wire_sdk.vendor_004", "Vendor 4", "4"))));
            assertEquals(false, bad.get("ids"));
            Map<String, Object> msg = ((List<Map<String, Object>>) bad.get("messages")).get(0);
            assertEquals("'not-a-number' does not seem to be an integer for field 'Supplier Rank'", msg.get("message"));
            assertEquals(List.of("rows", "type", "record", "field", "message", "field_name"), List.copyOf(msg.keySet()));
            assertTrue(odoo.externalId("wire_sdk.vendor_004").isEmpty(), "nothing imported");

            // many2one by external id
            Map<String, Object> r3 = (Map<String, Object>) rpc.call("res.partner", "load", List.of(List.of("name", "parent_id/id"),
                    List.of(List.of("Contact of 1", "wire_sdk.vendor_001"))));
            int contact = (Integer) ((List<Object>) r3.get("ids")).get(0);
            assertEquals(List.of(ids.get(0), "Vendor 1 (updated)"), rpc.searchRead("res.partner", List.of(List.of("id", "=", contact)),
                    Map.of("fields", List.of("parent_id"))).get(0).get("parent_id"));
        }
    }
}
