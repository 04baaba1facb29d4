package org.odoobuild.client;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An {@link OdooClient} configured from environment variables, with errors that name the variable
 * that is missing or wrong (never its value):
 * <pre>{@code
 * OdooClient odoo = OdooEnv.builder().build();
 * }</pre>
 * <table>
 * <caption>Variables</caption>
 * <tr><th>variable</th><th>meaning</th></tr>
 * <tr><td>{@code ODOO_URL}</td><td>required: the server's base URL</td></tr>
 * <tr><td>{@code ODOO_DB}</td><td>required: the database</td></tr>
 * <tr><td>{@code ODOO_API_KEY}</td><td>an API key; with {@code ODOO_USER} on Odoo 17 (JSON-RPC logs in with
 *     login and key), alone on Odoo 19 (JSON-2)</td></tr>
 * <tr><td>{@code ODOO_USER}, {@code ODOO_PASSWORD}</td><td>login and password, when there is no API key</td></tr>
 * <tr><td>{@code ODOO_PROTOCOL}</td><td>optional: {@code AUTO} (default), {@code JSON2}, {@code JSONRPC},
 *     {@code XMLRPC}</td></tr>
 * <tr><td>{@code ODOO_TIMEOUT}</td><td>optional: the call timeout, in seconds ({@code 90}) or ISO-8601
 *     ({@code PT90S})</td></tr>
 * </table>
 * A blank variable counts as unset. Thread-safe (it keeps no state).
 */
public final class OdooEnv {
  /** The server's base URL. */
  public static final String URL = "ODOO_URL";
  /** The database. */
  public static final String DB = "ODOO_DB";
  /** An API key. */
  public static final String API_KEY = "ODOO_API_KEY";
  /** The login. */
  public static final String USER = "ODOO_USER";
  /** The password (when there is no API key). */
  public static final String PASSWORD = "ODOO_PASSWORD";
  /** The protocol. */
  public static final String PROTOCOL = "ODOO_PROTOCOL";
  /** The call timeout. */
  public static final String TIMEOUT = "ODOO_TIMEOUT";

  private OdooEnv() {}

  /**
   * A builder configured from the process environment; set more on it before {@code build()}.
   *
   * @return the builder
   * @throws IllegalStateException naming the variable that is missing or invalid
   */
  public static OdooClient.Builder builder() {
    return builder(System::getenv);
  }

  /**
   * A builder configured from {@code env} (variable name to value, {@code null} when unset), e.g.
   * a map's {@code get} in tests or a secret store lookup.
   *
   * @param env the variables
   * @return the builder
   * @throws IllegalStateException naming the variable that is missing or invalid
   */
  public static OdooClient.Builder builder(Function<String, String> env) {
    Objects.requireNonNull(env, "env");
    OdooClient.Builder b = OdooClient.builder();
    String url = require(env, URL, "the Odoo server's base URL, e.g. https://erp.example.com");
    try {
      b.url(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(URL + " is not an http(s) URL", e);
    }
    b.database(require(env, DB, "the Odoo database name"));
    Optional<String> key = get(env, API_KEY);
    Optional<String> user = get(env, USER);
    if (key.isPresent()) {
      b.apiKey(key.get());
      user.ifPresent(b::login);
    } else if (user.isPresent()) {
      b.login(user.get(), require(env, PASSWORD, "the password of " + USER + " (or set " + API_KEY + " instead)"));
    } else {
      throw new IllegalStateException("no Odoo credentials in the environment: set " + API_KEY + " (with " + USER
          + " on Odoo 17), or " + USER + " and " + PASSWORD);
    }
    get(env, PROTOCOL).ifPresent(p -> {
      try {
        b.protocol(Protocol.valueOf(p.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "")));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(PROTOCOL + " must be one of AUTO, JSON2, JSONRPC, XMLRPC", e);
      }
    });
    get(env, TIMEOUT).ifPresent(t -> b.timeout(duration(TIMEOUT, t)));
    return b;
  }

  /**
   * The value of a required environment variable.
   *
   * @param name the variable
   * @return its value
   * @throws IllegalStateException naming the variable when it is unset or blank
   */
  public static String require(String name) {
    return require(System::getenv, name, "");
  }

  private static String require(Function<String, String> env, String name, String meaning) {
    return get(env, name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"
        + (meaning.isEmpty() ? "" : " (" + meaning + ")")));
  }

  private static Optional<String> get(Function<String, String> env, String name) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static Duration duration(String name, String value) {
    try {
      Duration d = value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.parse(value);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalStateException(name + " must be positive");
      }
      return d;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalStateException(name + " is neither seconds (90) nor an ISO-8601 duration (PT90S)", e);
    }
  }
}
