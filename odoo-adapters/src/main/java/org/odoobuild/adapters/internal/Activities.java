package org.odoobuild.adapters.internal;

import java.util.List;
import org.odoobuild.adapters.AdapterException;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;

/**
 * Internal: Odoo activities ({@code mail.activity}) on a record, found by their summary, and the
 * {@code ir.model} id an activity names its record's model by.
 */
public final class Activities {
  /** The model of an activity. */
  public static final String MODEL = "mail.activity";

  private Activities() {}

  /**
   * The {@code ir.model} id of a model.
   *
   * @throws AdapterException when Odoo does not have the model
   */
  public static long modelId(OdooClient odoo, String model) {
    return odoo.model("ir.model").search(Query.where(Domain.where("model", "=", model)).limit(1)).stream().findFirst()
        .orElseThrow(() -> new AdapterException("ir.model has no " + model));
  }

  /**
   * The activities on a record whose summary matches.
   *
   * @param operator {@code =} for one summary, {@code =like} for a pattern
   */
  public static List<Long> find(OdooClient odoo, long modelId, long resId, String operator, String summary) {
    return odoo.model(MODEL).search(Query.where(Domain.where("res_model_id", "=", modelId)
        .and(Domain.where("res_id", "=", resId)).and(Domain.where("summary", operator, summary))));
  }

  /** Removes activities (nothing is sent for none). */
  public static void remove(OdooClient odoo, List<Long> ids) {
    if (!ids.isEmpty()) {
      odoo.model(MODEL).unlink(ids);
    }
  }
}
