package org.odoobuild.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The operations on one Odoo model. Obtained from {@link OdooClient#model(String)}; cheap,
 * immutable and thread-safe. Every method sends one request unless said otherwise.
 */
public final class OdooModel {
  private final OdooClient client;
  private final String name;
  private final Context context;

  OdooModel(OdooClient client, String name, Context context) {
    this.client = client;
    this.name = name;
    this.context = context;
  }

  /** The model's technical name. */
  public String name() {
    return name;
  }

  /** This model with a context added to its calls. */
  public OdooModel withContext(Context context) {
    return new OdooModel(client, name, this.context.merge(context));
  }

  /** Runs any public method, e.g. {@code Call.method("button_confirm").ids(7)}; empty for {@code None}. */
  public Optional<Object> call(Call call) {
    return client.call(name, call, context);
  }

  /** Runs a method on records with no other argument, e.g. {@code call("action_post", billId)}. */
  public Optional<Object> call(String method, long... ids) {
    return call(Call.method(method).ids(ids));
  }

  /** {@code search}: the ids of matching records. */
  public List<Long> search(Query query) {
    Call c = Call.method("search").arg("domain", query.domain());
    c = paging(c, query);
    return ids(call(c.context(query.context())).orElse(List.of()));
  }

  /** {@code search_count}: how many records match. */
  public long count(Domain domain) {
    Object v = call(Call.method("search_count").arg("domain", domain)).orElse(0L);
    if (!(v instanceof Number n)) {
      throw new OdooValueException(name + ".search_count returned " + v);
    }
    return n.longValue();
  }

  /** {@code read}: the given fields of the given records (all fields when none are named). */
  public List<Record> read(Collection<Long> ids, List<String> fields) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Call c = Call.method("read").ids(ids);
    if (!fields.isEmpty()) {
      c = c.arg("fields", fields);
    }
    return records(call(c).orElse(List.of()));
  }

  /** {@code read} of one record. */
  public Optional<Record> read(long id, String... fields) {
    List<Record> rows = read(List.of(id), List.of(fields));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** {@code search_read}: one request, at most {@code query.limit()} rows. */
  public List<Record> searchRead(Query query) {
    Call c = Call.method("search_read").arg("domain", query.domain());
    if (!query.fields().isEmpty()) {
      c = c.kwarg("fields", query.fields());
    }
    c = paging(c, query);
    return records(call(c.context(query.context())).orElse(List.of()));
  }

  /**
   * Every matching row, fetched page by page as the stream is consumed (constant memory).
   * With no order or order {@code id}, pages are taken by id ({@code id > last}), so rows
   * created or deleted meanwhile neither shift nor repeat; with another order, by offset.
   */
  public Stream<Record> stream(Query query, int pageSize) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("pageSize must be > 0");
    }
    Pager pager = new Pager(query, pageSize);
    return StreamSupport.stream(pager, false);
  }

  /** {@link #stream(Query, int)} with pages of 500 rows. */
  public Stream<Record> stream(Query query) {
    return stream(query, 500);
  }

  /** {@code create} of one record; returns its id. */
  public long create(Map<String, ?> values) {
    Object v = call(Call.method("create").arg("vals_list", values)).orElseThrow(
        () -> new OdooValueException(name + ".create returned nothing"));
    if (v instanceof Number n) {
      return n.longValue();
    }
    List<Long> ids = ids(v);
    if (ids.size() != 1) {
      throw new OdooValueException(name + ".create of one record returned " + v);
    }
    return ids.get(0);
  }

  /** {@code create} of several records in one request; returns their ids in order. */
  public List<Long> create(List<? extends Map<String, ?>> values) {
    if (values.isEmpty()) {
      return List.of();
    }
    List<Long> ids = ids(call(Call.method("create").arg("vals_list", values)).orElse(List.of()));
    if (ids.size() != values.size()) {
      throw new OdooValueException(name + ".create of " + values.size() + " records returned " + ids.size() + " ids");
    }
    return ids;
  }

  /** {@code write}: the same values on every given record. */
  public void write(Collection<Long> ids, Map<String, ?> values) {
    if (ids.isEmpty()) {
      return;
    }
    call(Call.method("write").ids(ids).arg("vals", new LinkedHashMap<>(values)));
  }

  /** {@code write} on one record. */
  public void write(long id, Map<String, ?> values) {
    write(List.of(id), values);
  }

  /** {@code unlink}: deletes the records. */
  public void unlink(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    call(Call.method("unlink").ids(ids));
  }

  /** {@code unlink} of the given ids. */
  public void unlink(long... ids) {
    List<Long> list = new ArrayList<>();
    for (long id : ids) {
      list.add(id);
    }
    unlink(list);
  }

  /** {@code name_search}: records whose display name matches, as references. */
  public List<Many2one> nameSearch(String text, int limit) {
    return nameSearch(text, Domain.all(), limit);
  }

  /** {@code name_search} restricted by a domain. */
  public List<Many2one> nameSearch(String text, Domain domain, int limit) {
    Call c = Call.method("name_search").arg("name", text);
    if (!domain.isAll()) {
      c = c.kwarg("domain", domain);
    }
    Object v = call(c.kwarg("limit", limit)).orElse(List.of());
    List<Many2one> out = new ArrayList<>();
    for (Object o : asList(v)) {
      if (o instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number id) {
        out.add(new Many2one(id.longValue(), String.valueOf(pair.get(1))));
      } else {
        throw new OdooValueException(name + ".name_search returned " + o);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Every field of the model (string, type, required, readonly, relation, selection), asked
   * once per client and cached.
   */
  public Map<String, FieldInfo> fields() {
    return client.fieldsOf(name, () -> fieldsGet(List.of(), OdooClient.fieldAttributes()));
  }

  /**
   * {@code fields_get} for the named fields (all when empty) and attributes (all when empty).
   * Names that do not exist are silently left out, as Odoo does.
   */
  public Map<String, FieldInfo> fieldsGet(Collection<String> fieldNames, Collection<String> attributes) {
    Call c = Call.method("fields_get");
    if (!fieldNames.isEmpty()) {
      c = c.kwarg("allfields", List.copyOf(fieldNames));
    }
    if (!attributes.isEmpty()) {
      c = c.kwarg("attributes", List.copyOf(attributes));
    }
    Object v = call(c).orElse(Map.of());
    if (!(v instanceof Map<?, ?> m)) {
      throw new OdooValueException(name + ".fields_get returned " + v);
    }
    Map<String, FieldInfo> out = new LinkedHashMap<>();
    m.forEach((k, attrs) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> a = attrs instanceof Map<?, ?> am ? (Map<String, Object>) am : Map.of();
      out.put(String.valueOf(k), FieldInfo.of(String.valueOf(k), a));
    });
    return Collections.unmodifiableMap(out);
  }

  /** The first of the candidate field names the model has (from the cached {@link #fields()}). */
  public Optional<String> firstField(String... candidates) {
    Map<String, FieldInfo> f = fields();
    for (String c : candidates) {
      if (f.containsKey(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code load(fields, rows)}: Odoo's import, which creates or updates by external id when
   * a field is {@code id}. Refused rows come back as messages; nothing is imported then. When
   * every row names its external id, the import is idempotent (a second send updates the same
   * records) and is re-sent after transient failures like a read; otherwise it is sent once.
   */
  public LoadResult load(List<String> fields, List<? extends List<?>> rows) {
    Objects.requireNonNull(fields, "fields");
    for (List<?> row : rows) {
      if (row.size() != fields.size()) {
        throw new IllegalArgumentException("every row needs " + fields.size() + " values, got " + row.size());
      }
    }
    Call load = Call.method("load").arg("fields", fields).arg("data", rows).idempotent(byExternalId(fields, rows));
    return LoadResult.of(call(load).orElse(Map.of()));
  }

  /** A column that sets a field or refers to a record, never one that adds sub-records. */
  private static final java.util.regex.Pattern PLAIN_COLUMN = java.util.regex.Pattern.compile("\\w+(/\\.?id)?");

  /**
   * Whether importing the rows twice changes nothing more than once: every row names its
   * external id and no column creates sub-records (a path such as {@code order_line/name} adds
   * lines on every import; {@code partner_id/id} only refers to a record).
   */
  private static boolean byExternalId(List<String> fields, List<? extends List<?>> rows) {
    int at = fields.indexOf("id");
    if (at < 0 || !fields.stream().allMatch(f -> PLAIN_COLUMN.matcher(f).matches())) {
      return false;
    }
    for (List<?> row : rows) {
      if (!(row.get(at) instanceof String xid) || xid.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** {@code read_group(domain, fields, groupby)} (all versions); one record per group. */
  public List<Record> readGroup(Domain domain, List<String> fields, List<String> groupBy) {
    Call c = Call.method("read_group").arg("domain", domain).arg("fields", fields).arg("groupby", groupBy);
    return records(call(c).orElse(List.of()));
  }

  /** {@code formatted_read_group(domain, groupby, aggregates)} (Odoo 19+); one record per group. */
  public List<Record> formattedReadGroup(Domain domain, List<String> groupBy, List<String> aggregates) {
    Call c = Call.method("formatted_read_group").arg("domain", domain).kwarg("groupby", groupBy)
        .kwarg("aggregates", aggregates);
    return records(call(c).orElse(List.of()));
  }

  private static Call paging(Call c, Query q) {
    if (q.offset().isPresent()) {
      c = c.kwarg("offset", q.offset().getAsInt());
    }
    if (q.limit().isPresent()) {
      c = c.kwarg("limit", q.limit().getAsInt());
    }
    if (!q.order().isEmpty()) {
      c = c.kwarg("order", q.order());
    }
    return c;
  }

  private List<Record> records(Object v) {
    List<?> list = asList(v);
    List<Record> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new OdooValueException(name + ": expected rows, got " + o);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> row = (Map<String, Object>) m;
      out.add(new Record(row));
    }
    return out;
  }

  private List<?> asList(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw new OdooValueException(name + ": expected a list, got " + v);
  }

  private List<Long> ids(Object v) {
    List<?> l = asList(v);
    List<Long> out = new ArrayList<>(l.size());
    for (Object o : l) {
      if (!(o instanceof Number n)) {
        throw new OdooValueException(name + ": expected ids, got " + v);
      }
      out.add(n.longValue());
    }
    return Collections.unmodifiableList(out);
  }

  /** Fetches pages lazily for {@link #stream(Query, int)}. */
  private final class Pager extends Spliterators.AbstractSpliterator<Record> {
    private final Query query;
    private final int pageSize;
    private final boolean byId;
    private final Deque<Record> buffer = new ArrayDeque<>();
    private long lastId;
    private int offset;
    private long remaining;
    private boolean exhausted;

    Pager(Query query, int pageSize) {
      super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
      this.query = query;
      this.pageSize = pageSize;
      String order = query.order().trim().toLowerCase(java.util.Locale.ROOT);
      this.byId = (order.isEmpty() || order.equals("id") || order.equals("id asc")) && query.offset().isEmpty();
      this.offset = query.offset().orElse(0);
      this.remaining = query.limit().isPresent() ? query.limit().getAsInt() : Long.MAX_VALUE;
    }

    @Override
    public boolean tryAdvance(Consumer<? super Record> action) {
      if (buffer.isEmpty() && !exhausted) {
        fetch();
      }
      Record r = buffer.poll();
      if (r == null) {
        return false;
      }
      action.accept(r);
      return true;
    }

    private void fetch() {
      int size = (int) Math.min(pageSize, remaining);
      Query page;
      if (byId) {
        List<String> fields = query.fields();
        if (!fields.isEmpty() && !fields.contains("id")) {
          fields = new ArrayList<>(fields);
          fields.add("id");
        }
        Domain d = lastId > 0 ? query.domain().and(Domain.where("id", ">", lastId)) : query.domain();
        page = Query.where(d).fields(fields).order("id").limit(size).context(query.context());
      } else {
        page = query.offset(offset).limit(size);
      }
      List<Record> rows = searchRead(page);
      buffer.addAll(rows);
      offset += rows.size();
      remaining -= rows.size();
      if (!rows.isEmpty() && byId) {
        long last = rows.get(rows.size() - 1).id();
        if (last <= lastId) {
          throw new OdooValueException(name + ": paging by id needs increasing ids, got " + last + " after " + lastId);
        }
        lastId = last;
      }
      if (rows.size() < size || remaining <= 0) {
        exhausted = true;
      }
    }
  }

  @Override
  public String toString() {
    return "OdooModel{" + name + "}";
  }
}
