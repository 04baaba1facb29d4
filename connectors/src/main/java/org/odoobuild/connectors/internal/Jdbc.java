package org.odoobuild.connectors.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** The one transaction helper of this module's JDBC stores (sync store, audit chain, cases). */
public final class Jdbc {
  private Jdbc() {}

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    /** Runs on {@code c}; its autocommit is off. */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} on {@code c} in one transaction: committed when it returns, rolled back when
   * it throws; the connection's autocommit setting is restored either way. Closing {@code c} is the
   * caller's.
   */
  public static <T> T inTransaction(Connection c, TxWork<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }
}
