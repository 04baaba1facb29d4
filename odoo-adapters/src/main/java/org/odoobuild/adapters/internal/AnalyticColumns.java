package org.odoobuild.adapters.internal;

import java.util.List;
import java.util.Optional;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.Record;

/**
 * The {@code account.analytic.line} column that holds the accounts of an analytic plan. Odoo
 * gives every root plan but the project plan its own column {@code x_plan<id>_id}
 * (addons/analytic/models/analytic_plan.py {@code _column_name}, 17.0 and 19.0); the project
 * plan's accounts are in {@code account_id}. The column is looked up with {@code fields_get},
 * never assumed.
 */
public final class AnalyticColumns {
  /** The project plan's column on analytic lines. */
  public static final String PROJECT_COLUMN = "account_id";

  private AnalyticColumns() {}

  /** The column of {@code plan} (of its root plan); {@code account_id} when the server has no column of its own for it. */
  public static String of(MappingContext ctx, Optional<Long> plan) {
    if (plan.isEmpty()) {
      return PROJECT_COLUMN;
    }
    long root = plan.get();
    for (int depth = 0; depth < 32; depth++) {
      Optional<Long> parent = ctx.related("account.analytic.plan", List.of(root), List.of("parent_id")).stream().findFirst()
          .flatMap((Record r) -> r.getMany2one("parent_id")).map(Many2one::id);
      if (parent.isEmpty()) {
        break;
      }
      root = parent.get();
    }
    return ctx.schema().discovered("account.analytic.line", "x_plan" + root + "_id").orElse(PROJECT_COLUMN);
  }
}
