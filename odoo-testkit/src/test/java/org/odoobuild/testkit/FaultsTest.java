package org.odoobuild.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault switch observed with a plain java.net.http client. */
class FaultsTest {

    OdooEmulator odoo;

    @BeforeEach
    void start() {
        odoo = OdooEmulator.builder().build().start();
    }

    @AfterEach
    void stop() {
        odoo.close();
    }

    /** A fresh client per request: no pooled connection survives a fault. */
    private HttpResponse<String> version() throws IOException, InterruptedException {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        return c.send(HttpRequest.newBuilder(URI.create(odoo.url() + "/web/version")).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void latency() throws Exception {
        odoo.faults().latency(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertEquals(200, version().statusCode());
        assertTrue(System.nanoTime() - t0 >= 290_000_000L, "a lower bound: holds on any machine");
        // cleared: an answer that would otherwise come after ten minutes comes before the client's timeout
        odoo.faults().latency(Duration.ofMinutes(10));
        odoo.faults().clear();
        assertEquals(200, version().statusCode());
    }

    @Test
    void failNextWithProxyBody() throws Exception {
        odoo.faults().failNext(2, 502);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = version();
            assertEquals(502, r.statusCode());
            assertTrue(r.body().contains("<h1>502 Bad Gateway</h1>"));
            assertEquals("text/html", r.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(200, version().statusCode());
        odoo.faults().failNext(1, 504);
        assertEquals(504, version().statusCode());
    }

    @Test
    void rateLimit() throws Exception {
        odoo.faults().rateLimit(1, 7);
        HttpResponse<String> r = version();
        assertEquals(429, r.statusCode());
        assertEquals("7", r.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, version().statusCode());
    }

    private HttpResponse<String> postVersion() throws IOException, InterruptedException {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        return c.send(HttpRequest.newBuilder(URI.create(odoo.url() + "/jsonrpc")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": "
                        + "{\"service\": \"common\", \"method\": \"version\", \"args\": []}, \"id\": 1}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void resetNext() throws Exception {
        // a POST: java.net.http silently retries an idempotent GET once when the connection drops without a response
        odoo.faults().resetNext(1);
        assertThrows(IOException.class, this::postVersion);
        assertEquals(200, postVersion().statusCode());
        odoo.faults().resetNext(2);
        assertThrows(IOException.class, this::version);
        assertEquals(200, version().statusCode());
    }

    @Test
    void truncateNext() throws Exception {
        odoo.faults().truncateNext(1);
        assertThrows(IOException.class, this::version);
        assertEquals(200, version().statusCode());
    }

    @Test
    void downRefusesConnectionsUntilUp() throws Exception {
        int port = odoo.port();
        odoo.faults().down(Duration.ofMinutes(1));
        assertThrows(ConnectException.class, this::version);
        odoo.faults().up();
        assertEquals(200, version().statusCode());
        assertEquals(port, odoo.port());
    }

    @Test
    void downForAWhileComesBackByItself() throws Exception {
        Duration down = Duration.ofSeconds(1);
        long t0 = System.nanoTime();
        odoo.faults().down(down);
        // refused, unless this slow machine took longer than the down time to get here
        try {
            version();
            assertTrue(System.nanoTime() - t0 >= down.toNanos(), "answered while down");
        } catch (ConnectException refused) {
            // down, as it should be
        }
        HttpResponse<String> back = null;
        for (int i = 0; i < 600 && back == null; i++) { // asks for up to a minute
            try {
                back = version();
            } catch (ConnectException stillDown) {
                Thread.sleep(100);
            }
        }
        assertTrue(back != null && back.statusCode() == 200, "back up by itself");
        assertTrue(System.nanoTime() - t0 >= down.toNanos(), "not before its time");
    }

    @Test
    void unavailableAnswers503() throws Exception {
        odoo.faults().unavailable(Duration.ofMinutes(1));
        assertEquals(503, version().statusCode());
        assertEquals(503, version().statusCode());
        odoo.faults().up();
        assertEquals(200, version().statusCode());
    }

    @Test
    void countersCountRoundTrips() throws Exception {
        odoo.resetCounters();
        odoo.faults().failNext(1, 503);
        version();
        version();
        Rpc rpc = new Rpc(odoo);
        rpc.call("res.partner", "search_count", java.util.List.of(java.util.List.of()));
        assertEquals(3, odoo.requestCount());
        assertEquals(2, odoo.requestCount("/web/version"));
        assertEquals(1, odoo.requestCount("/jsonrpc"));
        assertEquals(1, odoo.callCount("res.partner", "search_count"));
        odoo.resetCounters();
        assertEquals(0, odoo.requestCount());
    }
}
