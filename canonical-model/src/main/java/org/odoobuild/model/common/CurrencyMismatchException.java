package org.odoobuild.model.common;

import java.util.Currency;

/** Arithmetic between amounts in different currencies. */
public class CurrencyMismatchException extends ModelException {
  private static final long serialVersionUID = 1L;

  /** The two currencies involved. */
  public CurrencyMismatchException(Currency a, Currency b) {
    super("cannot combine " + a.getCurrencyCode() + " and " + b.getCurrencyCode());
  }
}
