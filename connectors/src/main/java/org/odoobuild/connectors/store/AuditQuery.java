package org.odoobuild.connectors.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit lines to read; empty parts match everything. Lines come oldest first unless
 * {@code newestFirst}.
 *
 * @param flow only this flow
 * @param entityType only this entity type
 * @param entityKey only this record
 * @param correlationId only this correlation id
 * @param action only this action
 * @param since only lines at or after this instant
 * @param until only lines before this instant
 * @param limit the most lines returned (at least 1)
 * @param newestFirst the newest lines first (the latest {@code limit} lines)
 */
public record AuditQuery(Optional<String> flow, Optional<String> entityType, Optional<String> entityKey,
    Optional<String> correlationId, Optional<String> action, Optional<Instant> since, Optional<Instant> until,
    int limit, boolean newestFirst) {

  /** Validates. */
  public AuditQuery {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityKey, "entityKey");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /**
   * Everything, up to {@code limit} lines.
   *
   * @param limit the most lines
   * @return the query
   */
  public static AuditQuery all(int limit) {
    return builder().limit(limit).build();
  }

  /**
   * One flow's lines.
   *
   * @param flow the flow
   * @param limit the most lines
   * @return the query
   */
  public static AuditQuery flow(String flow, int limit) {
    return builder().flow(flow).limit(limit).build();
  }

  /**
   * One record's lines.
   *
   * @param entityKey the record key
   * @param limit the most lines
   * @return the query
   */
  public static AuditQuery entity(String entityKey, int limit) {
    return builder().entityKey(entityKey).limit(limit).build();
  }

  /**
   * A builder (no filters, limit 100).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditQuery}. */
  public static final class Builder {
    private Optional<String> flow = Optional.empty();
    private Optional<String> entityType = Optional.empty();
    private Optional<String> entityKey = Optional.empty();
    private Optional<String> correlationId = Optional.empty();
    private Optional<String> action = Optional.empty();
    private Optional<Instant> since = Optional.empty();
    private Optional<Instant> until = Optional.empty();
    private int limit = 100;
    private boolean newestFirst;

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
     * Only this entity type.
     *
     * @param value the type
     * @return this
     */
    public Builder entityType(String value) {
      entityType = Optional.of(value);
      return this;
    }

    /**
     * Only this record.
     *
     * @param value the record key
     * @return this
     */
    public Builder entityKey(String value) {
      entityKey = Optional.of(value);
      return this;
    }

    /**
     * Only this correlation id.
     *
     * @param value the id
     * @return this
     */
    public Builder correlationId(String value) {
      correlationId = Optional.of(value);
      return this;
    }

    /**
     * Only this action.
     *
     * @param value the action
     * @return this
     */
    public Builder action(String value) {
      action = Optional.of(value);
      return this;
    }

    /**
     * Only lines at or after this instant.
     *
     * @param value the instant
     * @return this
     */
    public Builder since(Instant value) {
      since = Optional.of(value);
      return this;
    }

    /**
     * Only lines before this instant.
     *
     * @param value the instant
     * @return this
     */
    public Builder until(Instant value) {
      until = Optional.of(value);
      return this;
    }

    /**
     * The most lines returned.
     *
     * @param value at least 1
     * @return this
     */
    public Builder limit(int value) {
      limit = value;
      return this;
    }

    /**
     * The newest lines first: the latest {@code limit} lines instead of the earliest.
     *
     * @return this
     */
    public Builder newestFirst() {
      newestFirst = true;
      return this;
    }

    /**
     * The query.
     *
     * @return the query
     */
    public AuditQuery build() {
      return new AuditQuery(flow, entityType, entityKey, correlationId, action, since, until, limit, newestFirst);
    }
  }
}
