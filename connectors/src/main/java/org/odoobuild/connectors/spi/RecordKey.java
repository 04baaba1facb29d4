package org.odoobuild.connectors.spi;

import java.util.Objects;

/**
 * Identifies one version of one record in its source system: the idempotency key is
 * {@code system:id:revision}, so a redelivered event is recognised and a new revision is not.
 *
 * @param system the source system, e.g. {@code procore} or {@code telematics}
 * @param id the record's id in that system
 * @param revision the record's revision or version stamp in that system ({@code ""} when the
 *     system has none; then every delivery of the id counts as the same)
 */
public record RecordKey(String system, String id, String revision) {

  /** Validates the parts. */
  public RecordKey {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(id, "id");
    revision = revision == null ? "" : revision;
    if (system.isBlank() || id.isBlank()) {
      throw new IllegalArgumentException("system and id must not be blank");
    }
    if (system.length() > 64 || id.length() > 256 || revision.length() > 128) {
      throw new IllegalArgumentException("record key too long");
    }
  }

  /** The idempotency key {@code system:id:revision} (colons in parts are escaped). */
  public String idempotencyKey() {
    return esc(system) + ":" + esc(id) + ":" + esc(revision);
  }

  private static String esc(String s) {
    return s.replace("%", "%25").replace(":", "%3A");
  }

  @Override
  public String toString() {
    return idempotencyKey();
  }
}
