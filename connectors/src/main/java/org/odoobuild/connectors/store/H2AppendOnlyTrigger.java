package org.odoobuild.connectors.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.Trigger;

/**
 * Internal: the H2 trigger that keeps {@code sync_audit} append-only in an
 * {@link EmbeddedSyncStore} (H2 instantiates it by name, hence public). The one delete it lets
 * through is the audit retention job's ({@code org.odoobuild.connectors.audit.AuditChain#retain}),
 * which sets the session variable {@code @sync_audit_retention} around its delete.
 */
public final class H2AppendOnlyTrigger implements Trigger {
  /** Created by H2. */
  public H2AppendOnlyTrigger() {}

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    if (newRow == null && retention(conn)) {
      return;
    }
    throw new SQLException("sync_audit is append-only", "42501");
  }

  private static boolean retention(Connection conn) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery("SELECT @sync_audit_retention")) {
      return r.next() && r.getObject(1) != null;
    }
  }
}
