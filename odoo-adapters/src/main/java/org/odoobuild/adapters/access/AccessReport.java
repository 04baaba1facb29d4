package org.odoobuild.adapters.access;

import java.util.List;
import java.util.Objects;
import org.odoobuild.connectors.access.AccessNeed.Operation;

/**
 * The result of an {@link OdooAccessCheck}: the rights the flows need that the Odoo user lacks
 * ({@link #missing()}), the rights it holds on the same models that no flow needs
 * ({@link #excess()}, e.g. delete on a model the flows only read), and the user's groups beyond
 * the minimal set ({@link #excessGroups()}).
 *
 * @param login the checked user's login (never a secret)
 * @param missing needed rights the user lacks, in need order
 * @param excess rights on the needed models that no flow needs
 * @param groups the user's group names
 * @param excessGroups the user's groups beyond the minimal set
 */
public record AccessReport(String login, List<Right> missing, List<Right> excess, List<String> groups,
    List<String> excessGroups) {

  /** One operation on one model. */
  public record Right(String model, Operation operation) {
    /** Validates the parts. */
    public Right {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(operation, "operation");
    }

    @Override
    public String toString() {
      return model + ":" + operation.odooName();
    }
  }

  /** Copies the lists. */
  public AccessReport {
    Objects.requireNonNull(login, "login");
    missing = List.copyOf(missing);
    excess = List.copyOf(excess);
    groups = List.copyOf(groups);
    excessGroups = List.copyOf(excessGroups);
  }

  /** Whether every needed right is held (excess rights do not stop a start, they are reported). */
  public boolean sufficient() {
    return missing.isEmpty();
  }

  /** Whether the user holds exactly what is needed: nothing missing, nothing in excess. */
  public boolean leastPrivilege() {
    return missing.isEmpty() && excess.isEmpty() && excessGroups.isEmpty();
  }

  @Override
  public String toString() {
    return "AccessReport[" + login + ": missing=" + missing + ", excess=" + excess + ", excessGroups=" + excessGroups + "]";
  }
}
