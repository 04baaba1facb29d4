package org.odoobuild.connectors.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.PooledConnection;

/**
 * A small bounded pool over a {@link ConnectionPoolDataSource} that checks every idle connection
 * before handing it out ({@link Connection#isValid}), so a database restart costs no failed call:
 * the broken connections are dropped and new ones opened. Connections the driver reports broken
 * are dropped too. Thread-safe.
 */
final class ValidatingPool implements DataSource, AutoCloseable {
  private static final int VALIDATION_SECONDS = 5;

  private final ConnectionPoolDataSource source;
  private final Semaphore permits;
  private final Duration wait;
  private final Deque<Slot> idle = new ArrayDeque<>();
  private boolean closed;

  ValidatingPool(ConnectionPoolDataSource source, int maxConnections, Duration wait) {
    this.source = Objects.requireNonNull(source, "source");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    this.permits = new Semaphore(maxConnections, true);
    this.wait = Objects.requireNonNull(wait, "wait");
  }

  /** One physical connection and what its current borrower may do with it. */
  private final class Slot implements ConnectionEventListener {
    final PooledConnection physical;
    /** Set when the connection must not go back to the pool (failed validation, or the driver said it broke). */
    volatile boolean discard;

    Slot(PooledConnection physical) {
      this.physical = physical;
      physical.addConnectionEventListener(this);
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
      if (discard || !giveBack(this)) {
        closeQuietly(physical);
      }
      if (!validating) {
        permits.release();
      }
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
      discard = true;
    }

    /** True while the pool itself closes a connection that failed validation (no permit to give back). */
    volatile boolean validating;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new SQLException("no free connection within " + wait.toSeconds() + " s", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", "08001", e);
    }
    try {
      while (true) {
        Slot slot = takeIdle();
        if (slot == null) {
          return new Slot(source.getPooledConnection()).physical.getConnection();
        }
        Connection c;
        try {
          c = slot.physical.getConnection();
        } catch (SQLException e) {
          closeQuietly(slot.physical);
          continue;
        }
        if (isValid(c)) {
          return c;
        }
        slot.discard = true;
        slot.validating = true;
        try {
          c.close();
        } catch (SQLException ignored) {
          // the connection is gone anyway
        }
        closeQuietly(slot.physical);
      }
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private static boolean isValid(Connection c) {
    try {
      return c.isValid(VALIDATION_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  private synchronized Slot takeIdle() throws SQLException {
    if (closed) {
      throw new SQLException("the connection pool is closed", "08003");
    }
    return idle.pollLast();
  }

  private synchronized boolean giveBack(Slot slot) {
    if (closed) {
      return false;
    }
    idle.addLast(slot);
    return true;
  }

  private static void closeQuietly(PooledConnection pc) {
    try {
      pc.close();
    } catch (SQLException ignored) {
      // broken already
    }
  }

  /** Closes the idle connections; connections in use are closed when given back. */
  @Override
  public void close() {
    Deque<Slot> drop;
    synchronized (this) {
      closed = true;
      drop = new ArrayDeque<>(idle);
      idle.clear();
    }
    drop.forEach(s -> closeQuietly(s.physical));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool connects with its own credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // not used
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // the wait for a free connection is set at construction
  }

  @Override
  public int getLoginTimeout() {
    return (int) wait.toSeconds();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "ValidatingPool{" + permits.availablePermits() + " free}";
  }
}
