package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped recordings: all 180 Odoo 19 exchanges, parsed as recorded. */
class WireRecordingsTest {

    @Test
    void everyRecordingIsListedOnceAndSorted() {
        List<WireRecordings.Recording> all = WireRecordings.all();
        assertEquals(180, all.size());
        assertEquals(all, WireRecordings.of(19));
        assertEquals(180, all.stream().map(WireRecordings.Recording::key).distinct().count());
        Map<String, Long> perProtocol = all.stream()
                .collect(Collectors.groupingBy(WireRecordings.Recording::protocol, Collectors.counting()));
        assertEquals(Set.of("http", "xmlrpc", "jsonrpc", "json2"), perProtocol.keySet());
        assertEquals(2L, perProtocol.get("http"));
        assertEquals(WireRecordings.of(19, "json2").size(), perProtocol.get("json2").intValue());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).key().compareTo(all.get(i).key()) < 0, all.get(i).key());
        }
        assertTrue(WireRecordings.of(17).isEmpty(), "the Odoo 17 recordings are kept back");
    }

    @Test
    void aRecordingHoldsTheExchangeAsRecorded() {
        WireRecordings.Recording r = WireRecordings.get(19, "json2", "search-count-partners");
        assertEquals("json2/search-count-partners", r.key());
        assertEquals("org/odoobuild/testkit/odoo-wire/odoo-19/json2/search-count-partners.json", r.resource());
        assertEquals("POST", r.request().method());
        assertEquals("/json/2/res.partner/search_count", r.request().path());
        assertEquals(Optional.of("bearer " + WireRecordings.API_KEY), r.request().header("authorization"));
        assertEquals(Optional.of("construction"), r.request().header("X-Odoo-Database"));
        assertEquals(200, r.response().status());
        assertTrue(r.response().contentType().startsWith("application/json"), r.response().contentType());
        assertTrue(r.response().body().matches("\\d+"), r.response().body());
        assertFalse(r.description().isBlank());
        assertThrows(UnsupportedOperationException.class, () -> r.request().headers().put("X", "y"));
    }

    @Test
    void bodiesAreKeptWhole() {
        WireRecordings.Recording big = WireRecordings.get(19, "xmlrpc", "search-read-2000-fields");
        assertTrue(big.response().body().length() > 1_000_000, "the 2,000-row XML answer is about 1.5 MB");
        assertEquals("", WireRecordings.get(19, "http", "web-version").request().body(), "a GET has no body");
    }

    @Test
    void unknownRecordingsAndTheReadme() {
        assertEquals(Optional.empty(), WireRecordings.find(19, "json2", "no-such-exchange"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireRecordings.get(19, "json2", "no-such-exchange"));
        assertTrue(e.getMessage().contains("odoo-19/json2/no-such-exchange.json"), e.getMessage());
        assertTrue(WireRecordings.readme().startsWith("# odoo-wire"));
    }
}
