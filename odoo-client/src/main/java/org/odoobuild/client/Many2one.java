package org.odoobuild.client;

/**
 * A many2one value as Odoo reads it, {@code [id, "display name"]}. Sent back to Odoo it becomes
 * the bare id.
 *
 * @param id the referenced record's id
 * @param displayName its display name at read time
 */
public record Many2one(long id, String displayName) {

  /** Validates the reference. */
  public Many2one {
    if (id <= 0) {
      throw new IllegalArgumentException("a many2one id must be positive, got " + id);
    }
    displayName = displayName == null ? "" : displayName;
  }

  /** A reference known only by id. */
  public static Many2one of(long id) {
    return new Many2one(id, "");
  }
}
