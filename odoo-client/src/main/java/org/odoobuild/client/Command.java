package org.odoobuild.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One x2many write command ({@code one2many}/{@code many2many} values in {@code create} and
 * {@code write}). Build them with the factories; a list of commands is the field's value:
 * <pre>{@code Map.of("order_line", List.of(Command.create(Map.of("name", "Rebar", "product_qty", 12))))}</pre>
 */
public final class Command {
  private final int code;
  private final long id;
  private final Object payload;

  private Command(int code, long id, Object payload) {
    this.code = code;
    this.id = id;
    this.payload = payload;
  }

  /** {@code [0, 0, vals]}: create a new linked record. */
  public static Command create(Map<String, ?> values) {
    return new Command(0, 0, new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
  }

  /** {@code [1, id, vals]}: update the linked record {@code id}. */
  public static Command update(long id, Map<String, ?> values) {
    return new Command(1, positive(id), new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
  }

  /** {@code [2, id, 0]}: delete the record {@code id} from the database. */
  public static Command delete(long id) {
    return new Command(2, positive(id), 0);
  }

  /** {@code [3, id, 0]}: remove the link to {@code id} without deleting it. */
  public static Command unlink(long id) {
    return new Command(3, positive(id), 0);
  }

  /** {@code [4, id, 0]}: link the existing record {@code id}. */
  public static Command link(long id) {
    return new Command(4, positive(id), 0);
  }

  /** {@code [5, 0, 0]}: remove every link. */
  public static Command clear() {
    return new Command(5, 0, 0);
  }

  /** {@code [6, 0, ids]}: replace the links by exactly these ids. */
  public static Command set(Collection<Long> ids) {
    List<Long> copy = new ArrayList<>(ids);
    copy.forEach(Command::positive);
    return new Command(6, 0, copy);
  }

  private static long positive(long id) {
    if (id <= 0) {
      throw new IllegalArgumentException("a record id must be positive, got " + id);
    }
    return id;
  }

  /** The Odoo command code (0 to 6). */
  public int code() {
    return code;
  }

  /**
   * The command as Odoo writes it, {@code [code, id, values-or-ids-or-0]}; values inside are
   * converted when sent.
   */
  public List<Object> toWire() {
    return List.of(code, id, payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Command c && c.code == code && c.id == id && c.payload.equals(payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, id, payload);
  }

  @Override
  public String toString() {
    return "Command" + toWire();
  }
}
