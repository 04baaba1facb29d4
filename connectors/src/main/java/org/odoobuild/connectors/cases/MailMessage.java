package org.odoobuild.connectors.cases;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One mail, as a {@link MailTransport} sends it.
 *
 * @param from the sender address
 * @param to the recipient addresses
 * @param subject the subject
 * @param body the plain-text body
 * @param headers extra headers, e.g. {@code Message-ID} (stable per notice, so mail systems
 *     drop a repeat) and {@code X-Idempotency-Key}
 */
public record MailMessage(String from, List<String> to, String subject, String body, Map<String, String> headers) {
  /** Validates and copies. */
  public MailMessage {
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }
}
