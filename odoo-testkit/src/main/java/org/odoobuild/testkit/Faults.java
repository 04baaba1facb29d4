package org.odoobuild.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runtime fault switches of an {@link OdooEmulator}, for resilience tests. All switches are thread-safe, can be
 * flipped while requests are in flight, and apply to every protocol and path. Obtain it with
 * {@link OdooEmulator#faults()}; every method returns {@code this} for chaining.
 *
 * <p>Order of evaluation for each incoming request: {@link #latency(Duration) latency} is waited first, then
 * {@link #unavailable(Duration) unavailable}, {@link #failNext(int, int) failNext}, {@link #rateLimit(int, int)
 * rateLimit}, {@link #resetNext(int) resetNext}, and finally {@link #truncateNext(int) truncateNext} is applied to
 * the response. A consumed "next" fault does not consume the others.
 */
public final class Faults {

    /** What the front controller must do with the current request. */
    enum Action { NONE, FAIL, RATE_LIMIT, RESET, UNAVAILABLE }

    /** Stops and restarts the listening socket for {@link #down(Duration)}. */
    interface Listener {
        void suspend(Duration duration);

        void resume();
    }

    private volatile long latencyNanos;
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 503;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private final AtomicInteger resetNext = new AtomicInteger();
    private final AtomicInteger truncateNext = new AtomicInteger();
    private volatile long unavailableUntil;
    private volatile boolean unavailableForever;
    private final Listener listener;

    Faults(Listener listener) {
        this.listener = listener;
    }

    /**
     * Delays every response by {@code delay} (before any other fault is evaluated).
     *
     * @param delay the added latency; {@link Duration#ZERO} removes it
     * @return this
     */
    public Faults latency(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        latencyNanos = Math.max(0, delay.toNanos());
        return this;
    }

    /**
     * Answers the next {@code n} requests with {@code status} and an HTML body like the one a reverse proxy
     * (nginx) produces, e.g. 502, 503 or 504.
     *
     * @param n number of requests to fail
     * @param status HTTP status to send
     * @return this
     */
    public Faults failNext(int n, int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
        failStatus = status;
        failNext.set(Math.max(0, n));
        return this;
    }

    /**
     * Answers the next {@code n} requests with {@code 429 Too Many Requests} and a {@code Retry-After} header.
     *
     * @param n number of requests to reject
     * @param retryAfterSeconds value of the {@code Retry-After} header
     * @return this
     */
    public Faults rateLimit(int n, int retryAfterSeconds) {
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        rateLimited.set(Math.max(0, n));
        return this;
    }

    /**
     * Closes the connection of the next {@code n} requests without sending any response.
     *
     * @param n number of requests
     * @return this
     */
    public Faults resetNext(int n) {
        resetNext.set(Math.max(0, n));
        return this;
    }

    /**
     * For the next {@code n} requests, sends the headers with the full {@code Content-Length} but only the first
     * half of the body, then closes the connection.
     *
     * @param n number of requests
     * @return this
     */
    public Faults truncateNext(int n) {
        truncateNext.set(Math.max(0, n));
        return this;
    }

    /**
     * Stops listening for {@code duration}: connections are refused until then (or until {@link #up()}).
     * The emulator binds the same port again afterwards.
     *
     * @param duration how long the server is down
     * @return this
     */
    public Faults down(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        listener.suspend(duration);
        return this;
    }

    /**
     * Keeps accepting connections but answers every request with {@code 503 Service Unavailable} for
     * {@code duration} (or until {@link #up()}).
     *
     * @param duration how long the server answers 503
     * @return this
     */
    public Faults unavailable(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        unavailableUntil = System.nanoTime() + duration.toNanos();
        unavailableForever = false;
        return this;
    }

    /**
     * Ends {@link #down(Duration)} and {@link #unavailable(Duration)} immediately.
     *
     * @return this
     */
    public Faults up() {
        unavailableUntil = 0;
        unavailableForever = false;
        listener.resume();
        return this;
    }

    /**
     * Removes every fault: latency, pending failures, rate limits, resets, truncations and down time.
     *
     * @return this
     */
    public Faults clear() {
        latencyNanos = 0;
        failNext.set(0);
        rateLimited.set(0);
        resetNext.set(0);
        truncateNext.set(0);
        return up();
    }

    long latencyNanos() {
        return latencyNanos;
    }

    int failStatus() {
        return failStatus;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static boolean take(AtomicInteger counter) {
        while (true) {
            int n = counter.get();
            if (n <= 0) {
                return false;
            }
            if (counter.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    Action next() {
        if (unavailableForever || unavailableUntil != 0 && System.nanoTime() < unavailableUntil) {
            return Action.UNAVAILABLE;
        }
        if (take(failNext)) {
            return Action.FAIL;
        }
        if (take(rateLimited)) {
            return Action.RATE_LIMIT;
        }
        if (take(resetNext)) {
            return Action.RESET;
        }
        return Action.NONE;
    }

    boolean takeTruncate() {
        return take(truncateNext);
    }

    @Override
    public String toString() {
        return "Faults[latency=" + Duration.ofNanos(latencyNanos) + ", failNext=" + failNext.get() + ", rateLimited="
                + rateLimited.get() + ", resetNext=" + resetNext.get() + ", truncateNext=" + truncateNext.get() + "]";
    }
}
