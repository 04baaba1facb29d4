package org.odoobuild.model.equipment;

/** Availability of a piece of equipment. */
public enum AssetStatus {
  /** Available or working on a job. */
  ACTIVE,
  /** Out of service for repair or maintenance. */
  IN_REPAIR,
  /** Available but parked (no job). */
  IDLE,
  /** Sold, scrapped or returned; kept for history. */
  RETIRED
}
