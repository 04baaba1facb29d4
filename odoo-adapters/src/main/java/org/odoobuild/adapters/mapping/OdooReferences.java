package org.odoobuild.adapters.mapping;

import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;

/**
 * A {@link ReferenceResolver} that looks references up on a live server (cached):
 * {@code ir.model.data} for external ids, {@code product.product.default_code},
 * {@code uom.uom.name}, {@code res.currency.name}, {@code account.analytic.account.code},
 * {@code maintenance.equipment.category.name}. The reverse direction ({@link #refOf}) only knows
 * records registered in the fallback (e.g. from upsert results). Ids found are cached; a reference
 * not found is looked up again next time, so records created later are seen. Thread-safe.
 */
public final class OdooReferences implements ReferenceResolver {
  /** Name of the analytic plan cost codes are created in. */
  public static final String COST_CODE_PLAN = "Cost Codes";
  private final OdooClient client;
  private final InMemoryReferences known;
  private final Map<String, Optional<Long>> cache = new ConcurrentHashMap<>();

  /** Looks up on {@code client}; {@code known} answers first and holds reverse references. */
  public OdooReferences(OdooClient client, InMemoryReferences known) {
    this.client = client;
    this.known = known;
  }

  private Optional<Long> first(String key, String model, Domain domain) {
    return cached(key, () -> client.model(model).search(Query.where(domain).limit(1)).stream().findFirst());
  }

  /** Found ids are cached; a miss is asked again next time (the record may be created meanwhile). */
  private Optional<Long> cached(String key, java.util.function.Supplier<Optional<Long>> lookup) {
    Optional<Long> hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    Optional<Long> found = lookup.get();
    found.ifPresent(id -> cache.put(key, found));
    return found;
  }

  @Override
  public Optional<Long> idOf(String externalId) {
    Optional<Long> k = known.idOf(externalId);
    if (k.isPresent()) {
      return k;
    }
    int dot = externalId.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return cached("xid:" + externalId, () -> client.model("ir.model.data").searchRead(Query.where(
        Domain.where("module", "=", externalId.substring(0, dot)).and(Domain.where("name", "=", externalId.substring(dot + 1))))
        .fields("res_id").limit(1)).stream().findFirst().map(r -> r.getLong("res_id")));
  }

  @Override
  public Optional<SourceRef> refOf(String model, long id) {
    return known.refOf(model, id);
  }

  @Override
  public Optional<Long> costCodeAccount(String costCode) {
    Optional<Long> k = known.costCodeAccount(costCode);
    return k.isPresent() ? k : first("cc:" + costCode, "account.analytic.account", Domain.where("code", "=", costCode));
  }

  @Override
  public Optional<String> costCodeOf(long analyticAccountId) {
    Optional<String> k = known.costCodeOf(analyticAccountId);
    if (k.isPresent()) {
      return k;
    }
    return client.model("account.analytic.account").read(analyticAccountId, "code").flatMap(r -> r.getString("code"));
  }

  @Override
  public Optional<Long> productId(String productCode) {
    Optional<Long> k = known.productId(productCode);
    return k.isPresent() ? k : first("product:" + productCode, "product.product", Domain.where("default_code", "=", productCode));
  }

  @Override
  public Optional<Long> uomId(UnitOfMeasure unit) {
    Optional<Long> k = known.uomId(unit);
    return k.isPresent() ? k : first("uom:" + unit, "uom.uom", Domain.where("name", "=", OdooUnits.odooName(unit)));
  }

  @Override
  public Optional<Long> currencyId(Currency currency) {
    Optional<Long> k = known.currencyId(currency);
    return k.isPresent() ? k : first("cur:" + currency, "res.currency", Domain.where("name", "=", currency.getCurrencyCode()));
  }

  @Override
  public Optional<Long> equipmentCategoryId(String category) {
    Optional<Long> k = known.equipmentCategoryId(category);
    return k.isPresent() ? k : first("cat:" + category, "maintenance.equipment.category", Domain.where("name", "=", category));
  }

  @Override
  public Optional<Long> costCodePlanId() {
    Optional<Long> k = known.costCodePlanId();
    if (k.isPresent()) {
      return k;
    }
    Optional<Long> byXid = idOf(ExternalIds.MODULE + ".analytic_plan_cost_codes");
    return byXid.isPresent() ? byXid : first("plan", "account.analytic.plan", Domain.where("name", "=", COST_CODE_PLAN));
  }
}
