package org.odoobuild.adapters.mapping;

import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;

/**
 * A {@link ReferenceResolver} backed by maps: for tests, for offline mapping, or as a cache
 * filled from upsert results. Thread-safe; the register methods return {@code this}.
 */
public final class InMemoryReferences implements ReferenceResolver {
  private final Map<String, Long> idsByExternalId = new ConcurrentHashMap<>();
  private final Map<String, SourceRef> refsByRecord = new ConcurrentHashMap<>();
  private final Map<String, Long> costCodeAccounts = new ConcurrentHashMap<>();
  private final Map<Long, String> accountCostCodes = new ConcurrentHashMap<>();
  private final Map<String, Long> products = new ConcurrentHashMap<>();
  private final Map<Long, String> productCodes = new ConcurrentHashMap<>();
  private final Map<UnitOfMeasure, Long> uoms = new ConcurrentHashMap<>();
  private final Map<Long, UnitOfMeasure> uomUnits = new ConcurrentHashMap<>();
  private final Map<Currency, Long> currencies = new ConcurrentHashMap<>();
  private final Map<Long, Currency> currencyById = new ConcurrentHashMap<>();
  private final Map<String, Long> categories = new HashMap<>();
  private volatile Long costCodePlan;
  private volatile Currency companyCurrency = Currency.getInstance("USD");

  /** Sets the company currency. */
  public InMemoryReferences companyCurrency(Currency currency) {
    this.companyCurrency = currency;
    return this;
  }

  @Override
  public Currency companyCurrency() {
    return companyCurrency;
  }

  /** Registers a canonical record written to Odoo as {@code model}/{@code id}. */
  public InMemoryReferences record(String entityType, SourceRef ref, String model, long id) {
    idsByExternalId.put(ExternalIds.of(entityType, ref), id);
    refsByRecord.put(model + "," + id, ref);
    return this;
  }

  /** Registers an external id. */
  public InMemoryReferences externalId(String externalId, long id) {
    idsByExternalId.put(externalId, id);
    return this;
  }

  /** Registers a cost code's analytic account. */
  public InMemoryReferences costCode(String code, long accountId) {
    costCodeAccounts.put(code, accountId);
    accountCostCodes.put(accountId, code);
    return this;
  }

  /** Registers a product. */
  public InMemoryReferences product(String code, long productId) {
    products.put(code, productId);
    productCodes.put(productId, code);
    return this;
  }

  /** Registers a unit of measure. */
  public InMemoryReferences uom(UnitOfMeasure unit, long uomId) {
    uoms.put(unit, uomId);
    uomUnits.put(uomId, unit);
    return this;
  }

  /** Registers a currency. */
  public InMemoryReferences currency(Currency currency, long currencyId) {
    currencies.put(currency, currencyId);
    currencyById.put(currencyId, currency);
    return this;
  }

  /** Registers an equipment category. */
  public synchronized InMemoryReferences category(String name, long categoryId) {
    categories.put(name, categoryId);
    return this;
  }

  /** Sets the analytic plan of cost codes. */
  public InMemoryReferences costCodePlan(long planId) {
    this.costCodePlan = planId;
    return this;
  }

  @Override
  public Optional<Long> idOf(String externalId) {
    return Optional.ofNullable(idsByExternalId.get(externalId));
  }

  @Override
  public Optional<SourceRef> refOf(String model, long id) {
    return Optional.ofNullable(refsByRecord.get(model + "," + id));
  }

  @Override
  public Optional<Long> costCodeAccount(String costCode) {
    return Optional.ofNullable(costCodeAccounts.get(costCode));
  }

  @Override
  public Optional<String> costCodeOf(long analyticAccountId) {
    return Optional.ofNullable(accountCostCodes.get(analyticAccountId));
  }

  @Override
  public Optional<Long> productId(String productCode) {
    return Optional.ofNullable(products.get(productCode));
  }

  @Override
  public Optional<String> productCode(long productId, String displayName) {
    String c = productCodes.get(productId);
    return c != null ? Optional.of(c) : ReferenceResolver.super.productCode(productId, displayName);
  }

  @Override
  public Optional<Long> uomId(UnitOfMeasure unit) {
    return Optional.ofNullable(uoms.get(unit));
  }

  @Override
  public Optional<UnitOfMeasure> unitOf(long uomId, String displayName) {
    UnitOfMeasure u = uomUnits.get(uomId);
    return u != null ? Optional.of(u) : ReferenceResolver.super.unitOf(uomId, displayName);
  }

  @Override
  public Optional<Long> currencyId(Currency currency) {
    return Optional.ofNullable(currencies.get(currency));
  }

  @Override
  public Optional<Currency> currencyOf(long currencyId, String displayName) {
    Currency c = currencyById.get(currencyId);
    return c != null ? Optional.of(c) : ReferenceResolver.super.currencyOf(currencyId, displayName);
  }

  @Override
  public synchronized Optional<Long> equipmentCategoryId(String category) {
    return Optional.ofNullable(categories.get(category));
  }

  @Override
  public Optional<Long> costCodePlanId() {
    return Optional.ofNullable(costCodePlan);
  }
}
