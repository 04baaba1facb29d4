package org.odoobuild.model.project;

/** How cost codes are structured. */
public enum CodeScheme {
  /**
   * CSI MasterFormat: {@code "DD SS ss"} six digits in three pairs, optionally {@code ".nn"}
   * (e.g. {@code "03 30 00"} Cast-in-Place Concrete); the parent is derived from the digits.
   */
  CSI,
  /** A company-specific code ({@code [A-Za-z0-9 ._-]}); the parent must be given explicitly. */
  CUSTOM
}
