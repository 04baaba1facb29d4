package org.odoobuild.connectors.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One page of dead letters (see {@link SyncStore#deadLetters(DeadLetterQuery)}): empty filters
 * match everything; pages are in id order (oldest first) and continue after {@code afterId}
 * (keyset paging: the cost of a page does not grow with how far into the list it is).
 *
 * @param flow only this flow
 * @param errorType only this error type
 * @param owner only dead letters routed to this owner ({@code ""}: only those routed to nobody)
 * @param afterId only ids greater than this ({@code 0}: from the start); pass the last id of a
 *     page to get the next one
 * @param limit the most returned (1 to 1,000)
 */
public record DeadLetterQuery(Optional<String> flow, Optional<String> errorType, Optional<String> owner, long afterId,
    int limit) {

  /** Validates. */
  public DeadLetterQuery {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(errorType, "errorType");
    Objects.requireNonNull(owner, "owner");
    if (afterId < 0) {
      throw new IllegalArgumentException("afterId must not be negative");
    }
    if (limit < 1 || limit > 1_000) {
      throw new IllegalArgumentException("limit must be 1..1000");
    }
  }

  /**
   * A builder (no filters, from the start, limit 50).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DeadLetterQuery}. Not thread-safe. */
  public static final class Builder {
    private Optional<String> flow = Optional.empty();
    private Optional<String> errorType = Optional.empty();
    private Optional<String> owner = Optional.empty();
    private long afterId;
    private int limit = 50;

    private Builder() {}

    /**
     * Only this flow.
     *
     * @param value the flow
     * @return this
     */
    public Builder flow(String value) {
      flow = Optional.of(value);
      return this;
    }

    /**
     * Only this error type.
     *
     * @param value the error type
     * @return this
     */
    public Builder errorType(String value) {
      errorType = Optional.of(value);
      return this;
    }

    /**
     * Only dead letters routed to this owner ({@code ""}: routed to nobody).
     *
     * @param value the owner
     * @return this
     */
    public Builder owner(String value) {
      owner = Optional.of(value);
      return this;
    }

    /**
     * Only ids greater than this.
     *
     * @param value the last id of the previous page ({@code 0}: from the start)
     * @return this
     */
    public Builder afterId(long value) {
      afterId = value;
      return this;
    }

    /**
     * The most returned.
     *
     * @param value 1 to 1,000
     * @return this
     */
    public Builder limit(int value) {
      limit = value;
      return this;
    }

    /**
     * The query.
     *
     * @return the query
     */
    public DeadLetterQuery build() {
      return new DeadLetterQuery(flow, errorType, owner, afterId, limit);
    }
  }
}
