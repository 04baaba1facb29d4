package org.odoobuild.examples.support;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.odoobuild.client.OdooClient;
import org.odoobuild.testkit.OdooEmulator;

/**
 * The Odoo an example talks to: a real one when {@code ODOO_URL} is set (with {@code ODOO_DB} and
 * {@code ODOO_API_KEY}, or {@code ODOO_USER} + {@code ODOO_PASSWORD}), otherwise the embedded
 * emulator on a free loopback port.
 */
public final class OdooConnection implements AutoCloseable {
  private final OdooClient client;
  private final Optional<OdooEmulator> emulator;

  private OdooConnection(OdooClient client, Optional<OdooEmulator> emulator) {
    this.client = client;
    this.emulator = emulator;
  }

  /** Connects as the environment says. */
  public static OdooConnection open(Console out) {
    String url = System.getenv("ODOO_URL");
    if (url != null && !url.isBlank()) {
      OdooClient.Builder b = OdooClient.builder().url(url).database(env("ODOO_DB", "")).timeout(Duration.ofSeconds(120));
      String key = System.getenv("ODOO_API_KEY");
      if (key != null && !key.isBlank()) {
        b.apiKey(key);
        if (System.getenv("ODOO_USER") != null) {
          b.login(System.getenv("ODOO_USER"));
        }
      } else {
        b.login(env("ODOO_USER", "admin"), env("ODOO_PASSWORD", ""));
      }
      OdooClient c = b.build();
      out.step("Connected to " + url + " (Odoo " + c.version().version() + ", " + c.protocol() + ")");
      return new OdooConnection(c, Optional.empty());
    }
    return emulated(out);
  }

  /** Always the embedded emulator on a free loopback port, whatever the environment says (tests). */
  public static OdooConnection emulated(Console out) {
    String key = "example-" + UUID.randomUUID();
    OdooEmulator emulator = OdooEmulator.builder().apiKey(key).demoData(true).build().start();
    OdooClient c = OdooClient.builder().url(emulator.url().toString()).database(emulator.database()).apiKey(key).build();
    out.step("Started the embedded Odoo emulator at " + emulator.url() + " (Odoo " + c.version().version() + ", "
        + c.protocol() + "); set ODOO_URL to use a real Odoo");
    return new OdooConnection(c, Optional.of(emulator));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** The client. */
  public OdooClient client() {
    return client;
  }

  /** The emulator, when no real Odoo is configured. */
  public Optional<OdooEmulator> emulator() {
    return emulator;
  }

  @Override
  public void close() {
    client.close();
    emulator.ifPresent(OdooEmulator::close);
  }
}
