package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelsTest {

    OdooEmulator odoo;
    Rpc rpc;

    @BeforeAll
    void start() {
        odoo = OdooEmulator.builder().demoData(true).build().start();
        rpc = new Rpc(odoo);
    }

    @AfterAll
    void stop() {
        odoo.close();
    }

    @Test
    void maintenanceRequestsCountOnEquipment() throws Exception {
        int eq = (Integer) rpc.call("maintenance.equipment", "create", List.of(Map.of("name", "Crane 7", "category_id", 1,
                "serial_no", "CR-7", "cost", 250000.0)));
        int req = (Integer) rpc.call("maintenance.request", "create", List.of(Map.of("name", "Hydraulic leak", "equipment_id", eq,
                "maintenance_type", "corrective", "priority", "3")));
        Map<String, Object> e = rpc.searchRead("maintenance.equipment", List.of(List.of("id", "=", eq)),
                Map.of("fields", List.of("maintenance_count", "maintenance_open_count", "display_name", "effective_date"))).get(0);
        assertEquals(1, e.get("maintenance_count"));
        assertEquals(1, e.get("maintenance_open_count"));
        assertEquals("Crane 7/CR-7", e.get("display_name"));
        assertTrue(((String) e.get("effective_date")).matches("\\d{4}-\\d\\d-\\d\\d"));
        Map<String, Object> r = rpc.searchRead("maintenance.request", List.of(List.of("id", "=", req)),
                Map.of("fields", List.of("stage_id", "category_id", "request_date", "schedule_date"))).get(0);
        assertEquals(List.of(1, "New Request"), r.get("stage_id"));
        assertEquals(List.of(1, "Computers"), r.get("category_id"));
        assertEquals(false, r.get("schedule_date"));
        rpc.call("maintenance.request", "write", List.of(List.of(req), Map.of("stage_id", 3)));
        assertEquals(0, rpc.searchRead("maintenance.equipment", List.of(List.of("id", "=", eq)),
                Map.of("fields", List.of("maintenance_open_count"))).get(0).get("maintenance_open_count"));
    }

    @Test
    void tasksTakeTheirProjectsFirstOpenStageAndStampStageChanges() throws Exception {
        int closed = (Integer) rpc.call("project.task.type", "create", List.of(Map.of("name", "Closed", "sequence", 1, "fold", true)));
        int review = (Integer) rpc.call("project.task.type", "create", List.of(Map.of("name", "In Review", "sequence", 3)));
        int inbox = (Integer) rpc.call("project.task.type", "create", List.of(Map.of("name", "Inbox", "sequence", 2)));
        int project = (Integer) rpc.call("project.project", "create", List.of(Map.of("name", "Submittals",
                "type_ids", List.of(List.of(6, 0, List.of(closed, review, inbox))))));
        int task = (Integer) rpc.call("project.task", "create", List.of(Map.of("name", "03 30 00-001 Mix design", "project_id", project)));
        Map<String, Object> t = rpc.searchRead("project.task", List.of(List.of("id", "=", task)),
                Map.of("fields", List.of("stage_id", "state", "date_last_stage_update", "attachment_ids"))).get(0);
        assertEquals(List.of(inbox, "Inbox"), t.get("stage_id"), "the first stage by sequence that is not folded");
        assertEquals("01_in_progress", t.get("state"));
        assertTrue(t.get("date_last_stage_update") instanceof String);
        int att = (Integer) rpc.call("ir.attachment", "create", List.of(Map.of("name", "S-101 rev A", "type", "url",
                "url", "https://dms.example/S-101/A", "res_model", "project.task", "res_id", task)));
        rpc.call("ir.attachment", "create", List.of(Map.of("name", "elsewhere", "type", "url", "url", "https://dms.example/x",
                "res_model", "purchase.order", "res_id", task)));
        rpc.call("project.task", "write", List.of(List.of(task), Map.of("stage_id", review)));
        Map<String, Object> moved = rpc.searchRead("project.task", List.of(List.of("id", "=", task)),
                Map.of("fields", List.of("stage_id", "attachment_ids"))).get(0);
        assertEquals(List.of(review, "In Review"), moved.get("stage_id"));
        assertEquals(List.of(att), moved.get("attachment_ids"), "only the task's own attachments");
    }

    @Test
    void vendorBillCreatedDirectly() throws Exception {
        int bill = (Integer) rpc.call("account.move", "create", List.of(Map.of("move_type", "in_invoice", "partner_id", 9,
                "invoice_date", "2026-03-31", "ref", "INV-889", "invoice_line_ids", List.of(
                        List.of(0, 0, Map.of("product_id", 2, "quantity", 500, "price_unit", 0.9)),
                        List.of(0, 0, Map.of("name", "Delivery", "quantity", 1, "price_unit", 50.0, "tax_ids", List.of()))))));
        Map<String, Object> b = rpc.searchRead("account.move", List.of(List.of("id", "=", bill)), Map.of("fields",
                List.of("amount_untaxed", "amount_tax", "amount_total", "state", "payment_state", "invoice_line_ids"))).get(0);
        assertEquals(500.0, b.get("amount_untaxed"));
        assertEquals(67.5, b.get("amount_tax"));
        assertEquals(567.5, b.get("amount_total"));
        assertEquals(2, ((List<?>) b.get("invoice_line_ids")).size());
        rpc.call("account.move", "action_post", List.of(List.of(bill)));
        assertEquals("BILL/2026/03/0001", rpc.searchRead("account.move", List.of(List.of("id", "=", bill)),
                Map.of("fields", List.of("name"))).get(0).get("name"));
        rpc.call("account.move", "write", List.of(List.of(bill), Map.of("payment_state", "paid")));
        assertEquals(1, rpc.call("account.move", "search_count", List.of(List.of(List.of("payment_state", "=", "paid")))));
        Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> rpc.call("account.move", "unlink", List.of(List.of(bill))));
        assertEquals("odoo.exceptions.UserError", f.name());
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldsGetAndIrModelFields() throws Exception {
        Map<String, Map<String, Object>> fg = (Map<String, Map<String, Object>>) rpc.call("purchase.order.line", "fields_get", List.of(),
                Map.of("allfields", List.of("product_uom_id", "tax_ids", "state", "nope"), "attributes",
                        List.of("type", "string", "relation", "selection", "required")));
        assertEquals(List.of("product_uom_id", "tax_ids", "state"), List.copyOf(fg.keySet()));
        assertEquals(List.of("relation", "required", "string", "type"), List.copyOf(fg.get("product_uom_id").keySet()));
        assertTrue(fg.get("state").containsKey("selection"));
        assertFalse(fg.get("state").containsKey("relation"));
        List<Map<String, Object>> rows = rpc.searchRead("ir.model.fields", List.of(), Map.of("fields",
                List.of("name", "model", "ttype", "relation"), "limit", 2000, "order", "id"));
        assertEquals(2000, rows.size());
        assertEquals(1, rows.get(0).get("id"));
        assertTrue(rpc.searchRead("ir.model.fields", List.of(List.of("model", "=", "project.project"), List.of("name", "=", "account_id")),
                Map.of("fields", List.of("relation"))).get(0).get("relation").equals("account.analytic.account"));
    }

    @Test
    void projectsAndAnalyticAccounts() throws Exception {
        int aa = (Integer) rpc.call("account.analytic.account", "create", List.of(Map.of("name", "Tower B", "code", "TB-01")));
        int project = (Integer) rpc.call("project.project", "create", List.of(Map.of("name", "Tower B", "account_id", aa, "partner_id", 9)));
        Map<String, Object> p = rpc.searchRead("project.project", List.of(List.of("id", "=", project)),
                Map.of("fields", List.of("account_id", "task_count", "active"))).get(0);
        assertEquals(List.of(aa, "[TB-01] Tower B"), p.get("account_id"));
        assertEquals(0, p.get("task_count"));
        Map<String, Object> a = rpc.searchRead("account.analytic.account", List.of(List.of("id", "=", aa)),
                Map.of("fields", List.of("plan_id", "balance"))).get(0);
        assertEquals(List.of(1, "Project"), a.get("plan_id"));
        assertEquals(0.0, a.get("balance"));
        rpc.call("project.project", "action_archive", List.of(List.of(project)));
        assertEquals(0, rpc.call("project.project", "search_count", List.of(List.of(List.of("id", "=", project)))));
    }
}
