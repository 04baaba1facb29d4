package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.adapters.internal.AnalyticColumns;
import org.odoobuild.adapters.internal.AnalyticPostings;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.client.OdooClient;

/**
 * Where cost codes live in Odoo's analytic accounting: accounts of the cost-code plan, and the
 * {@code account.analytic.line} column of that plan ({@link AnalyticColumns}).
 */
final class Analytics {
  /** The project plan's column on analytic lines. */
  static final String PROJECT_COLUMN = AnalyticColumns.PROJECT_COLUMN;
  private final OdooClient odoo;
  private final MappingContext ctx;

  Analytics(OdooClient odoo, MappingContext ctx) {
    this.odoo = odoo;
    this.ctx = ctx;
  }

  /** The cost-code plan. */
  Optional<Long> costCodePlan() {
    return ctx.refs().costCodePlanId();
  }

  /** The analytic-line column of the cost-code plan ({@code account_id} when the server has no column of its own for it). */
  String costCodeColumn() {
    return AnalyticColumns.of(ctx, costCodePlan());
  }

  /** The cost-code accounts: id → code and id → name. */
  Map<Long, String[]> costCodeAccounts() {
    return AnalyticPostings.costCodeAccounts(odoo, costCodePlan());
  }

  /** A number without trailing zeros nor exponent ({@code 1740.0} → {@code 1740}, {@code 2E+3} → {@code 2000}). */
  static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * The shares of one distribution per cost-code account, for the entries that include
   * {@code projectAccount} (all entries when empty): {@code {"7,12": 60, "7,13": 40}} gives
   * 12 → 0.6, 13 → 0.4.
   */
  static Map<Long, BigDecimal> shares(Map<String, Object> distribution, Optional<Long> projectAccount, Map<Long, String[]> costCodes) {
    Map<Long, BigDecimal> out = new LinkedHashMap<>();
    distribution.forEach((key, pct) -> {
      List<String> ids = List.of(key.split(","));
      if (projectAccount.isPresent() && !ids.contains(String.valueOf(projectAccount.get()))) {
        return;
      }
      for (String id : ids) {
        try {
          long acc = Long.parseLong(id.trim());
          if (costCodes.containsKey(acc)) {
            out.merge(acc, new BigDecimal(pct.toString()).movePointLeft(2), BigDecimal::add);
          }
        } catch (NumberFormatException e) {
          // not an account id: not a cost code
        }
      }
    });
    return out;
  }
}
