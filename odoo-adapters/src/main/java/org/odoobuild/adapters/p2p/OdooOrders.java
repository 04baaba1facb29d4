package org.odoobuild.adapters.p2p;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.odoobuild.adapters.internal.AnalyticPostings;
import org.odoobuild.adapters.mapping.MappingContext;
import org.odoobuild.adapters.mapping.OdooField;
import org.odoobuild.client.Domain;
import org.odoobuild.client.Many2one;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;
import org.odoobuild.model.common.ExternalIds;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.UnitOfMeasure;
import org.odoobuild.model.procurement.PurchaseOrder;

/** Reads purchase orders and their lines as the procure-to-pay adapters need them. */
final class OdooOrders {
  /** States of a confirmed order (17 also has {@code done}, "locked"). */
  static final List<String> CONFIRMED = List.of("purchase", "done");

  /** An order's header. */
  record Order(long id, String name, Many2one partner, Many2one currency, String state, Optional<Long> buyer) {
    boolean confirmed() {
      return CONFIRMED.contains(state);
    }
  }

  /**
   * An order line: {@code number} is the line number the SDK wrote as {@code sequence} (the
   * position in the order when sequences are not distinct, e.g. an order made in Odoo).
   */
  record Line(long id, int number, String name, Optional<Many2one> product, BigDecimal ordered, Many2one uom,
      Optional<UnitOfMeasure> unit, BigDecimal price, BigDecimal received, BigDecimal invoiced, Map<String, Object> distribution) {}

  private final OdooClient odoo;
  private final MappingContext ctx;

  OdooOrders(OdooClient odoo, MappingContext ctx) {
    this.odoo = odoo;
    this.ctx = ctx;
  }

  /** A placeholder for a required many2one Odoo left empty (its id matches no record). */
  static final Many2one NONE = new Many2one(Long.MAX_VALUE, "");

  /** The order a canonical reference points at: by the SDK's external id, else by its number ({@code name}). */
  Order find(SourceRef ref) {
    Optional<Long> id = ctx.refs().idOf(ExternalIds.of(PurchaseOrder.TYPE, ref));
    if (id.isEmpty()) {
      List<Long> byName = odoo.model("purchase.order").search(Query.where(Domain.where("name", "=", ref.id())).limit(2));
      if (byName.size() == 1) {
        id = Optional.of(byName.get(0));
      }
    }
    List<Record> rows = id.isEmpty() ? List.of()
        : odoo.model("purchase.order").read(List.of(id.get()), List.of("name", "partner_id", "currency_id", "state", "user_id"));
    if (rows.isEmpty()) {
      throw new P2pException(P2pException.Problem.UNKNOWN_PURCHASE_ORDER, "purchase order " + ref.key() + " is not in Odoo");
    }
    Record r = rows.get(0);
    return new Order(r.id(), r.getString("name").orElse(""), r.getMany2one("partner_id").orElse(NONE),
        r.getMany2one("currency_id").orElse(NONE), r.getString("state").orElse(""),
        r.getMany2one("user_id").map(Many2one::id));
  }

  /** The order's lines, in line-number order. */
  List<Line> lines(long orderId) {
    String uom = ctx.schema().field(OdooField.PURCHASE_LINE_UOM);
    List<Record> rows = odoo.model("purchase.order.line").searchRead(Query.where(Domain.where("order_id", "=", orderId))
        .fields("sequence", "name", "product_id", "product_qty", uom, "price_unit", "qty_received", "qty_invoiced",
            "analytic_distribution")
        .order("sequence, id"));
    Set<Long> sequences = new HashSet<>();
    rows.forEach(r -> sequences.add(r.getLong("sequence")));
    boolean bySequence = sequences.size() == rows.size() && !sequences.contains(0L);
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Record r = rows.get(i);
      Many2one u = r.getMany2one(uom).orElse(NONE);
      long seq = r.getLong("sequence");
      out.add(new Line(r.id(), bySequence && seq <= Integer.MAX_VALUE ? (int) seq : i + 1, r.getString("name").orElse(""),
          r.getMany2one("product_id"), r.getDecimal("product_qty"), u, ctx.refs().unitOf(u.id(), u.displayName()),
          r.getDecimal("price_unit"), r.getDecimal("qty_received"), r.getDecimal("qty_invoiced"), distribution(r)));
    }
    return out;
  }

  /** An {@code analytic_distribution} value (JSON object of account ids → percentage); empty when unset. */
  static Map<String, Object> distribution(Record r) {
    return AnalyticPostings.distribution(r);
  }
}
