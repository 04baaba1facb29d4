package org.odoobuild.adapters.mapping;

import java.util.Currency;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;

/**
 * Resolves references between canonical data and Odoo database ids, both ways. Implementations:
 * {@link InMemoryReferences} (tests, caches, results of previous upserts) and
 * {@link OdooReferences} (live lookups through the client).
 */
public interface ReferenceResolver {
  /** Pattern of product display names {@code [CODE] Name}. */
  Pattern PRODUCT_DISPLAY = Pattern.compile("^\\[([^\\]]+)\\]\\s.*$");

  /** The database id of the record with this external id ({@code module.name}). */
  Optional<Long> idOf(String externalId);

  /** The canonical reference of an Odoo record (when it was written by the SDK or registered). */
  Optional<SourceRef> refOf(String model, long id);

  /** The analytic account of a cost code. */
  Optional<Long> costCodeAccount(String costCode);

  /** The cost code of an analytic account. */
  Optional<String> costCodeOf(long analyticAccountId);

  /** The {@code product.product} id of a product code ({@code default_code}). */
  Optional<Long> productId(String productCode);

  /** The product code of a product, by default read from a {@code [CODE] Name} display name. */
  default Optional<String> productCode(long productId, String displayName) {
    Matcher m = PRODUCT_DISPLAY.matcher(displayName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The {@code uom.uom} id of a unit. */
  Optional<Long> uomId(UnitOfMeasure unit);

  /** The unit of a {@code uom.uom}, by default from its display name (see {@link OdooUnits}). */
  default Optional<UnitOfMeasure> unitOf(long uomId, String displayName) {
    return OdooUnits.fromOdooName(displayName);
  }

  /** The {@code res.currency} id of a currency. */
  Optional<Long> currencyId(Currency currency);

  /** The currency of a {@code res.currency}, by default from its display name (the ISO code). */
  default Optional<Currency> currencyOf(long currencyId, String displayName) {
    try {
      return Optional.of(Currency.getInstance(displayName.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The {@code maintenance.equipment.category} id of a category name. */
  Optional<Long> equipmentCategoryId(String category);

  /** The company currency (used where an Odoo model has no currency of its own); default USD. */
  default Currency companyCurrency() {
    return Currency.getInstance("USD");
  }

  /** The analytic plan cost-code accounts belong to. */
  Optional<Long> costCodePlanId();
}
