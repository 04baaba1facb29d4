package org.odoobuild.connectors.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.OdooError;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.OdooUserException;
import org.odoobuild.client.OdooValidationException;
import org.odoobuild.client.Protocol;

class ResilienceTest {
  static OdooError error(String name, int status) {
    return new OdooError(name, "x", Protocol.JSON2, OptionalInt.of(status), OptionalInt.empty(), Optional.empty(),
        "res.partner", "load");
  }

  static OdooTransportException http(int status, Optional<Duration> retryAfter) {
    return new OdooTransportException(error("http." + status, status),
        status == 429 ? OdooTransportException.Reason.RATE_LIMITED : OdooTransportException.Reason.HTTP_STATUS,
        false, retryAfter, null);
  }

  Resilience fast(int attempts) {
    return Resilience.builder().maxAttempts(attempts).backoff(Duration.ofMillis(1), Duration.ofMillis(20))
        .circuitBreaker(1000, 1000, Duration.ofSeconds(1)).build();
  }

  @Test
  void retriesTransientFailuresOnly() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String ok = fast(5).call("odoo", "default", () -> {
      if (calls.incrementAndGet() < 4) {
        throw calls.get() % 2 == 0 ? http(503, Optional.empty()) : new IOException("connection reset");
      }
      return "ok";
    });
    assertEquals("ok", ok);
    assertEquals(4, calls.get());

    AtomicInteger userCalls = new AtomicInteger();
    assertThrows(OdooValidationException.class, () -> fast(5).call("odoo", "default", () -> {
      userCalls.incrementAndGet();
      throw new OdooValidationException(error("odoo.exceptions.ValidationError", 422));
    }));
    assertEquals(1, userCalls.get(), "a validation error is never retried");
    AtomicInteger plain = new AtomicInteger();
    assertThrows(OdooUserException.class, () -> fast(5).call("odoo", "default", () -> {
      plain.incrementAndGet();
      throw new OdooUserException(error("odoo.exceptions.UserError", 422));
    }));
    assertEquals(1, plain.get());
  }

  @Test
  void honoursRetryAfterUpToTheCap() throws Exception {
    Resilience r = Resilience.builder().maxAttempts(2).backoff(Duration.ofMillis(1), Duration.ofMillis(300)).build();
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    r.call("odoo", "default", () -> {
      if (calls.incrementAndGet() == 1) {
        throw http(429, Optional.of(Duration.ofSeconds(30))); // capped to 300 ms
      }
      return 1;
    });
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 250 && ms < 5000, "waited " + ms + " ms");
  }

  @Test
  void circuitOpensAfterRepeatedTransientFailuresAndClosesAfterTheDelay() throws Exception {
    Resilience r = Resilience.builder().maxAttempts(1).circuitBreaker(3, 3, Duration.ofMillis(200)).build();
    for (int i = 0; i < 3; i++) {
      assertThrows(OdooTransportException.class, () -> r.call("erp-a", "default", () -> {
        throw http(502, Optional.empty());
      }));
    }
    assertEquals(CircuitBreaker.State.OPEN, r.breakerState("erp-a"));
    AtomicInteger reached = new AtomicInteger();
    assertThrows(CircuitBreakerOpenException.class, () -> r.call("erp-a", "default", () -> reached.incrementAndGet()));
    assertEquals(0, reached.get(), "an open breaker does not call the endpoint");
    assertEquals(CircuitBreaker.State.CLOSED, r.breakerState("erp-b"), "breakers are per endpoint");
    Thread.sleep(250);
    assertEquals(1, r.call("erp-a", "default", () -> 1));
  }

  @Test
  void aSlowLaneCannotTakeTheCapacityOfAnother() throws Exception {
    Resilience r = Resilience.builder().lane("documents", 1).lane("financial", 2).laneWait(Duration.ofMillis(50)).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Future<?> slow = pool.submit(() -> r.call("odoo", "documents", () -> {
      started.countDown();
      release.await(10, TimeUnit.SECONDS);
      return null;
    }));
    assertTrue(started.await(5, TimeUnit.SECONDS));
    // the documents lane is full: a second document call is refused after laneWait ...
    Future<?> blocked = pool.submit(() -> r.call("odoo", "documents", () -> 1));
    Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> blocked.get(5, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof dev.failsafe.BulkheadFullException, e.toString());
    // ... while financial calls go through at once
    assertEquals(42, r.call("odoo", "financial", () -> 42));
    release.countDown();
    slow.get(5, TimeUnit.SECONDS);
    pool.shutdown();
    assertThrows(IllegalArgumentException.class, () -> r.call("odoo", "no-such-lane", () -> 1));
  }
}
