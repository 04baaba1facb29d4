package org.odoobuild.examples.support;

import java.util.List;
import java.util.Map;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;

/** Finds or creates the reference records an example needs, so it runs on an empty database too. */
public final class OdooRefs {
  private OdooRefs() {}

  /** The id of the record of {@code model} whose {@code field} equals {@code value}, created with {@code values} if absent. */
  public static long ensure(OdooClient odoo, String model, String field, Object value, Map<String, ?> values) {
    List<Long> ids = odoo.model(model).search(Query.where(Domain.where(field, "=", value)).limit(1));
    return ids.isEmpty() ? odoo.model(model).create(values) : ids.get(0);
  }

  /** A product by internal reference. */
  public static long product(OdooClient odoo, String code, String name, double cost) {
    return ensure(odoo, "product.product", "default_code", code,
        Map.of("name", name, "default_code", code, "standard_price", cost));
  }

  /** A vendor (supplier) by reference. */
  public static long vendor(OdooClient odoo, String ref, String name) {
    return ensure(odoo, "res.partner", "ref", ref, Map.of("name", name, "ref", ref, "is_company", true, "supplier_rank", 1));
  }
}
