package org.odoobuild.adapters.capture;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.odoobuild.adapters.internal.Json;

/** Snapshots in a table ({@code sync_snapshot}) of any JDBC database (H2, PostgreSQL). */
public final class JdbcSnapshotStore implements SnapshotStore {
  private static final ObjectMapper JSON = Json.MAPPER;
  private final DataSource ds;

  /** Uses the data source and creates the table if absent. */
  public JdbcSnapshotStore(DataSource ds) {
    this.ds = ds;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS sync_snapshot (model VARCHAR(128) NOT NULL, rec_id BIGINT NOT NULL, "
          + "snapshot TEXT NOT NULL, PRIMARY KEY (model, rec_id))");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create sync_snapshot: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Map<String, Object>> get(String model, long id) {
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT snapshot FROM sync_snapshot WHERE model = ? AND rec_id = ?")) {
      p.setString(1, model);
      p.setLong(2, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(JSON.readValue(r.getString(1), new TypeReference<Map<String, Object>>() { }))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read snapshot: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void put(String model, long id, Map<String, Object> values) {
    String json;
    try {
      json = JSON.writeValueAsString(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement u = c.prepareStatement("UPDATE sync_snapshot SET snapshot = ? WHERE model = ? AND rec_id = ?")) {
        u.setString(1, json);
        u.setString(2, model);
        u.setLong(3, id);
        if (u.executeUpdate() > 0) {
          return;
        }
      }
      try (PreparedStatement i = c.prepareStatement("INSERT INTO sync_snapshot (model, rec_id, snapshot) VALUES (?, ?, ?)")) {
        i.setString(1, model);
        i.setLong(2, id);
        i.setString(3, json);
        i.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store snapshot: " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(String model, long id) {
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("DELETE FROM sync_snapshot WHERE model = ? AND rec_id = ?")) {
      p.setString(1, model);
      p.setLong(2, id);
      p.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete snapshot: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<Long> ids(String model) {
    Set<Long> out = new HashSet<>();
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT rec_id FROM sync_snapshot WHERE model = ?")) {
      p.setString(1, model);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(r.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list snapshots: " + e.getMessage(), e);
    }
    return out;
  }
}
