package org.odoobuild.model.equipment;

/** Why maintenance is done; Odoo {@code maintenance.request.maintenance_type}. */
public enum MaintenanceType {
  /** Planned service (intervals by hours or date) ({@code preventive}). */
  PREVENTIVE,
  /** Repair after a breakdown ({@code corrective}). */
  CORRECTIVE,
  /** Statutory or safety inspection (mapped to {@code preventive} in Odoo). */
  INSPECTION
}
