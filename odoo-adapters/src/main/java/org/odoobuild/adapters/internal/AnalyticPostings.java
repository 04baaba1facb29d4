package org.odoobuild.adapters.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;

/**
 * Where an analytic distribution posts: the cost-code accounts (accounts of the cost-code plan
 * with a code) and the project account (any other account of the distribution), as codes. Shared
 * by the procure-to-pay adapters (posting controls, variance-hold cases) and the drawing holds.
 */
public final class AnalyticPostings {
  private AnalyticPostings() {}

  /**
   * The cost-code accounts: id → {code, name}.
   *
   * @param odoo the client
   * @param plan the cost-code plan (empty: none)
   * @return the accounts, by code
   */
  public static Map<Long, String[]> costCodeAccounts(OdooClient odoo, Optional<Long> plan) {
    Map<Long, String[]> out = new LinkedHashMap<>();
    if (plan.isEmpty()) {
      return out;
    }
    for (Record r : odoo.model("account.analytic.account").searchRead(Query.where(Domain.where("plan_id", "child_of", plan.get())
        .and(Domain.where("code", "!=", false))).fields("code", "name").order("code, id"))) {
      out.put(r.id(), new String[] {r.getString("code").orElse(""), r.getString("name").orElse("")});
    }
    return out;
  }

  /**
   * An {@code analytic_distribution} value (JSON object of account ids → percentage); empty when unset.
   *
   * @param r a record read with {@code analytic_distribution}
   * @return the distribution
   */
  public static Map<String, Object> distribution(Record r) {
    Object v = r.get("analytic_distribution").orElse(Map.of());
    Map<String, Object> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, p) -> {
        if (k instanceof String s && p instanceof Number) {
          out.put(s, p);
        }
      });
    }
    return out;
  }

  /**
   * The project code and cost code a distribution posts to ({@code ""} when none): the code of
   * the first cost-code account, and of the first other account (the project's).
   *
   * @param odoo the client (reads a project account's code once)
   * @param distribution the line's distribution
   * @param costCodes the cost-code accounts ({@link #costCodeAccounts})
   * @param projectCodes a cache of project account id → code, filled as accounts are read
   * @return {project code, cost code}
   */
  public static String[] posting(OdooClient odoo, Map<String, Object> distribution, Map<Long, String[]> costCodes,
      Map<Long, String> projectCodes) {
    String project = "";
    String costCode = "";
    for (String key : distribution.keySet()) {
      for (String part : key.split(",")) {
        String id = part.trim();
        if (!id.matches("\\d{1,18}")) {
          continue;
        }
        long account = Long.parseLong(id);
        if (costCodes.containsKey(account)) {
          costCode = costCode.isEmpty() ? costCodes.get(account)[0] : costCode;
        } else if (project.isEmpty()) {
          project = projectCodes.computeIfAbsent(account, k -> odoo.model("account.analytic.account").read(k, "code")
              .flatMap(r -> r.getString("code")).orElse(""));
        }
      }
    }
    return new String[] {project, costCode};
  }
}
