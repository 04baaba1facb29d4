package org.odoobuild.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A call of any public model method, for what {@link OdooModel} has no shortcut for
 * ({@code button_confirm}, {@code action_post}, a custom method). Positional arguments carry
 * their parameter name: {@code execute_kw} sends them by position, JSON-2 by name.
 * <pre>{@code odoo.model("purchase.order").call(Call.method("button_confirm").ids(poId));}</pre>
 */
public final class Call {
  private static final Set<String> READ_ONLY = Set.of("search", "search_read", "search_count", "read", "name_search",
      "fields_get", "read_group", "formatted_read_group", "context_get", "default_get", "exists", "check_access_rights",
      "has_access", "web_search_read", "web_read", "name_get", "search_fetch", "get_views", "fields_view_get");

  private final String method;
  private final Optional<List<Long>> ids;
  private final List<Map.Entry<String, Object>> args;
  private final Map<String, Object> kwargs;
  private final Context context;
  private final Optional<Boolean> idempotent;

  private Call(String method, Optional<List<Long>> ids, List<Map.Entry<String, Object>> args, Map<String, Object> kwargs,
      Context context, Optional<Boolean> idempotent) {
    this.method = method;
    this.ids = ids;
    this.args = args;
    this.kwargs = kwargs;
    this.context = context;
    this.idempotent = idempotent;
  }

  /** A call of {@code method} with no arguments yet. */
  public static Call method(String method) {
    Objects.requireNonNull(method, "method");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method name is blank");
    }
    return new Call(method, Optional.empty(), List.of(), Map.of(), Context.empty(), Optional.empty());
  }

  /** The records the method runs on (first positional argument, {@code ids} in JSON-2). */
  public Call ids(Collection<Long> ids) {
    List<Long> copy = List.copyOf(ids);
    for (Long id : copy) {
      if (id <= 0) {
        throw new IllegalArgumentException("record ids must be positive, got " + id);
      }
    }
    return new Call(method, Optional.of(copy), args, kwargs, context, idempotent);
  }

  /** The records the method runs on. */
  public Call ids(long... ids) {
    List<Long> list = new ArrayList<>(ids.length);
    for (long id : ids) {
      list.add(id);
    }
    return ids(list);
  }

  /** The next positional argument, with its parameter name. */
  public Call arg(String name, Object value) {
    List<Map.Entry<String, Object>> copy = new ArrayList<>(args);
    copy.add(new java.util.AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(name, "name"), value));
    return new Call(method, ids, Collections.unmodifiableList(copy), kwargs, context, idempotent);
  }

  /** A keyword argument. */
  public Call kwarg(String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(kwargs);
    copy.put(Objects.requireNonNull(name, "name"), value);
    return new Call(method, ids, args, Collections.unmodifiableMap(copy), context, idempotent);
  }

  /** Context for this call, on top of the client's. */
  public Call context(Context context) {
    return new Call(method, ids, args, kwargs, Objects.requireNonNull(context, "context"), idempotent);
  }

  /**
   * Declares whether sending the call twice is harmless. By default only well-known read
   * methods are; the client retries transient failures of idempotent calls only.
   */
  public Call idempotent(boolean idempotent) {
    return new Call(method, ids, args, kwargs, context, Optional.of(idempotent));
  }

  /** The method name. */
  public String method() {
    return method;
  }

  /** The record ids, when the method runs on records. */
  public Optional<List<Long>> ids() {
    return ids;
  }

  /** The positional arguments with their names. */
  public List<Map.Entry<String, Object>> args() {
    return args;
  }

  /** The keyword arguments. */
  public Map<String, Object> kwargs() {
    return kwargs;
  }

  /** The per-call context. */
  public Context context() {
    return context;
  }

  /** Whether the call may be sent twice. */
  public boolean isIdempotent() {
    return idempotent.orElse(READ_ONLY.contains(method));
  }

  @Override
  public String toString() {
    return "Call{" + method + (ids.isPresent() ? ", ids=" + ids.get() : "") + '}';
  }
}
