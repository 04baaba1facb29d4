package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays the Odoo 19 recordings against the emulator in 17 mode and checks the envelope differences the README
 * documents for 17 (the 17 recordings themselves are an acceptance set kept elsewhere): JSON-RPC error code 200
 * and key order, XML prolog with single quotes and no empty line, no version endpoints and no JSON-2.
 */
class Odoo17EnvelopeReplayTest {

    @Test
    @SuppressWarnings("unchecked")
    void envelopesFollowOdoo17() throws Exception {
        List<WireRecordings.Recording> all = WireRecordings.of(19);
        List<String> problems = new ArrayList<>();
        int errors = 0;
        for (WireRecordings.Recording ex : all) {
            WireFaithfulnessTest.Fixture f = WireFaithfulnessTest.fixture(ex.protocol(), all);
            try (OdooEmulator odoo = WireFaithfulnessTest.emulator(ex, f, 17)) {
                RawHttp.Response r = WireFaithfulnessTest.replay(odoo, ex);
                String body = r.text();
                switch (ex.protocol()) {
                    case "http":
                    case "json2":
                        if (r.status() != 404 || !r.header("Content-Type").startsWith("text/html")) {
                            problems.add(ex.key() + ": expected the 404 HTML page, got " + r.status());
                        }
                        break;
                    case "xmlrpc":
                        if (!body.startsWith("<?xml version='1.0'?>\n<methodResponse>\n") || body.contains("\n\n</methodResponse>")
                                || !body.endsWith("</methodResponse>\n")) {
                            problems.add(ex.key() + ": XML layout");
                        }
                        break;
                    default:
                        if (ex.id().equals("error-malformed-json")) {
                            break;
                        }
                        Map<String, Object> env = (Map<String, Object>) Json.parse(body);
                        if (env.containsKey("error")) {
                            errors++;
                            Map<String, Object> err = (Map<String, Object>) env.get("error");
                            Map<String, Object> data = (Map<String, Object>) err.get("data");
                            if (!Integer.valueOf(200).equals(err.get("code"))
                                    || !List.of("name", "debug", "message", "arguments", "context").equals(List.copyOf(data.keySet()))
                                    || !((String) data.get("debug")).startsWith("Traceback (most recent call last):")) {
                                problems.add(ex.key() + ": JSON-RPC error envelope " + err.get("code") + " " + data.keySet());
                            }
                        }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(errors >= 17, "error exchanges seen: " + errors);
    }
}
