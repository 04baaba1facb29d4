package org.odoobuild.model.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in an ISO 4217 currency. No floating point anywhere: amounts are
 * {@link BigDecimal}s and keep their scale ({@code 12.50} stays {@code 12.50}).
 * JSON form: {@code {"amount": 12.50, "currency": "USD"}}.
 *
 * @param amount the amount
 * @param currency the currency
 */
public record Money(@JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") Currency currency) {

  /** Rejects nulls. */
  @JsonCreator
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  /** {@code amount} in the currency with this ISO code. */
  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
  }

  /** {@code amount} in {@code currency}. */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /** The sum of the amounts in {@code currency}; amounts in other currencies are left out. */
  public static Money sumIn(Currency currency, java.util.stream.Stream<Money> amounts) {
    BigDecimal sum = amounts.filter(m -> m.currency().equals(currency)).map(Money::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Money(sum, currency);
  }

  /** Zero in {@code currency}. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** The sum; throws {@link CurrencyMismatchException} when the currencies differ. */
  public Money plus(Money other) {
    requireSame(other);
    return new Money(amount.add(other.amount), currency);
  }

  /** The difference; throws {@link CurrencyMismatchException} when the currencies differ. */
  public Money minus(Money other) {
    requireSame(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /** This amount times a factor (e.g. a unit price times a quantity). */
  public Money times(BigDecimal factor) {
    return new Money(amount.multiply(factor), currency);
  }

  /** Whether the amounts are numerically equal in the same currency (ignores scale). */
  public boolean isSameAs(Money other) {
    return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
  }

  private void requireSame(Money other) {
    if (!currency.equals(other.currency)) {
      throw new CurrencyMismatchException(currency, other.currency);
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
