package org.odoobuild.adapters.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;

/**
 * The links between purchase order lines and the drawing revisions they were bought for, kept in
 * Odoo as URL attachments of the line ({@code ir.attachment}, {@code res_model}
 * {@code purchase.order.line}, {@code url} {@code urn:construction-sdk:document_revision:<ref>}),
 * and the hold a superseding revision puts on the line, in the attachment's {@code description}
 * ({@code ON HOLD: …}). The receipt and bill adapters refuse held lines through {@link #held}.
 */
public final class LineHolds {
  /** The model of the linked lines. */
  public static final String LINE = "purchase.order.line";
  /** The attachment model. */
  public static final String ATTACHMENT = "ir.attachment";
  /** The URL prefix of a link. */
  public static final String URN = "urn:construction-sdk:document_revision:";
  /** The description prefix of a held link. */
  public static final String HELD = "ON HOLD: ";

  private LineHolds() {}

  /** The URL of a link to a revision (its canonical reference key). */
  public static String url(String revisionKey) {
    return URN + revisionKey;
  }

  /** The links (attachments) of the given lines. */
  public static List<Record> links(OdooClient odoo, Collection<Long> lines) {
    if (lines.isEmpty()) {
      return List.of();
    }
    return odoo.model(ATTACHMENT).searchRead(Query.where(Domain.where("res_model", "=", LINE)
        .and(Domain.where("res_id", "in", List.copyOf(lines))).and(Domain.where("url", "=like", URN + "%")))
        .fields("res_id", "url", "name", "description").order("id"));
  }

  /** The held lines among {@code lines}, with the reason of the (first) hold. */
  public static Map<Long, String> held(OdooClient odoo, Collection<Long> lines) {
    Map<Long, String> out = new LinkedHashMap<>();
    for (Record r : links(odoo, lines)) {
      String d = r.getString("description").orElse("");
      if (d.startsWith(HELD)) {
        out.putIfAbsent(r.getLong("res_id"), d.substring(HELD.length()));
      }
    }
    return out;
  }

  /** The held lines of an order. */
  public static Map<Long, String> heldOf(OdooClient odoo, long order) {
    List<Long> lines = new ArrayList<>(odoo.model(LINE).search(Query.where(Domain.where("order_id", "=", order))));
    return held(odoo, lines);
  }
}
