package org.odoobuild.adapters.internal;

import java.util.Optional;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;

/** Internal: whether the database has a model (its module is installed), from {@code ir.model}. */
public final class InstalledModels {
  private InstalledModels() {}

  /**
   * {@code model} when the database has it, else empty.
   *
   * @param odoo the database
   * @param model e.g. {@code purchase.requisition}
   * @return the model, if installed
   */
  public static Optional<String> find(OdooClient odoo, String model) {
    return odoo.model("ir.model").search(Query.where(Domain.where("model", "=", model)).limit(1)).isEmpty()
        ? Optional.empty() : Optional.of(model);
  }
}
