package org.odoobuild.adapters.faults;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.odoobuild.testkit.OdooEmulator;

/**
 * Injects faults into the emulator one at a time, each after {@code every} requests went through
 * since the previous one was hit, and waits until the client saw it (a failed attempt) before the
 * next: so every injected fault is a fault that was hit, and they are counted by kind.
 */
final class Chaos implements AutoCloseable {
  /** The faults, in the order they are injected. */
  enum Kind {
    /** 502 from the gateway, before Odoo. */
    BAD_GATEWAY,
    /** 503 from the gateway. */
    UNAVAILABLE,
    /** 504 from the gateway. */
    GATEWAY_TIMEOUT,
    /** 429 with Retry-After. */
    RATE_LIMITED,
    /** The connection closed without an answer, before Odoo processed the request. */
    RESET,
    /** Odoo processed the request; its answer was cut in half. */
    TRUNCATED,
    /** The server stopped listening until the client met a refused connection. */
    DOWN
  }

  private final OdooEmulator server;
  private final Sends sends;
  private final int every;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<Kind, Integer> hit = new EnumMap<>(Kind.class);
  private final Thread thread;
  private volatile boolean pending;

  Chaos(OdooEmulator server, Sends sends, int every) {
    this.server = server;
    this.sends = sends;
    this.every = every;
    this.thread = new Thread(this::loop, "chaos");
    thread.setDaemon(true);
  }

  Chaos start() {
    thread.start();
    return this;
  }

  private void loop() {
    int step = 0;
    long since = server.requestCount();
    while (running.get()) {
      if (server.requestCount() - since < every) {
        pause();
        continue;
      }
      Kind kind = Kind.values()[step++ % Kind.values().length];
      long before = sends.failedAttempts.get();
      pending = true;
      switch (kind) {
        case BAD_GATEWAY -> server.faults().failNext(1, 502);
        case UNAVAILABLE -> server.faults().failNext(1, 503);
        case GATEWAY_TIMEOUT -> server.faults().failNext(1, 504);
        case RATE_LIMITED -> server.faults().rateLimit(1, 1);
        case RESET -> server.faults().resetNext(1);
        case TRUNCATED -> server.faults().truncateNext(1);
        case DOWN -> server.faults().down(Duration.ofMinutes(5));
      }
      while (running.get() && sends.failedAttempts.get() == before) {
        pause();
      }
      if (kind == Kind.DOWN) {
        server.faults().up();
      }
      if (sends.failedAttempts.get() > before) {
        pending = false;
        hit.merge(kind, 1, Integer::sum);
      }
      since = server.requestCount();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Faults hit, by kind. */
  Map<Kind, Integer> hit() {
    return Map.copyOf(hit);
  }

  /** All faults hit. */
  int total() {
    return hit.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether a fault was injected and never hit before the end. */
  boolean leftPending() {
    return pending;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
    server.faults().clear();
  }
}
