package org.odoobuild.adapters.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.odoobuild.client.CallListener;
import org.odoobuild.client.OdooException;
import org.odoobuild.client.Protocol;
import org.odoobuild.connectors.engine.SyncContext;

/**
 * Every Odoo call of a client as a Micrometer timer {@code odoo.calls} with the tags {@code model},
 * {@code method}, {@code protocol}, {@code outcome} ({@code ok} or the exception's simple name,
 * e.g. {@code OdooValidationException}) and {@code flow} (the sync flow the call was made for,
 * from {@link SyncContext}; {@code none} outside a flow). Needs
 * {@code io.micrometer:micrometer-core} on the class path (an optional dependency of this module).
 * Thread-safe; tags never carry arguments or values.
 * <pre>{@code
 * OdooClient odoo = OdooClient.builder()...listener(new OdooCallMetrics(registry)).build();
 * }</pre>
 */
public final class OdooCallMetrics implements CallListener {
  /** The timer's name. */
  public static final String NAME = "odoo.calls";
  private final MeterRegistry registry;

  /**
   * Binds to a registry.
   *
   * @param registry the registry
   */
  public OdooCallMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onCall(String model, String method, Protocol protocol, Duration duration,
      Optional<OdooException> failure) {
    String flow = SyncContext.current().map(SyncContext::flow).filter(f -> !f.isEmpty()).orElse("none");
    Timer.builder(NAME)
        .tag("model", model.isEmpty() ? "none" : model)
        .tag("method", method)
        .tag("protocol", protocol.name())
        .tag("outcome", failure.map(e -> e.getClass().getSimpleName()).orElse("ok"))
        .tag("flow", flow)
        .register(registry)
        .record(duration);
  }
}
