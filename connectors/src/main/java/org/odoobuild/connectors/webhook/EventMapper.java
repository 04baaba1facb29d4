package org.odoobuild.connectors.webhook;

import org.odoobuild.connectors.store.OutboxEntry;

/**
 * Turns a verified delivery into the outbox entry the intake stores. Throw an
 * {@link IllegalArgumentException} for content that must be refused (answered with 400).
 * The entry's idempotency key decides what counts as the same event: a delivery whose key is
 * already in the outbox is acknowledged but stored once.
 */
@FunctionalInterface
public interface EventMapper {

  /**
   * Maps a delivery.
   *
   * @param flow the intake's flow
   * @param webhook the verified delivery
   * @return the entry to enqueue (usually for {@code flow})
   */
  OutboxEntry map(String flow, VerifiedWebhook webhook);
}
