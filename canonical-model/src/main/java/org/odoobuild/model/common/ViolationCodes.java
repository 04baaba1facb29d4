package org.odoobuild.model.common;

/** The violation codes used by the canonical model (stable strings, safe to match on). */
public final class ViolationCodes {
  /** A required value is absent or {@code null}. */
  public static final String REQUIRED = "required";
  /** A text is empty or only blanks. */
  public static final String BLANK = "blank";
  /** A text is longer than its cap. */
  public static final String TOO_LONG = "too_long";
  /** A list has more elements than allowed. */
  public static final String TOO_MANY = "too_many";
  /** A text does not have the expected format (code, email, date…). */
  public static final String INVALID_FORMAT = "invalid_format";
  /** A JSON value has the wrong type (string instead of number…). */
  public static final String WRONG_TYPE = "wrong_type";
  /** An enum value is not one of the allowed values. */
  public static final String UNKNOWN_VALUE = "unknown_value";
  /** A unit of measure is not known. */
  public static final String UNKNOWN_UNIT = "unknown_unit";
  /** A currency code is not an ISO 4217 code. */
  public static final String UNKNOWN_CURRENCY = "unknown_currency";
  /** A JSON property is not part of the entity. */
  public static final String UNKNOWN_PROPERTY = "unknown_property";
  /** A number is NaN, infinite or not a decimal. */
  public static final String NOT_FINITE = "not_finite";
  /** A value that must not be negative is negative. */
  public static final String NEGATIVE = "negative";
  /** A value that must be positive is zero or negative. */
  public static final String NOT_POSITIVE = "not_positive";
  /** A line's currency differs from the header's. */
  public static final String CURRENCY_MISMATCH = "currency_mismatch";
  /** A unit belongs to the wrong dimension (e.g. kg where hours are expected). */
  public static final String INCOMPATIBLE_UNIT = "incompatible_unit";
  /** A value that must be unique appears twice (line numbers…). */
  public static final String DUPLICATE = "duplicate";
  /** A line has no cost code. */
  public static final String MISSING_COST_CODE = "missing_cost_code";
  /** Two dates are in the wrong order. */
  public static final String DATE_ORDER = "date_order";
  /** A value contradicts the record's status. */
  public static final String STATUS_CONFLICT = "status_conflict";
  /** A vendor is blocked or its insurance/licence has expired. */
  public static final String VENDOR_NOT_COMPLIANT = "vendor_not_compliant";
  /** A quantity exceeds what the referenced record allows (e.g. receipt over order). */
  public static final String EXCEEDS = "exceeds";
  /** A referenced record does not match (wrong order, unknown line…). */
  public static final String BAD_REFERENCE = "bad_reference";
  /** The input is not well-formed JSON or too large/deep. */
  public static final String MALFORMED = "malformed";
  /** A structural invariant was broken when building the value. */
  public static final String INVARIANT = "invariant";
  /** A value read from Odoo could not be mapped. */
  public static final String UNMAPPABLE = "unmappable";

  private ViolationCodes() {
  }
}
