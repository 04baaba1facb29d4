package org.odoobuild.connectors.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
   * The case's facts for people, label → value, in a fixed order (kind, flow, record, project,
   * cost code, amount, due), empty values left out: what notifiers list under the text.
   *
   * @return the details
   */
  public Map<String, String> details() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("Kind", facts.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    d.put("Flow", facts.flow());
    d.put("Record", (facts.entityType() + " " + facts.entityKey()).trim());
    d.put("Project", facts.project());
    d.put("Cost code", facts.costCode());
    d.put("Amount", facts.amount().map(BigDecimal::toPlainString).orElse(""));
    d.put("Due", dueAt.toString());
    d.values().removeIf(String::isEmpty);
    return d;
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
