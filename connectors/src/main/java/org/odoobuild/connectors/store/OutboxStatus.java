package org.odoobuild.connectors.store;

import java.util.Locale;

/** Where an outbox entry is in its life cycle (see {@link SyncStore}). */
public enum OutboxStatus {
  /** Waiting to be claimed (possibly not yet due). */
  PENDING,
  /** Reserved by a worker until its lease ends. */
  CLAIMED,
  /** Delivered. */
  DONE,
  /** Dead-lettered: waits for an operator to replay or discard it. */
  DEAD,
  /** Dropped by an operator (the reason is in the audit log). */
  DISCARDED;

  /**
   * The value stored in the database.
   *
   * @return the lower-case name
   */
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status for a stored value.
   *
   * @param value a value from {@link #dbValue()}
   * @return the status
   */
  public static OutboxStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
