package org.odoobuild.workflow.jobcost;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.json.CanonicalJson;
import org.odoobuild.workflow.kit.WorkflowException;

/**
 * Budgets as canonical JSON in one table ({@code job_budget}) of any JDBC database (H2,
 * PostgreSQL), created if absent; usually the database of the connectors' {@code SyncStore}
 * ({@link #in}), so budgets are backed up with the sync state. Thread-safe.
 */
public final class JdbcBudgetStore implements BudgetStore {
  private final DataSource ds;

  /** Uses the data source; creates the table if needed. */
  public JdbcBudgetStore(DataSource ds) {
    this.ds = ds;
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS job_budget (project VARCHAR(400) PRIMARY KEY, budget TEXT NOT NULL)");
    } catch (SQLException e) {
      throw new WorkflowException("cannot create the budget table: " + e.getMessage(), e);
    }
  }

  /**
   * Budgets in the database of a connectors {@code SyncStore}.
   *
   * @throws IllegalArgumentException when the store keeps no JDBC database
   */
  public static JdbcBudgetStore in(org.odoobuild.connectors.store.SyncStore store) {
    return new JdbcBudgetStore(store.database()
        .orElseThrow(() -> new IllegalArgumentException("budgets need a JDBC-backed SyncStore, got " + store)));
  }

  @Override
  public void save(Budget budget) {
    String key = budget.projectRef().key();
    String json = CanonicalJson.write(budget);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM job_budget WHERE project = ?");
          PreparedStatement ins = c.prepareStatement("INSERT INTO job_budget (project, budget) VALUES (?, ?)")) {
        del.setString(1, key);
        del.executeUpdate();
        ins.setString(1, key);
        ins.setString(2, json);
        ins.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new WorkflowException("cannot save the budget of " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Budget> find(SourceRef project) {
    try (Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT budget FROM job_budget WHERE project = ?")) {
      p.setString(1, project.key());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(CanonicalJson.read(r.getString(1), Budget.class).value().orElseThrow(() ->
            new WorkflowException("the stored budget of " + project.key() + " does not read back")));
      }
    } catch (SQLException e) {
      throw new WorkflowException("cannot read the budget of " + project.key() + ": " + e.getMessage(), e);
    }
  }
}
