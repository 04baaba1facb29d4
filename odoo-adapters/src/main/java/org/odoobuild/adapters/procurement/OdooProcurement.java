package org.odoobuild.adapters.procurement;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.odoobuild.client.Call;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooModel;
import org.odoobuild.client.Record;
import org.odoobuild.connectors.access.AccessNeed;
import org.odoobuild.connectors.access.AccessNeeds;
import org.odoobuild.workflow.procurement.ProcurementPort;

/**
 * {@link ProcurementPort} on Odoo: release is {@code purchase.order.button_confirm}, cancel is
 * {@code button_cancel}; a hold is written into the order's notes with a {@code [ON HOLD]}
 * marker (Odoo has no hold state; the gate keeps the order from being released meanwhile).
 * Orders are referred to by their Odoo id. Notifications go to the given notifier (log, mail,
 * chat). Every step is idempotent.
 */
public final class OdooProcurement implements ProcurementPort, AccessNeeds {
  static final String MARKER = "[ON HOLD] ";
  private final OdooModel orders;
  private final BiConsumer<String, String> notifier;

  /** A port over an Odoo client; {@code notifier} receives (owner, message). */
  public OdooProcurement(OdooClient odoo, BiConsumer<String, String> notifier) {
    this.orders = odoo.model("purchase.order");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
  }

  /** Read and write on {@code purchase.order} (confirm, cancel and the hold marker are writes). */
  @Override
  public List<AccessNeed> accessNeeds() {
    return List.of(AccessNeed.of("purchase.order", AccessNeed.Operation.READ, AccessNeed.Operation.WRITE));
  }

  @Override
  public void release(String purchaseOrder) {
    long id = Long.parseLong(purchaseOrder);
    Record po = order(id);
    String state = po.getString("state").orElse("");
    if (state.equals("draft") || state.equals("sent") || state.equals("to approve")) {
      orders.call(Call.method("button_confirm").ids(id));
    }
  }

  @Override
  public void hold(String purchaseOrder, String reason) {
    long id = Long.parseLong(purchaseOrder);
    String notes = order(id).getString("notes").orElse("");
    if (!notes.startsWith(MARKER)) {
      orders.write(id, java.util.Map.of("notes", MARKER + reason + (notes.isEmpty() ? "" : "\n" + notes)));
    }
  }

  @Override
  public void resume(String purchaseOrder, String note) {
    long id = Long.parseLong(purchaseOrder);
    String notes = order(id).getString("notes").orElse("");
    if (notes.startsWith(MARKER)) {
      int nl = notes.indexOf('\n');
      orders.write(id, java.util.Map.of("notes", nl < 0 ? "" : notes.substring(nl + 1)));
    }
  }

  @Override
  public void cancel(String purchaseOrder, String reason) {
    long id = Long.parseLong(purchaseOrder);
    if (!order(id).getString("state").orElse("").equals("cancel")) {
      orders.call(Call.method("button_cancel").ids(id));
    }
  }

  @Override
  public void notify(String owner, String message) {
    notifier.accept(owner, message);
  }

  private Record order(long id) {
    List<Record> rows = orders.read(List.of(id), List.of("state", "notes"));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("purchase.order " + id + " does not exist");
    }
    return rows.get(0);
  }
}
