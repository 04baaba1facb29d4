package org.odoobuild.workflow.equipment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.odoobuild.workflow.kit.WorkflowException;

/**
 * Meter readings in one table ({@code equipment_meter}, one row per usage id) of any JDBC
 * database (H2, PostgreSQL), created if absent; usually the database of the connectors'
 * {@code SyncStore} ({@link #in}), so readings survive a crash with the sync state. Thread-safe;
 * two writers of the same usage id keep the first row (primary key).
 */
public final class JdbcMeterStore implements MeterStore {
  private static final String UNIQUE_VIOLATION = "23505"; // SQLSTATE of H2 and PostgreSQL
  private final DataSource ds;

  /** Uses the data source; creates the table if needed. */
  public JdbcMeterStore(DataSource ds) {
    this.ds = Objects.requireNonNull(ds, "ds");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS equipment_meter (usage_id VARCHAR(400) PRIMARY KEY, asset VARCHAR(400) NOT NULL,"
          + " meter_before DECIMAL(24, 6) NOT NULL, meter_after DECIMAL(24, 6) NOT NULL)");
      s.execute("CREATE INDEX IF NOT EXISTS equipment_meter_asset ON equipment_meter (asset)");
    } catch (SQLException e) {
      throw new WorkflowException("cannot create the meter table: " + e.getMessage(), e);
    }
  }

  /**
   * Readings in the database of a connectors {@code SyncStore}.
   *
   * @throws IllegalArgumentException when the store keeps no JDBC database
   */
  public static JdbcMeterStore in(org.odoobuild.connectors.store.SyncStore store) {
    return new JdbcMeterStore(store.database()
        .orElseThrow(() -> new IllegalArgumentException("meter readings need a JDBC-backed SyncStore, got " + store)));
  }

  @Override
  public MeterReading record(MeterReading r) {
    try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO equipment_meter (usage_id, asset, meter_before, meter_after) VALUES (?, ?, ?, ?)")) {
      p.setString(1, r.usageId());
      p.setString(2, r.assetTag());
      p.setBigDecimal(3, r.before());
      p.setBigDecimal(4, r.after());
      p.executeUpdate();
      return r;
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return reading(r.usageId()).orElseThrow(() -> new WorkflowException("the reading of " + r.usageId() + " vanished", e));
      }
      throw new WorkflowException("cannot record the meter of " + r.usageId() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<MeterReading> reading(String usageId) {
    try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT asset, meter_before, meter_after FROM equipment_meter WHERE usage_id = ?")) {
      p.setString(1, usageId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next()
            ? Optional.of(new MeterReading(usageId, rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros(),
                rs.getBigDecimal(3).stripTrailingZeros()))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new WorkflowException("cannot read the meter of " + usageId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<BigDecimal> latest(String assetTag) {
    try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT MAX(meter_after) FROM equipment_meter WHERE asset = ?")) {
      p.setString(1, assetTag);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getBigDecimal(1)).map(BigDecimal::stripTrailingZeros) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new WorkflowException("cannot read the meter of " + assetTag + ": " + e.getMessage(), e);
    }
  }
}
