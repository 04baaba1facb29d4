package org.odoobuild.model.equipment;

/** Progress of a maintenance event. */
public enum MaintenanceStatus {
  /** Reported/requested, not yet planned. */
  REQUESTED,
  /** Planned for a date. */
  SCHEDULED,
  /** Being worked on; the machine is usually down. */
  IN_PROGRESS,
  /** Completed (needs a completion date). */
  DONE,
  /** Not going to happen. */
  CANCELLED
}
