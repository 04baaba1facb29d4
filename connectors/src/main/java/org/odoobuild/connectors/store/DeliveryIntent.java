package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A record's delivery that was started and not yet finished: written before a sink is called,
 * removed when the record's outcome is recorded (processed, dead-lettered, or known not to have
 * reached the target). An intent left behind by an engine that died, or one whose outcome is
 * {@link State#UNKNOWN unknown}, tells the next engine to verify with the target before it sends
 * the record again (see {@link SyncStore#beginDelivery}).
 *
 * @param idempotencyKey the record's key
 * @param owner the delivery run that holds it (engine instance and run)
 * @param state in flight, or of unknown outcome
 * @param since when it was written or last changed
 * @param detail why the outcome is unknown ({@code ""} while in flight)
 */
public record DeliveryIntent(String idempotencyKey, String owner, State state, Instant since, String detail) {

  /** Where a delivery is. */
  public enum State {
    /** The owner is delivering it now (or died while doing so). */
    IN_FLIGHT,
    /** The target may or may not have applied it: verify before sending it again. */
    UNKNOWN
  }

  /** Validates the parts. */
  public DeliveryIntent {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(detail, "detail");
  }
}
