package org.odoobuild.spring;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when Odoo answers {@code common.version} and the configured credentials read the user's own
 * record (two requests per check); DOWN with the error's type and message (never a secret)
 * otherwise. Details: {@code serverVersion}, {@code protocol}.
 */
public class OdooHealthIndicator extends AbstractHealthIndicator {
  private final OdooClient odoo;

  /**
   * An indicator for a client.
   *
   * @param odoo the client
   */
  public OdooHealthIndicator(OdooClient odoo) {
    super("Odoo health check failed");
    this.odoo = Objects.requireNonNull(odoo, "odoo");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Object version = odoo.service("common", "version", List.of()).orElse(Map.of());
    String serverVersion = version instanceof Map<?, ?> m && m.get("server_version") != null
        ? m.get("server_version").toString() : "?";
    odoo.model("res.users").count(Domain.where("id", "=", odoo.uid()));
    builder.up().withDetail("serverVersion", serverVersion).withDetail("protocol", odoo.protocol().name());
  }
}
