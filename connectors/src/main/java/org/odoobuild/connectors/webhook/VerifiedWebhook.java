package org.odoobuild.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A delivery that passed {@link WebhookVerifier}'s checks.
 *
 * @param eventId the event's id, always bound to signed content: the body's event id field, else
 *     the delivery id when the signature covers it, else {@code sha256:} and a digest of the body
 * @param deliveryId the delivery id header as sent ({@code ""} when none); not signed unless the
 *     verifier signs delivery ids, so for correlation only
 * @param timestamp the signed timestamp
 * @param body the raw body as text (UTF-8)
 * @param json the parsed body (a JSON object; do not modify)
 * @param headers the request headers, first value per name
 * @param replayKey what the replay guard remembers: a digest of everything the signature covers,
 *     so a captured delivery sent again, with any unsigned header changed, is recognised
 */
public record VerifiedWebhook(String eventId, String deliveryId, Instant timestamp, String body, JsonNode json,
    Map<String, String> headers, String replayKey) {

  /** Validates and copies. */
  public VerifiedWebhook {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(json, "json");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(replayKey, "replayKey");
  }
}
