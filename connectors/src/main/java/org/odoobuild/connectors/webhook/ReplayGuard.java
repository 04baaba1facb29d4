package org.odoobuild.connectors.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.odoobuild.connectors.store.SyncStore;

/**
 * Remembers deliveries (digests of their signed content, see {@link WebhookVerifier}) so that a
 * captured delivery cannot be replayed. Only deliveries inside
 * the verifier's timestamp window need remembering: older deliveries fail the timestamp check.
 */
public interface ReplayGuard {

  /**
   * Whether a nonce was recorded (and not yet forgotten).
   *
   * @param nonce the delivery nonce
   * @return true when seen before
   */
  boolean seen(String nonce);

  /**
   * Records a nonce, atomically.
   *
   * @param nonce the delivery nonce
   * @param timestamp the delivery's signed timestamp
   * @return true when recorded now; false when it was recorded before (a replay)
   */
  boolean record(String nonce, Instant timestamp);

  /**
   * An in-memory guard bounded in size and time: nonces are forgotten after {@code ttl}, and the
   * oldest are dropped first when more than {@code maxEntries} are held. Per process.
   *
   * @param maxEntries the most nonces held
   * @param ttl how long a nonce is remembered (at least twice the timestamp tolerance)
   * @param clock the clock
   * @return the guard
   */
  static ReplayGuard inMemory(int maxEntries, Duration ttl, Clock clock) {
    return new InMemory(maxEntries, ttl, clock);
  }

  /**
   * A guard in a {@link SyncStore}'s idempotency keys ({@code webhook-nonce:<nonce>}), shared by
   * every process on the store and kept across restarts. Nonces are never forgotten.
   *
   * @param store the store
   * @return the guard
   */
  static ReplayGuard store(SyncStore store) {
    Objects.requireNonNull(store, "store");
    return new ReplayGuard() {
      @Override
      public boolean seen(String nonce) {
        return store.seen("webhook-nonce:" + nonce);
      }

      @Override
      public boolean record(String nonce, Instant timestamp) {
        return store.markProcessed("webhook-nonce:" + nonce, timestamp.toString());
      }

      @Override
      public String toString() {
        return "ReplayGuard{store}";
      }
    };
  }

  /** The bounded in-memory guard. */
  final class InMemory implements ReplayGuard {
    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> recorded = new LinkedHashMap<>();

    private InMemory(int maxEntries, Duration ttl, Clock clock) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1");
      }
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive");
      }
      this.maxEntries = maxEntries;
      this.ttl = ttl;
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean seen(String nonce) {
      expire();
      return recorded.containsKey(nonce);
    }

    @Override
    public synchronized boolean record(String nonce, Instant timestamp) {
      expire();
      if (recorded.containsKey(nonce)) {
        return false;
      }
      while (recorded.size() >= maxEntries) {
        Iterator<String> oldest = recorded.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      recorded.put(nonce, clock.instant());
      return true;
    }

    /**
     * How many nonces are held now.
     *
     * @return the count
     */
    public synchronized int size() {
      expire();
      return recorded.size();
    }

    private void expire() {
      Instant cutoff = clock.instant().minus(ttl);
      Iterator<Map.Entry<String, Instant>> it = recorded.entrySet().iterator();
      while (it.hasNext()) {
        if (it.next().getValue().isBefore(cutoff)) {
          it.remove();
        } else {
          break; // insertion order is time order
        }
      }
    }

    @Override
    public String toString() {
      return "ReplayGuard{inMemory, max " + maxEntries + ", ttl " + ttl + "}";
    }
  }
}
