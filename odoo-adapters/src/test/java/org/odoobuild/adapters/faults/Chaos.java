package org.odoobuild.adapters.faults;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.odoobuild.testkit.OdooEmulator;

/**
 * Injects faults into the emulator one at a time: before a call, once {@code every} requests went
 * through since the previous fault was hit, it arms the next kind; the client's next request hits
 * it, and the failed attempt the client reports counts it as hit, by kind. Driven by the client's
 * events on the thread that makes the calls ({@link Sends#drive}), never by a thread of its own: the
 * client is used from one thread, so which requests fail does not depend on scheduling.
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
  private final int every;
  private final Map<Kind, Integer> hit = new EnumMap<>(Kind.class);
  private long since;
  private int step;
  private Kind armed;
  private boolean closed;

  Chaos(OdooEmulator server, Sends sends, int every) {
    this.server = server;
    this.every = every;
    this.since = server.requestCount();
    sends.drive(this);
  }

  /** A call is about to be made: arms the next fault when its turn has come. */
  synchronized void beforeCall() {
    if (closed || armed != null || server.requestCount() - since < every) {
      return;
    }
    armed = Kind.values()[step++ % Kind.values().length];
    switch (armed) {
      case BAD_GATEWAY -> server.faults().failNext(1, 502);
      case UNAVAILABLE -> server.faults().failNext(1, 503);
      case GATEWAY_TIMEOUT -> server.faults().failNext(1, 504);
      case RATE_LIMITED -> server.faults().rateLimit(1, 1);
      case RESET -> server.faults().resetNext(1);
      case TRUNCATED -> server.faults().truncateNext(1);
      case DOWN -> server.faults().down(Duration.ofMinutes(5));
    }
  }

  /** An attempt failed: the armed fault was hit (a server that went down comes back before the retry). */
  synchronized void failed() {
    if (armed == null) {
      return;
    }
    if (armed == Kind.DOWN) {
      server.faults().up();
    }
    hit.merge(armed, 1, Integer::sum);
    armed = null;
    since = server.requestCount();
  }

  /** Faults hit, by kind. */
  synchronized Map<Kind, Integer> hit() {
    return Map.copyOf(hit);
  }

  /** All faults hit. */
  synchronized int total() {
    return hit.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public synchronized void close() {
    closed = true;
    armed = null;
    server.faults().clear();
  }
}
