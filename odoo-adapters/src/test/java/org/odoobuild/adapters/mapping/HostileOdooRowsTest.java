package org.odoobuild.adapters.mapping;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.odoobuild.client.Record;

class HostileOdooRowsTest {
  @Test
  void hostileOdooRowsBecomeViolationsInEveryMapping() {
    MappingContext ctx = MappingContext.offline(19, new InMemoryReferences());
    List<Map<String, Object>> rows = new ArrayList<>();
    Object[] junk = {42L, "x", List.of("a"), Map.of("k", "v"), Double.NaN, Boolean.TRUE, List.of(0L, "zero"), "2024-99-99"};
    Random r = new Random(3);
    for (int i = 0; i < 200; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", (long) i + 1);
      for (String f : List.of("name", "ref", "vat", "email", "is_company", "partner_id", "state", "order_line", "currency_id", "date_order",
          "code", "plan_id", "serial_no", "category_id", "cost", "effective_date", "active", "account_id", "date_start", "equipment_id",
          "maintenance_type", "schedule_date", "duration", "stage_id", "move_type", "invoice_date", "invoice_line_ids", "origin", "move_ids",
          "purchase_id")) {
        if (r.nextBoolean()) {
          row.put(f, junk[r.nextInt(junk.length)]);
        }
      }
      rows.add(row);
    }
    for (OdooMapping<?> m : OdooMappings.all()) {
      for (Map<String, Object> row : rows) {
        assertDoesNotThrow(() -> m.decode(new Record(row), ctx), m.model() + " " + row);
      }
    }
  }
}
