package org.odoobuild.connectors.cases;

import java.util.Objects;

/**
 * A notice about a case.
 *
 * @param id the notice's stable id (for deduplication by the receiver)
 * @param caseId the case
 * @param event {@code opened}, {@code escalated}, {@code resolved} or {@code dismissed}
 * @param recipient who is told
 * @param text what they are told
 */
public record CaseNotice(long id, long caseId, String event, String recipient, String text) {
  /** Validates. */
  public CaseNotice {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(text, "text");
  }
}
