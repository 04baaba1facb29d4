package org.odoobuild.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.odoobuild.workflow.jobcost.JobCostLine;
import org.odoobuild.workflow.jobcost.JobCostReport;

class JobCostPageTest {

  @Test
  void showsEachCostCodeAndTheTotalEscaped() {
    JobCostReport r = new JobCostReport("P-2024-017 <Riverside>", Currency.getInstance("USD"), List.of(
        new JobCostLine("03 30 00", "Cast-in-place concrete", new BigDecimal("120000"), new BigDecimal("40000"),
            new BigDecimal("90000")),
        new JobCostLine("05 12 00", "Structural steel", new BigDecimal("80000"), new BigDecimal("0"), new BigDecimal("20000"))));
    String html = new JobCostPage(() -> List.of(r)).render(new ConsoleUser("olga", Role.VIEWER), Map.of());
    assertTrue(html.contains("P-2024-017 &lt;Riverside&gt;"), html);
    assertFalse(html.contains("<Riverside>"));
    assertTrue(html.contains("120,000.00") && html.contains("90,000.00") && html.contains("Structural steel"), html);
    assertTrue(html.contains("200,000.00"), "the total budget: " + html);
    assertTrue(new JobCostPage(List::of).render(new ConsoleUser("olga", Role.VIEWER), Map.of()).contains("No job-cost report"));
  }
}
