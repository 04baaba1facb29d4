package org.odoobuild.adapters.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.client.CallListener;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.connectors.engine.SyncContext;

/**
 * One OpenTelemetry client span per Odoo call ({@code odoo <model>.<method>}), recorded when the
 * call ended with its real start and end, as a child of the current span (a sync run traced by
 * {@code RunTracing}). Attributes: {@code rpc.system=odoo}, {@code rpc.method}, {@code odoo.model},
 * {@code odoo.protocol}, {@code sync.flow} when in a flow; status ERROR with the exception's type
 * (never its message, which may carry data). Needs {@code io.opentelemetry:opentelemetry-api} on
 * the class path (an optional dependency of this module). Thread-safe.
 * <pre>{@code
 * OdooClient.builder()...listener(new OdooCallTracing(openTelemetry.getTracer("odoo-client"))).build();
 * }</pre>
 */
public final class OdooCallTracing implements CallListener {
  private final Tracer tracer;

  /**
   * Traces with a tracer.
   *
   * @param tracer the tracer
   */
  public OdooCallTracing(Tracer tracer) {
    this.tracer = Objects.requireNonNull(tracer, "tracer");
  }

  @Override
  public void onCall(String model, String method, Protocol protocol, Duration duration,
      Optional<OdooException> failure) {
    Instant end = Instant.now();
    Span span = tracer.spanBuilder("odoo " + (model.isEmpty() ? "" : model + ".") + method)
        .setSpanKind(SpanKind.CLIENT).setStartTimestamp(end.minus(duration))
        .setAttribute("rpc.system", "odoo").setAttribute("rpc.method", method)
        .setAttribute("odoo.model", model).setAttribute("odoo.protocol", protocol.name()).startSpan();
    SyncContext.current().map(SyncContext::flow).filter(f -> !f.isEmpty())
        .ifPresent(f -> span.setAttribute("sync.flow", f));
    failure.ifPresent(e -> span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName()));
    span.end(end);
  }
}
