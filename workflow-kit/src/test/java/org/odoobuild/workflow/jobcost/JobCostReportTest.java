package org.odoobuild.workflow.jobcost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odoobuild.model.common.Money;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.finance.Budget;
import org.odoobuild.model.finance.BudgetStatus;
import org.odoobuild.model.finance.ImmutableBudget;
import org.odoobuild.model.finance.ImmutableBudgetLine;

/** Job cost arithmetic, formats and budget stores; {@link #report()} is shared with the release gate test. */
public class JobCostReportTest {
  static final Currency USD = Currency.getInstance("USD");

  public static JobCostReport report() {
    return new JobCostReport("RMC", USD, List.of(
        new JobCostLine("03 20 00", "Reinforcing", new BigDecimal("10000"), new BigDecimal("2500"), new BigDecimal("6000")),
        new JobCostLine("03 30 00", "Cast-in-place, concrete", new BigDecimal("50000"), new BigDecimal("12000"), new BigDecimal("30000"))));
  }

  @Test
  void remainingAndVarianceFollowFromBudgetCommittedAndActual() throws Exception {
    JobCostReport r = report();
    JobCostLine concrete = r.line("03 30 00").orElseThrow();
    assertEquals(new BigDecimal("20000"), concrete.remaining());
    assertEquals(new BigDecimal("8000"), concrete.variance());
    assertEquals(new BigDecimal("42000"), concrete.projected());
    JobCostLine total = r.total();
    assertEquals(new BigDecimal("60000"), total.budget());
    assertEquals(new BigDecimal("9500"), total.variance());

    assertEquals("cost_code,name,budget,committed,actual,remaining,variance\n"
        + "03 20 00,Reinforcing,10000.00,2500.00,6000.00,4000.00,1500.00\n"
        + "03 30 00,\"Cast-in-place, concrete\",50000.00,12000.00,30000.00,20000.00,8000.00\n", r.csv());
    JsonNode json = new ObjectMapper().readTree(r.json());
    assertEquals("RMC", json.get("project").asText());
    assertEquals(8000.00, json.get("lines").get(1).get("variance").asDouble());
    assertEquals(9500.00, json.get("total").get("variance").asDouble());
    String table = r.table();
    assertTrue(table.contains("03 30 00   Cast-in-place, concrete         50,000.00      12,000.00      30,000.00      20,000.00"
        + "       8,000.00"), table);
    assertTrue(table.contains("total"), table);
  }

  @Test
  void anOrderBeyondWhatIsLeftToCommitIsRefusedWithTheNumbers() {
    JobCostReport r = report();
    assertEquals(Optional.empty(), r.refusal("P00042", Map.of("03 30 00", new BigDecimal("8000"))));
    assertEquals(Optional.of("P00042 would commit 8000.01 USD on cost code 03 30 00 of project RMC but only 8000.00 of its budget"
        + " remain (budget 50000.00, committed 12000.00, actual 30000.00)"), r.refusal("P00042", Map.of("03 30 00", new BigDecimal("8000.01"))));
    assertTrue(r.refusal("P00043", Map.of("31 00 00", BigDecimal.ONE)).orElseThrow().contains("budget 0.00"), "no budget line: nothing to commit");
  }

  static Budget budget(String amount) {
    return ImmutableBudget.builder().addSourceRefs(SourceRef.of("estimating", "EST-7")).projectRef(SourceRef.of("estimating", "RMC"))
        .name("Baseline").status(BudgetStatus.APPROVED).currency(USD)
        .addLines(ImmutableBudgetLine.builder().lineNumber(1).costCode("03 30 00").description("Concrete")
            .amount(Money.of(amount, "USD")).build())
        .build();
  }

  @Test
  void budgetsSurviveInTheDatabaseAndARevisionReplacesThePrevious(@TempDir Path dir) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:" + dir.resolve("b").toAbsolutePath());
    new JdbcBudgetStore(ds).save(budget("50000"));
    JdbcBudgetStore again = new JdbcBudgetStore(ds);
    assertEquals(0, new BigDecimal("50000").compareTo(again.find(SourceRef.of("estimating", "RMC", "3")).orElseThrow().total().amount()));
    again.save(budget("52000"));
    assertEquals(0, new BigDecimal("52000").compareTo(new JdbcBudgetStore(ds).find(SourceRef.of("estimating", "RMC")).orElseThrow()
        .total().amount()));
    assertEquals(Optional.empty(), again.find(SourceRef.of("estimating", "OTHER")));
    InMemoryBudgetStore mem = new InMemoryBudgetStore();
    mem.save(budget("1"));
    assertTrue(mem.find(SourceRef.of("estimating", "RMC")).isPresent());
  }
}
