package org.odoobuild.connectors.engine;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * The flow and correlation id the current thread works for, carried explicitly (a thread-local of
 * this class), so audit rows, outbox headers, workflow history and metrics get them whatever the
 * logging backend does with the MDC. The engine opens one around every run, drain and accept;
 * open one yourself to hand your own correlation id (e.g. a request id) to the records you
 * {@link SyncEngine#accept accept}:
 * <pre>{@code
 * try (SyncContext.Scope ignored = SyncContext.open("", requestId)) {
 *   engine.accept("vendors", record);       // outbox header, audit row and history carry requestId
 * }
 * }</pre>
 * The values are copied to the MDC keys {@code flow} and {@code correlation_id} as well, for
 * logging backends that support it.
 *
 * @param flow the flow name, {@code ""} outside a flow
 * @param correlationId the correlation id, never empty
 */
public record SyncContext(String flow, String correlationId) {
  /** The MDC key of the flow. */
  public static final String MDC_FLOW = "flow";
  /** The MDC key (and outbox header) of the correlation id. */
  public static final String MDC_CORRELATION = "correlation_id";
  private static final ThreadLocal<SyncContext> CURRENT = new ThreadLocal<>();

  /** Validates the parts. */
  public SyncContext {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(correlationId, "correlationId");
    if (correlationId.isBlank()) {
      throw new IllegalArgumentException("correlationId is blank");
    }
  }

  /**
   * The context of the current thread.
   *
   * @return it, empty outside {@link #open}
   */
  public static Optional<SyncContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /**
   * The correlation id of the current thread: the open context's, else the MDC's
   * {@code correlation_id} (for callers that set only that).
   *
   * @return it, empty when neither is set
   */
  public static Optional<String> currentCorrelationId() {
    SyncContext c = CURRENT.get();
    if (c != null) {
      return Optional.of(c.correlationId);
    }
    String mdc = MDC.get(MDC_CORRELATION);
    return mdc == null || mdc.isBlank() ? Optional.empty() : Optional.of(mdc);
  }

  /** A new random correlation id ({@code prefix-} and 16 hex digits). */
  public static String newCorrelationId(String prefix) {
    return prefix + "-" + String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /**
   * Makes {@code flow} and {@code correlationId} the current thread's context until the scope is
   * closed; the previous context (and MDC values) come back then. Close it on the same thread.
   *
   * @param flow the flow, {@code ""} when none
   * @param correlationId the correlation id
   * @return the scope to close
   */
  public static Scope open(String flow, String correlationId) {
    return new Scope(new SyncContext(flow, correlationId));
  }

  /**
   * A scope for {@code flow} that keeps the current correlation id, or starts a new one.
   *
   * @param flow the flow
   * @param prefix the prefix of a new id ({@code run}, {@code accept})
   * @return the scope to close
   */
  static Scope enter(String flow, String prefix) {
    return open(flow, currentCorrelationId().orElseGet(() -> newCorrelationId(prefix)));
  }

  /** An open context; {@link #close()} restores what was current before. */
  public static final class Scope implements AutoCloseable {
    private final SyncContext context;
    private final SyncContext previous;
    private final String previousMdcFlow;
    private final String previousMdcCorrelation;
    private final Thread owner = Thread.currentThread();

    private Scope(SyncContext context) {
      this.context = context;
      this.previous = CURRENT.get();
      this.previousMdcFlow = MDC.get(MDC_FLOW);
      this.previousMdcCorrelation = MDC.get(MDC_CORRELATION);
      CURRENT.set(context);
      MDC.put(MDC_FLOW, context.flow);
      MDC.put(MDC_CORRELATION, context.correlationId);
    }

    /** The context this scope made current. */
    public SyncContext context() {
      return context;
    }

    @Override
    public void close() {
      if (Thread.currentThread() != owner) {
        throw new IllegalStateException("a SyncContext scope is closed on the thread that opened it");
      }
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
      restore(MDC_FLOW, previousMdcFlow);
      restore(MDC_CORRELATION, previousMdcCorrelation);
    }

    private static void restore(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }
}
