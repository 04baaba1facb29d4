package org.odoobuild.model.project;

/** The kind of cost a cost code collects (the "cost type" of job costing). */
public enum CostCodeType {
  /** Own labour. */
  LABOR,
  /** Materials bought for the job. */
  MATERIAL,
  /** Owned or rented equipment. */
  EQUIPMENT,
  /** Subcontracted work. */
  SUBCONTRACT,
  /** Anything else (permits, general conditions…). */
  OTHER
}
