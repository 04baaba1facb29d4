package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit lines to read; empty parts match everything.
 *
 * @param flow only this flow
 * @param entityKey only this record
 * @param correlationId only this correlation id
 * @param since only lines at or after this instant
 * @param limit the most lines returned (oldest first)
 */
public record AuditQuery(Optional<String> flow, Optional<String> entityKey, Optional<String> correlationId,
    Optional<Instant> since, int limit) {

  /** Everything, up to {@code limit} lines. */
  public static AuditQuery all(int limit) {
    return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** One flow's lines. */
  public static AuditQuery flow(String flow, int limit) {
    return new AuditQuery(Optional.of(flow), Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** One record's lines. */
  public static AuditQuery entity(String entityKey, int limit) {
    return new AuditQuery(Optional.empty(), Optional.of(entityKey), Optional.empty(), Optional.empty(), limit);
  }
}
