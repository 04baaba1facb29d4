package org.odoobuild.model.documents;

/** Review status of a submittal (shop drawings, product data, samples) in document control. */
public enum SubmittalStatus {
  /** Being prepared by the subcontractor/contractor; not yet sent. */
  DRAFT,
  /** Sent to the design team for review. */
  SUBMITTED,
  /** The reviewer is working on it. */
  UNDER_REVIEW,
  /** Approved without comments: fabrication/procurement may proceed. */
  APPROVED,
  /** Approved with comments that must be incorporated: procurement may proceed. */
  APPROVED_AS_NOTED,
  /** Not accepted: correct and resubmit as a new revision; procurement must not proceed. */
  REVISE_AND_RESUBMIT,
  /** Rejected outright; procurement must not proceed. */
  REJECTED,
  /** Replaced by a later revision; no longer governs. */
  SUPERSEDED;

  /** Whether the review released the work (APPROVED or APPROVED_AS_NOTED). */
  public boolean releasesProcurement() {
    return this == APPROVED || this == APPROVED_AS_NOTED;
  }

  /** Whether a reviewer has answered (approved, noted, revise, rejected). */
  public boolean isReviewed() {
    return this == APPROVED || this == APPROVED_AS_NOTED || this == REVISE_AND_RESUBMIT || this == REJECTED;
  }

  /** Whether it has left the submitter (anything but DRAFT). */
  public boolean isSubmitted() {
    return this != DRAFT;
  }
}
