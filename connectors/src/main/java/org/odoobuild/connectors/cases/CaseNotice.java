package org.odoobuild.connectors.cases;

import java.time.Instant;
import java.util.Objects;

/**
 * A notice about a case.
 *
 * @param id the notice's stable id (for deduplication by the receiver)
 * @param caseId the case
 * @param event {@code opened}, {@code escalated}, {@code resolved} or {@code dismissed}
 * @param recipient who is told (the case's owner when the notice was queued)
 * @param text what they are told
 * @param facts what the case is about (kind, flow, record, project, cost code, amount), e.g. to
 *     attach the notice to the record concerned
 * @param dueAt the case's deadline
 */
public record CaseNotice(long id, long caseId, String event, String recipient, String text, NewCase facts,
    Instant dueAt) {
  /** Validates. */
  public CaseNotice {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(dueAt, "dueAt");
  }

  /**
   * A key that names this notice and nothing else, for receivers that deduplicate: the same
   * notice sent again (at-least-once delivery) carries the same key.
   *
   * @return {@code case-notice:<case id>:<notice id>}
   */
  public String idempotencyKey() {
    return "case-notice:" + caseId + ":" + id;
  }
}
