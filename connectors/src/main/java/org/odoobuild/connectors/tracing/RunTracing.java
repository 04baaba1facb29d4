package org.odoobuild.connectors.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.odoobuild.connectors.engine.RunListener;
import org.odoobuild.connectors.engine.RunReport;

/**
 * One OpenTelemetry span per run or drain ({@code sync.run <flow>}), current while the run lasts
 * so that spans of the calls it makes (e.g. {@code OdooCallTracing} of odoo-adapters) are its
 * children. Attributes: {@code sync.flow}, {@code sync.correlation_id}, and at the end
 * {@code sync.status}, {@code sync.pulled}, {@code sync.applied}, {@code sync.dead_lettered};
 * status ERROR for a failed run. Needs {@code io.opentelemetry:opentelemetry-api} on the class
 * path (an optional dependency of this module); API only, the application brings the SDK.
 * Thread-safe: each thread keeps its own open spans.
 * <pre>{@code
 * SyncEngine.builder().store(store).listener(new RunTracing(openTelemetry.getTracer("odoo-sync"))).build();
 * }</pre>
 */
public final class RunTracing extends RunListener {
  private static final AttributeKey<String> FLOW = AttributeKey.stringKey("sync.flow");
  private static final AttributeKey<String> CORRELATION = AttributeKey.stringKey("sync.correlation_id");
  private final Tracer tracer;
  private final ThreadLocal<Deque<Open>> open = ThreadLocal.withInitial(ArrayDeque::new);

  private record Open(Span span, Scope scope) {}

  /**
   * Traces with a tracer.
   *
   * @param tracer the tracer (e.g. {@code openTelemetry.getTracer("odoo-sync")})
   */
  public RunTracing(Tracer tracer) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
  }

  @Override
  public void runStarted(String flow, String correlationId) {
    Span span = tracer.spanBuilder("sync.run " + flow).setSpanKind(SpanKind.INTERNAL).setAttribute(FLOW, flow)
        .setAttribute(CORRELATION, correlationId).startSpan();
    open.get().push(new Open(span, span.makeCurrent()));
  }

  @Override
  public void runFinished(RunReport report) {
    Open o = open.get().poll();
    if (o == null) {
      return;
    }
    o.span().setAttribute("sync.status", report.status().name())
        .setAttribute("sync.pulled", report.pulled())
        .setAttribute("sync.applied", report.applied())
        .setAttribute("sync.dead_lettered", report.deadLettered());
    if (report.status() == RunReport.Status.FAILED) {
      o.span().setStatus(StatusCode.ERROR, report.deadLettered() + " dead-lettered");
    } else if (!report.stoppedBecause().isEmpty()) {
      o.span().setAttribute("sync.stopped_because", report.stoppedBecause());
    }
    o.scope().close();
    o.span().end();
  }
}
