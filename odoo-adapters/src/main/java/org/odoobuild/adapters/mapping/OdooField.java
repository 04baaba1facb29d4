package org.odoobuild.adapters.mapping;

import java.util.List;
import java.util.Optional;

/**
 * Logical Odoo fields whose technical name differs between Odoo versions (or that only exist
 * in some). Each lists its candidate names, newest first; {@link OdooSchema} discovers which one
 * the server has with {@code fields_get}, or falls back to its per-version table.
 */
public enum OdooField {
  /** The project's analytic account: {@code account_id} (19) / {@code analytic_account_id} (17). */
  PROJECT_ANALYTIC_ACCOUNT("project.project", "account_id", "analytic_account_id"),
  /** Purchase line unit: {@code product_uom_id} (19) / {@code product_uom} (17). */
  PURCHASE_LINE_UOM("purchase.order.line", "product_uom_id", "product_uom"),
  /** Purchase line taxes: {@code tax_ids} (19) / {@code taxes_id} (17). */
  PURCHASE_LINE_TAXES("purchase.order.line", "tax_ids", "taxes_id"),
  /** User groups: {@code group_ids} (19) / {@code groups_id} (17). */
  USER_GROUPS("res.users", "group_ids", "groups_id"),
  /** Vendor purchase block selection: {@code purchase_warn} (17; absent in 19). */
  PARTNER_PURCHASE_WARN("res.partner", "purchase_warn"),
  /** Vendor purchase warning text: {@code purchase_warn_msg} (17 and 19). */
  PARTNER_PURCHASE_WARN_MSG("res.partner", "purchase_warn_msg"),
  /** Stock move done quantity: {@code quantity} (17+) / {@code quantity_done} (16). */
  STOCK_MOVE_QUANTITY("stock.move", "quantity", "quantity_done"),
  /** Stock move unit: {@code product_uom} (17 and 19). */
  STOCK_MOVE_UOM("stock.move", "product_uom", "product_uom_id"),
  /** Stock move description: {@code name} (17, required; removed in 19). */
  STOCK_MOVE_NAME("stock.move", "name");

  private final String model;
  private final List<String> candidates;

  OdooField(String model, String... candidates) {
    this.model = model;
    this.candidates = List.of(candidates);
  }

  /** The Odoo model. */
  public String model() {
    return model;
  }

  /** Candidate technical names, newest first. */
  public List<String> candidates() {
    return candidates;
  }

  /** The technical name in the given major version according to the static table. */
  public Optional<String> staticName(int major) {
    return switch (this) {
      case PROJECT_ANALYTIC_ACCOUNT -> Optional.of(major >= 18 ? "account_id" : "analytic_account_id");
      case PURCHASE_LINE_UOM -> Optional.of(major >= 18 ? "product_uom_id" : "product_uom");
      case PURCHASE_LINE_TAXES -> Optional.of(major >= 18 ? "tax_ids" : "taxes_id");
      case USER_GROUPS -> Optional.of(major >= 18 ? "group_ids" : "groups_id");
      case PARTNER_PURCHASE_WARN -> major >= 18 ? Optional.empty() : Optional.of("purchase_warn");
      case PARTNER_PURCHASE_WARN_MSG -> Optional.of("purchase_warn_msg");
      case STOCK_MOVE_QUANTITY -> Optional.of(major >= 17 ? "quantity" : "quantity_done");
      case STOCK_MOVE_UOM -> Optional.of("product_uom");
      case STOCK_MOVE_NAME -> major >= 19 ? Optional.empty() : Optional.of("name");
    };
  }
}
