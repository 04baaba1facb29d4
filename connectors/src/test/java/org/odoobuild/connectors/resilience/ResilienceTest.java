package org.odoobuild.connectors.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilienceTest {

  @Test
  void neverRetriesACall() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(IOException.class, () -> Resilience.defaults().call("odoo", "default", () -> {
      calls.incrementAndGet();
      throw new IOException("connection reset");
    }));
    assertEquals(1, calls.get(), "retries belong to the client that makes the call");
  }

  @Test
  void aBuilderChangedAfterBuildDoesNotChangeTheBuiltInstance() throws Exception {
    Resilience.Builder b = Resilience.builder().lane("financial", 2).circuitBreaker(3, 5, Duration.ofSeconds(30));
    Resilience r = b.build();
    b.lane("documents", 1).circuitBreaker(1, 1, Duration.ofSeconds(1)).rateLimit(1, Duration.ofHours(1))
        .classifier(t -> true);
    assertEquals(Map.of("default", 4, "financial", 2), r.lanes());
    assertEquals(3, r.config().breakerFailures());
    assertEquals(0, r.config().ratePermits());
    assertThrows(IllegalArgumentException.class, () -> r.call("odoo", "documents", () -> 1), "a lane added later is not there");
    assertFalse(r.config().classifier().isTransient(new IllegalStateException("permanent")));
    assertEquals(1, (int) r.call("odoo", "financial", () -> 1));
  }

  @Test
  void theStandardClassifierKnowsIoSqlAndBreakerFailures() {
    FailureClassifier c = FailureClassifier.standard();
    assertTrue(c.isTransient(new IOException("reset")));
    assertTrue(c.isTransient(new RuntimeException(new SQLException("conflict", "40001"))));
    assertTrue(c.isTransient(new RuntimeException(new SQLException("deadlock", "40P01"))));
    assertFalse(c.isTransient(new SQLException("syntax", "42601")));
    assertFalse(c.isTransient(new IllegalArgumentException("bad record")));
    FailureClassifier custom = ((FailureClassifier) t -> t instanceof IllegalStateException).orElse(c);
    assertTrue(custom.isTransient(new IllegalStateException("busy")));
    assertTrue(custom.isTransient(new IOException("reset")));
    RuntimeException loop = new RuntimeException("self");
    Throwable deep = loop;
    for (int i = 0; i < 10_000; i++) {
      deep = new RuntimeException(deep);
    }
    assertFalse(c.isTransient(deep), "a cause chain is walked to a bound, not to the end");
  }

  @Test
  void circuitOpensAfterRepeatedTransientFailures() {
    Resilience r = Resilience.builder().circuitBreaker(3, 3, Duration.ofMinutes(5)).build();
    for (int i = 0; i < 3; i++) {
      assertThrows(IOException.class, () -> r.call("erp-a", "default", () -> {
        throw new IOException("bad gateway");
      }));
    }
    assertEquals(CircuitBreaker.State.OPEN, r.breakerState("erp-a"));
    AtomicInteger reached = new AtomicInteger();
    assertThrows(CircuitBreakerOpenException.class, () -> r.call("erp-a", "default", () -> reached.incrementAndGet()));
    assertEquals(0, reached.get(), "an open breaker does not call the endpoint");
    assertEquals(CircuitBreaker.State.CLOSED, r.breakerState("erp-b"), "breakers are per endpoint");
  }

  @Test
  void permanentFailuresDoNotOpenTheBreaker() {
    Resilience r = Resilience.builder().circuitBreaker(2, 2, Duration.ofMinutes(5)).build();
    for (int i = 0; i < 5; i++) {
      assertThrows(IllegalArgumentException.class, () -> r.call("erp", "default", () -> {
        throw new IllegalArgumentException("bad record");
      }));
    }
    assertEquals(CircuitBreaker.State.CLOSED, r.breakerState("erp"));
  }

  @Test
  void aSlowLaneCannotTakeTheCapacityOfAnother() throws Exception {
    Resilience r = Resilience.builder().lane("documents", 1).lane("financial", 2).laneWait(Duration.ofMillis(200)).build();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    Future<?> slow = pool.submit(() -> r.call("odoo", "documents", () -> {
      started.countDown();
      // holds the lane until the test releases it (60 s: a hang guard only)
      if (!release.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
      return null;
    }));
    assertTrue(started.await(60, TimeUnit.SECONDS));
    // the documents lane is full: a second document call is refused after laneWait ...
    Future<?> blocked = pool.submit(() -> r.call("odoo", "documents", () -> 1));
    Exception e = assertThrows(java.util.concurrent.ExecutionException.class, () -> blocked.get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof dev.failsafe.BulkheadFullException, e.toString());
    // ... while financial calls go through at once
    assertEquals(42, r.call("odoo", "financial", () -> 42));
    release.countDown();
    slow.get(60, TimeUnit.SECONDS);
    pool.shutdown();
    assertThrows(IllegalArgumentException.class, () -> r.call("odoo", "no-such-lane", () -> 1));
  }
}
