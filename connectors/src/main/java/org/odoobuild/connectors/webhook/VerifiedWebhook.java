package org.odoobuild.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A delivery that passed {@link WebhookVerifier}'s checks.
 *
 * @param eventId the event's id: the body's event id field, else the delivery id
 * @param deliveryId the nonce of this delivery: the delivery id header, else the event id
 * @param timestamp the signed timestamp
 * @param body the raw body as text (UTF-8)
 * @param json the parsed body (a JSON object; do not modify)
 * @param headers the request headers, first value per name
 */
public record VerifiedWebhook(String eventId, String deliveryId, Instant timestamp, String body, JsonNode json,
    Map<String, String> headers) {

  /** Validates and copies. */
  public VerifiedWebhook {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(json, "json");
    headers = Map.copyOf(headers);
  }
}
