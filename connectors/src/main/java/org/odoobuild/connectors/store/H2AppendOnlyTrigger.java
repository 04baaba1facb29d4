package org.odoobuild.connectors.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * Internal: the H2 trigger that keeps {@code sync_audit} append-only in an
 * {@link EmbeddedSyncStore} (H2 instantiates it by name, hence public).
 */
public final class H2AppendOnlyTrigger implements Trigger {
  /** Created by H2. */
  public H2AppendOnlyTrigger() {}

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("sync_audit is append-only", "42501");
  }
}
