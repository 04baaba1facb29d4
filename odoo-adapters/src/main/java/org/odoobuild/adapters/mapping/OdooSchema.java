package org.odoobuild.adapters.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooException;

/**
 * Resolves version-dependent Odoo field names. Live schemas ask the server ({@code fields_get},
 * through {@code OdooModel.fields()}, cached per model) which candidate exists; offline schemas
 * use the static per-version table of {@link OdooField#staticName(int)}.
 *
 * <pre>{@code
 * OdooSchema schema = OdooSchema.live(client);
 * String f = schema.field(OdooField.PROJECT_ANALYTIC_ACCOUNT);   // "account_id" on 19
 * }</pre>
 */
public final class OdooSchema {
  private final int major;
  private final Function<String, Optional<Set<String>>> fieldsOfModel;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

  private OdooSchema(int major, Function<String, Optional<Set<String>>> fieldsOfModel) {
    this.major = major;
    this.fieldsOfModel = fieldsOfModel;
  }

  /** The static table of an Odoo major version (no server involved). */
  public static OdooSchema offline(int major) {
    return new OdooSchema(major, m -> Optional.empty());
  }

  /**
   * A schema discovered from a set of field names per model (e.g. decoded {@code fields_get}
   * answers); models the function knows nothing about ({@code Optional.empty()}) use the static
   * table.
   */
  public static OdooSchema fromFields(int major, Function<String, Optional<Set<String>>> fieldsOfModel) {
    return new OdooSchema(major, fieldsOfModel);
  }

  /**
   * Discovers field names on a live server with {@code fields_get} ({@code OdooModel.fields()},
   * cached by the client). When {@code fields_get} fails (e.g. no access) the static table of
   * the server's major version is used.
   */
  public static OdooSchema live(OdooClient client) {
    return new OdooSchema(client.version().major(), model -> {
      try {
        return Optional.of(client.model(model).fields().keySet());
      } catch (OdooException e) {
        return Optional.empty();
      }
    });
  }

  /** The Odoo major version. */
  public int major() {
    return major;
  }

  /** Whether the logical field exists on this server/version. */
  public boolean has(OdooField field) {
    return find(field).isPresent();
  }

  /** The technical name of a logical field; throws {@link MappingException} when the server has none of the candidates. */
  public String field(OdooField field) {
    return find(field).orElseThrow(() -> MappingException.of(field.model(), "unmappable",
        "none of " + field.candidates() + " exists on " + field.model() + " (Odoo " + major + ")"));
  }

  /** The technical name of a logical field, when it exists. */
  public Optional<String> find(OdooField field) {
    return cache.computeIfAbsent(field.name(), k -> {
      Optional<Set<String>> known = fieldsOfModel.apply(field.model());
      if (known.isPresent()) {
        return field.candidates().stream().filter(known.get()::contains).findFirst();
      }
      return field.staticName(major);
    });
  }

  /** The first of arbitrary candidate names that {@code model} has (static: the first candidate). */
  public Optional<String> firstField(String model, String... candidates) {
    return cache.computeIfAbsent(model + "|" + String.join(",", candidates), k -> {
      Optional<Set<String>> known = fieldsOfModel.apply(model);
      List<String> c = Arrays.asList(candidates);
      return known.isPresent() ? c.stream().filter(known.get()::contains).findFirst() : c.stream().findFirst();
    });
  }

  /**
   * The field when the server was asked and has it (custom {@code x_} fields and other optional
   * extensions); always empty for an offline schema, which only knows the standard fields.
   */
  public Optional<String> discovered(String model, String field) {
    return cache.computeIfAbsent("discovered|" + model + "|" + field,
        k -> fieldsOfModel.apply(model).filter(f -> f.contains(field)).map(f -> field));
  }

  @Override
  public String toString() {
    return "OdooSchema[" + major + "]";
  }
}
