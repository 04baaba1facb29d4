package org.odoobuild.adapters.p2p;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;

/** External ids ({@code ir.model.data}) read fresh from the server (never from a cache: they mark work done). */
final class XmlIds {
  private XmlIds() {}

  static Optional<Long> lookup(OdooClient odoo, String externalId) {
    int dot = externalId.indexOf('.');
    List<Record> rows = odoo.model("ir.model.data").searchRead(Query.where(Domain.where("module", "=", externalId.substring(0, dot))
        .and(Domain.where("name", "=", externalId.substring(dot + 1)))).fields("res_id").limit(1));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getLong("res_id"));
  }

  static void register(OdooClient odoo, String externalId, String model, long id) {
    int dot = externalId.indexOf('.');
    odoo.model("ir.model.data").create(Map.of("module", externalId.substring(0, dot), "name", externalId.substring(dot + 1),
        "model", model, "res_id", id, "noupdate", true));
  }
}
