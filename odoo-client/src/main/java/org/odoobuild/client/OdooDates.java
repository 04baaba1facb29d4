package org.odoobuild.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Objects;

/**
 * Odoo's text forms of dates and datetimes: {@code 2026-11-22} and {@code 2026-11-22 12:20:50},
 * datetimes always in UTC and without fraction (Odoo's {@code fields.Date.to_string} and
 * {@code fields.Datetime.to_string}). Parsing also accepts the fraction some raw columns carry
 * ({@code 2026-11-22 12:20:50.123456}). Text that is not in these forms is an
 * {@link OdooValueException}. Thread-safe.
 */
public final class OdooDates {
  private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DATETIME_READ = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .toFormatter().withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
      .withResolverStyle(ResolverStyle.STRICT);

  private OdooDates() {}

  /**
   * Parses an Odoo datetime ({@code 2026-11-22 12:20:50}, UTC).
   *
   * @throws OdooValueException when the text is not an Odoo datetime
   */
  public static LocalDateTime parseDateTime(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return LocalDateTime.parse(text, DATETIME_READ);
    } catch (DateTimeParseException e) {
      throw new OdooValueException("not an Odoo datetime (yyyy-MM-dd HH:mm:ss, UTC): " + shown(text));
    }
  }

  /**
   * Parses an Odoo datetime as the instant it denotes (Odoo datetimes are UTC).
   *
   * @throws OdooValueException when the text is not an Odoo datetime
   */
  public static Instant parseInstant(String text) {
    return parseDateTime(text).toInstant(ZoneOffset.UTC);
  }

  /** Formats a UTC datetime as Odoo stores it; the fraction of a second is dropped. */
  public static String formatDateTime(LocalDateTime utc) {
    return utc.withNano(0).format(DATETIME);
  }

  /** Formats an instant as an Odoo datetime (UTC); the fraction of a second is dropped. */
  public static String formatDateTime(Instant instant) {
    return formatDateTime(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /**
   * Parses an Odoo date ({@code 2026-11-22}).
   *
   * @throws OdooValueException when the text is not an Odoo date
   */
  public static LocalDate parseDate(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      throw new OdooValueException("not an Odoo date (yyyy-MM-dd): " + shown(text));
    }
  }

  /** Formats a date as Odoo stores it. */
  public static String formatDate(LocalDate date) {
    return date.format(DATE);
  }

  private static String shown(String text) {
    return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 40) + "…'";
  }
}
