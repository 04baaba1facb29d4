package org.odoobuild.workflow.procurement;

/**
 * What the release gate does in the ERP. {@code org.odoobuild.adapters.procurement.OdooProcurement} (module odoo-adapters) implements it with the Odoo
 * client; tests use a fake. Every method must be idempotent (a step may run again after a crash).
 */
public interface ProcurementPort {

  /** Confirms the purchase order (Odoo {@code button_confirm}); nothing if already confirmed. */
  void release(String purchaseOrder);

  /** Flags the order's affected lines and suspends fulfilment, with the reason. */
  void hold(String purchaseOrder, String reason);

  /** Lifts a hold. */
  void resume(String purchaseOrder, String note);

  /** Cancels the order (Odoo {@code button_cancel}). */
  void cancel(String purchaseOrder, String reason);

  /** Tells the named owner (buyer, project manager) what happened. */
  void notify(String owner, String message);
}
