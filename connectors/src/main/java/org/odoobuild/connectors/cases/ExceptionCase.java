package org.odoobuild.connectors.cases;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable exception case: what went wrong, who owns it and by when it must be dealt with.
 *
 * @param id the case id
 * @param facts what it was opened with
 * @param owner who deals with it now (after escalation: the escalation owner)
 * @param openedAt when it was opened
 * @param dueAt its deadline (from the route's SLA)
 * @param status where it is
 * @param resolution how it was closed ({@code ""} while open)
 */
public record ExceptionCase(long id, NewCase facts, String owner, Instant openedAt, Instant dueAt, CaseStatus status,
    String resolution) {

  /** Validates the parts. */
  public ExceptionCase {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resolution, "resolution");
  }

  /** Whether it is still open (possibly escalated). */
  public boolean open() {
    return status == CaseStatus.OPEN || status == CaseStatus.ESCALATED;
  }
}
