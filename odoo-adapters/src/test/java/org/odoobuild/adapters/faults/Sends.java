package org.odoobuild.adapters.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.odoobuild.client.OdooEventListener;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.OdooTransportException;
import org.odoobuild.client.Protocol;

/**
 * Counts what the client sent, from its events: logical calls and attempts per method, failed
 * attempts by kind, and, for calls made while a record's key is set on the calling thread, the
 * requests per key that reached the server (a refused connection reached nothing).
 */
final class Sends extends OdooEventListener {
  static final ThreadLocal<String> KEY = new ThreadLocal<>();

  final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  /** Per record key: requests of its writes that reached the server. */
  final Map<String, AtomicInteger> reachedPerKey = new ConcurrentHashMap<>();
  /** Per record key: logical write calls. */
  final Map<String, AtomicInteger> callsPerKey = new ConcurrentHashMap<>();
  /** The most requests one logical write call put on the wire. */
  final AtomicInteger maxReachedPerCall = new AtomicInteger();
  /** Logical write calls that failed without any request reaching the server. */
  final AtomicLong neverSent = new AtomicLong();
  /** Per thread, the calls in progress (a call may nest the login it needs): {refused, last reported attempt}. */
  private final ThreadLocal<java.util.ArrayDeque<int[]>> frames = ThreadLocal.withInitial(java.util.ArrayDeque::new);
  private final String writeMethod;
  /** Told of every call and failed attempt, on the calling thread, when faults are injected. */
  private volatile Chaos chaos;

  Sends(String writeMethod) {
    this.writeMethod = writeMethod;
  }

  /** Lets {@code c} inject its faults between the calls this listener observes. */
  void drive(Chaos c) {
    chaos = c;
  }

  @Override
  public void callStart(String model, String method) {
    frames.get().push(new int[2]);
    Chaos c = chaos;
    if (c != null) {
      c.beforeCall();
    }
  }

  @Override
  public void attemptFailed(String model, String method, int attempt, OdooException failure) {
    int[] f = frames.get().peek();
    if (f != null) {
      f[1] = attempt;
    }
    failed(method, failure, f);
  }

  private void failed(String method, OdooException failure, int[] frame) {
    Chaos c = chaos;
    if (c != null) {
      c.failed();
    }
    String kind = failure instanceof OdooTransportException t ? t.reason().name()
        + t.error().httpStatus().stream().mapToObj(s -> " " + s).findFirst().orElse("") : failure.getClass().getSimpleName();
    failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    if (frame != null && failure instanceof OdooTransportException t
        && t.reason() == OdooTransportException.Reason.CONNECT_FAILED) {
      frame[0]++;
    }
  }

  @Override
  public void callEnd(String model, String method, Protocol protocol, int attemptCount, Duration duration,
      Optional<OdooException> failure) {
    int[] f = frames.get().poll();
    if (f == null) {
      f = new int[2];
    }
    if (failure.isPresent() && f[1] < attemptCount) {
      failed(method, failure.get(), f); // the last attempt's failure, when the call was not re-sent after it
    }
    calls.computeIfAbsent(method, k -> new AtomicLong()).incrementAndGet();
    attempts.computeIfAbsent(method, k -> new AtomicLong()).addAndGet(attemptCount);
    String key = KEY.get();
    if (key == null || !method.equals(writeMethod)) {
      return;
    }
    int reached = attemptCount - f[0];
    reachedPerKey.computeIfAbsent(key, k -> new AtomicInteger()).addAndGet(reached);
    callsPerKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    maxReachedPerCall.accumulateAndGet(reached, Math::max);
    if (reached == 0) {
      neverSent.incrementAndGet();
    }
  }

  long calls(String method) {
    AtomicLong n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  long attempts(String method) {
    AtomicLong n = attempts.get(method);
    return n == null ? 0 : n.get();
  }
}
