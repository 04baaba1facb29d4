package org.odoobuild.benchmarks;

import java.nio.charset.StandardCharsets;
import org.odoobuild.testkit.WireRecordings;

/** The recorded Odoo 19 exchanges shipped with the testkit ({@link WireRecordings}), as the bytes that went over the wire. */
public final class Wire {
  private Wire() {}

  /** The response body of the recorded exchange {@code odoo-19/<protocol>/<id>.json}, as UTF-8 bytes. */
  public static byte[] responseBody(String protocol, String id) {
    return WireRecordings.get(19, protocol, id).response().body().getBytes(StandardCharsets.UTF_8);
  }

  /** The request body of a recorded exchange, as UTF-8 bytes. */
  public static byte[] requestBody(String protocol, String id) {
    return WireRecordings.get(19, protocol, id).request().body().getBytes(StandardCharsets.UTF_8);
  }
}
