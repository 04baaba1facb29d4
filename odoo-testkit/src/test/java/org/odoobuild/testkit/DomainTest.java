package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainTest {

    OdooEmulator odoo;
    Rpc rpc;
    int acme;
    int bob;
    int carol;
    int sub;

    @BeforeAll
    void start() {
        odoo = OdooEmulator.builder().build().start();
        rpc = new Rpc(odoo);
        acme = odoo.seed("res.partner", Map.of("name", "Acme Concrete", "is_company", true, "supplier_rank", 3, "city", "Denver",
                "credit_limit", 1000.0, "country_id", 233));
        sub = odoo.seed("res.partner", Map.of("name", "Acme Precast", "is_company", true, "parent_id", acme, "supplier_rank", 1));
        bob = odoo.seed("res.partner", Map.of("name", "Bob Builder", "parent_id", sub, "email", "bob@acme.test"));
        carol = odoo.seed("res.partner", Map.of("name", "carol_x", "email", "carol@else.test", "active", false, "credit_limit", 10.0));
    }

    @AfterAll
    void stop() {
        odoo.close();
    }

    private List<Object> ids(List<?> domain) throws Exception {
        return ids(domain, Map.of());
    }

    @SuppressWarnings("unchecked")
    private List<Object> ids(List<?> domain, Map<String, ?> kwargs) throws Exception {
        List<Object> out = new ArrayList<>((List<Object>) rpc.call("res.partner", "search", List.of(domain), kwargs));
        out.retainAll(List.of(acme, sub, bob, carol));
        return out;
    }

    @Test
    void comparisonOperators() throws Exception {
        assertEquals(List.of(acme), ids(List.of(List.of("supplier_rank", "=", 3))));
        assertEquals(List.of(acme, sub), ids(List.of(List.of("supplier_rank", ">=", 1)), Map.of("order", "id")));
        assertEquals(List.of(acme), ids(List.of(List.of("supplier_rank", ">", 1))));
        assertEquals(List.of(sub), ids(List.of(List.of("supplier_rank", "<", 2), List.of("supplier_rank", ">", 0))));
        assertEquals(List.of(sub), ids(List.of(List.of("supplier_rank", "<=", 1), List.of("is_company", "=", true))));
        assertEquals(List.of(bob), ids(List.of(List.of("email", "!=", false), List.of("is_company", "!=", true))));
        assertEquals(List.of(acme, sub), ids(List.of(List.of("id", "in", List.of(acme, sub, 999999))), Map.of("order", "id")));
        assertEquals(List.of(bob), ids(List.of(List.of("id", "not in", List.of(acme, sub)), List.of("name", "like", "B"))));
    }

    @Test
    void likeOperators() throws Exception {
        assertEquals(List.of(acme, sub), ids(List.of(List.of("name", "ilike", "acme")), Map.of("order", "id")));
        assertEquals(List.of(), ids(List.of(List.of("name", "like", "acme"))));
        assertEquals(List.of(acme), ids(List.of(List.of("name", "=like", "Acme C%"))));
        assertEquals(List.of(acme), ids(List.of(List.of("name", "=ilike", "acme c_ncrete"))));
        assertEquals(List.of(bob), ids(List.of(List.of("name", "not ilike", "acme"), List.of("parent_id", "!=", false))));
        assertEquals(List.of(bob), ids(List.of(List.of("name", "not like", "Acme"), List.of("email", "like", "@acme."))));
        // many2one compared through the display name
        assertEquals(List.of(bob), ids(List.of(List.of("parent_id", "ilike", "precast"))));
    }

    @Test
    void prefixOperatorsAndImplicitAnd() throws Exception {
        assertEquals(List.of(acme, bob), ids(List.of("|", List.of("id", "=", acme), List.of("id", "=", bob)), Map.of("order", "id")));
        assertEquals(List.of(sub), ids(List.of("&", List.of("is_company", "=", true), "!", List.of("id", "=", acme),
                List.of("name", "ilike", "acme"))));
        assertEquals(List.of(bob), ids(List.of("!", "|", List.of("is_company", "=", true), List.of("name", "=", "nobody"),
                List.of("name", "ilike", "bob"))));
    }

    @Test
    void hierarchyAndDottedPaths() throws Exception {
        assertEquals(List.of(acme, sub, bob), ids(List.of(List.of("id", "child_of", acme)), Map.of("order", "id")));
        assertEquals(List.of(acme, sub, bob), ids(List.of(List.of("id", "parent_of", bob)), Map.of("order", "id")));
        assertEquals(List.of(sub, bob), ids(List.of(List.of("parent_id", "child_of", acme)), Map.of("order", "id")));
        assertEquals(List.of(bob), ids(List.of(List.of("parent_id.parent_id.name", "=", "Acme Concrete"))));
        assertEquals(List.of(acme), ids(List.of(List.of("country_id.code", "=", "US"), List.of("name", "ilike", "acme"))));
    }

    @Test
    void activeTest() throws Exception {
        assertEquals(List.of(), ids(List.of(List.of("name", "=", "carol_x"))));
        assertEquals(List.of(carol), ids(List.of(List.of("name", "=", "carol_x")), Map.of("context", Map.of("active_test", false))));
        assertEquals(List.of(carol), ids(List.of(List.of("active", "=", false))));
        assertEquals(List.of(carol), ids(List.of(List.of("name", "=like", "carol\\_%")), Map.of("context", Map.of("active_test", false))));
    }

    @Test
    void invalidFieldAndOperator() {
        Rpc.Failure f = assertThrows(Rpc.Failure.class, () -> ids(List.of(List.of("nope", "=", 1))));
        assertEquals("builtins.ValueError", f.name());
        assertEquals("Invalid field res.partner.nope in condition ('nope', '=', 1)", f.message());
        Rpc.Failure g = assertThrows(Rpc.Failure.class, () -> ids(List.of(List.of("name", "~", 1))));
        assertEquals("builtins.ValueError", g.name());
    }
}
