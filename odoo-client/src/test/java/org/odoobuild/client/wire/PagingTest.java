package org.odoobuild.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.odoobuild.client.Domain;
import org.odoobuild.client.OdooClient;
import org.odoobuild.client.OdooValueException;
import org.odoobuild.client.Protocol;
import org.odoobuild.client.Query;
import org.odoobuild.client.Record;

/** {@code OdooModel.stream}: lazy page-by-page fetching by id keyset or by offset. */
class PagingTest {
  @RegisterExtension
  static final Stub server = new Stub();
  private OdooClient odoo;

  @BeforeEach
  void client() {
    odoo = server.client(Protocol.JSON2).build();
  }

  /** A JSON-2 search_read over ids 1..n honouring {@code id > k}, offset and limit. */
  private void serveIds(long n) {
    server.otherwise(req -> {
      Map<?, ?> body = (Map<?, ?>) Wire.json(req.text());
      long after = 0;
      for (Object t : (List<?>) body.get("domain")) {
        if (t instanceof List<?> leaf && leaf.get(0).equals("id") && leaf.get(1).equals(">")) {
          after = ((Number) leaf.get(2)).longValue();
        }
      }
      long offset = body.get("offset") instanceof Number o ? o.longValue() : 0;
      long limit = body.get("limit") instanceof Number l ? l.longValue() : Long.MAX_VALUE;
      long from = after;
      String rows = LongStream.rangeClosed(1, n).filter(i -> i > from).skip(offset).limit(limit)
          .mapToObj(i -> "{\"id\": " + i + ", \"name\": \"P" + i + "\"}").collect(Collectors.joining(", ", "[", "]"));
      return Stub.status(200, "application/json", rows);
    });
  }

  private List<Map<?, ?>> bodies() {
    List<Map<?, ?>> out = new ArrayList<>();
    server.requests().forEach(r -> out.add((Map<?, ?>) Wire.json(r.text())));
    return out;
  }

  @Test
  void pagesByIdKeysetAndStopsAtTheShortPage() {
    serveIds(5);
    Domain base = Domain.where("supplier_rank", ">", 0);
    List<Long> ids = odoo.model("res.partner").stream(Query.where(base).fields("name"), 2).map(Record::id).toList();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids);
    List<Map<?, ?>> b = bodies();
    assertEquals(3, b.size());
    assertEquals(List.of(List.of("supplier_rank", ">", 0L)), b.get(0).get("domain"));
    assertEquals(List.of("&", List.of("supplier_rank", ">", 0L), List.of("id", ">", 2L)), b.get(1).get("domain"));
    assertEquals(List.of("&", List.of("supplier_rank", ">", 0L), List.of("id", ">", 4L)), b.get(2).get("domain"));
    for (Map<?, ?> page : b) {
      assertEquals("id", page.get("order"));
      assertEquals(2L, page.get("limit"));
      assertEquals(null, page.get("offset"), "keyset pages use no offset");
      assertEquals(List.of("name", "id"), page.get("fields"));
    }
  }

  @Test
  void anExactMultipleEndsWithOneEmptyPage() {
    serveIds(4);
    assertEquals(4, odoo.model("res.partner").stream(Query.all(), 2).count());
    assertEquals(3, server.requests().size());
    assertEquals(List.of(List.of("id", ">", 4L)), bodies().get(2).get("domain"));
  }

  @Test
  void stopsAtTheQueryLimit() {
    serveIds(100);
    List<Long> ids = odoo.model("res.partner").stream(Query.all().limit(5), 2).map(Record::id).toList();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids);
    List<Map<?, ?>> b = bodies();
    assertEquals(List.of(2L, 2L, 1L), b.stream().map(m -> m.get("limit")).toList(), "the last page asks only for what is left");
  }

  @Test
  void otherOrdersPageByOffset() {
    serveIds(5);
    List<Long> ids = odoo.model("res.partner").stream(Query.all().fields("name").order("name desc"), 2)
        .map(Record::id).toList();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids);
    List<Map<?, ?>> b = bodies();
    assertEquals(List.of(0L, 2L, 4L), b.stream().map(m -> m.get("offset")).toList());
    b.forEach(m -> assertEquals("name desc", m.get("order")));
    b.forEach(m -> assertEquals(List.of(), m.get("domain")));
  }

  @Test
  void aQueryOffsetIsKeptWithOffsetPaging() {
    serveIds(10);
    List<Long> ids = odoo.model("res.partner").stream(Query.all().offset(6), 3).map(Record::id).toList();
    assertEquals(List.of(7L, 8L, 9L, 10L), ids);
    assertEquals(List.of(6L, 9L), bodies().stream().map(m -> m.get("offset")).toList());
  }

  @Test
  void pagesAreFetchedLazily() {
    serveIds(1000);
    try (Stream<Record> s = odoo.model("res.partner").stream(Query.all(), 10)) {
      assertEquals(0, server.requests().size(), "nothing is sent before the stream is consumed");
      Iterator<Record> it = s.iterator();
      it.next();
      assertEquals(1, server.requests().size());
      for (int i = 1; i < 10; i++) {
        it.next();
      }
      assertEquals(1, server.requests().size(), "one page serves ten rows");
      it.next();
      assertEquals(2, server.requests().size());
    }
    server.reset();
    serveIds(1000);
    assertEquals(List.of(1L, 2L, 3L), odoo.model("res.partner").stream(Query.all(), 10).limit(3).map(Record::id).toList());
    assertEquals(1, server.requests().size(), "a short-circuited stream stops fetching");
  }

  @Test
  void manyPagesInConstantMemory() {
    serveIds(20_000);
    assertEquals(20_000, odoo.model("res.partner").stream(Query.all(), 500).filter(r -> r.id() > 0).count());
    assertEquals(41, server.requests().size(), "40 full pages and one empty");
  }

  @Test
  void rejectsBadPageSizesAndIdsThatDoNotIncrease() {
    assertThrows(IllegalArgumentException.class, () -> odoo.model("res.partner").stream(Query.all(), 0));
    server.otherwise(Stub.status(200, "application/json", "[{\"name\": \"no id\"}, {\"name\": \"no id\"}]"));
    OdooValueException e = assertThrows(OdooValueException.class,
        () -> odoo.model("res.partner").stream(Query.all(), 2).count());
    assertTrue(e.getMessage().contains("increasing ids"), e.getMessage());
  }
}
