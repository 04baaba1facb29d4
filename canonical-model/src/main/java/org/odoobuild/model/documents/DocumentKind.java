package org.odoobuild.model.documents;

/** What a controlled document is. */
public enum DocumentKind {
  /** A drawing sheet (plan, section, detail). */
  DRAWING,
  /** A specification section. */
  SPECIFICATION
}
