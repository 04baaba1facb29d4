package org.odoobuild.model.documents;

/** Issue status of a document revision. */
public enum DocumentStatus {
  /** Work in progress, not issued. */
  WORKING,
  /** Issued for review/coordination, not for building. */
  ISSUED_FOR_REVIEW,
  /** Issued for construction: the governing revision. */
  ISSUED_FOR_CONSTRUCTION,
  /** Replaced by a later revision ({@code supersededBy} says which). */
  SUPERSEDED,
  /** Withdrawn without replacement. */
  VOID;

  /** Whether procurement/field may work from it. */
  public boolean isCurrent() {
    return this == ISSUED_FOR_CONSTRUCTION;
  }
}
