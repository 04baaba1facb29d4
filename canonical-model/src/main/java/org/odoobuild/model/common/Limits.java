package org.odoobuild.model.common;

/** Size caps applied to canonical data so hostile input cannot grow without bound. */
public final class Limits {
  /** Names, titles, descriptions of one line. */
  public static final int NAME = 512;
  /** Identifiers and references (source ids, numbers, codes). */
  public static final int REF = 128;
  /** Short codes (system names, revision codes, spec sections). */
  public static final int CODE = 64;
  /** Free text (notes, descriptions). */
  public static final int TEXT = 4000;
  /** Maximum number of elements in any list (lines, refs). */
  public static final int MAX_ITEMS = 10_000;
  /** Maximum size in bytes of one JSON document accepted by the canonical reader. */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
  /** Maximum JSON nesting depth accepted by the canonical reader. */
  public static final int MAX_DEPTH = 32;

  private Limits() {
  }
}
