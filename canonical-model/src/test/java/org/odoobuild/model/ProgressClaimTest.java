package org.odoobuild.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.odoobuild.model.common.Parsed;
import org.odoobuild.model.common.SourceRef;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.finance.ImmutableProgressClaim;
import org.odoobuild.model.finance.ImmutableProgressClaimLine;
import org.odoobuild.model.finance.ProgressClaim;
import org.odoobuild.model.finance.ProgressClaimStatus;
import org.odoobuild.model.json.CanonicalJson;

/** A progress claim's rules: one measure per line, a certification date, retention within 0–100 %. */
class ProgressClaimTest {

  static ImmutableProgressClaim.Builder claim() {
    return ImmutableProgressClaim.builder().addSourceRefs(SourceRef.of("pm", "PA-01")).claimNumber("PA-01")
        .subcontractRef(SourceRef.of("erp", "SC-1")).periodEnd(LocalDate.parse("2026-04-30")).status(ProgressClaimStatus.CERTIFIED)
        .certifiedDate(LocalDate.parse("2026-05-03")).currency(Currency.getInstance("USD"));
  }

  @Test
  void aValidClaimRoundTripsThroughJson() {
    ProgressClaim c = claim().addLines(ImmutableProgressClaimLine.builder().lineNumber(1).orderLine(1)
        .percentComplete(new BigDecimal("40")).build(), ImmutableProgressClaimLine.builder().lineNumber(2).orderLine(2)
        .quantityToDate(new BigDecimal("120.5")).build()).retentionPercent(new BigDecimal("10")).build();
    assertTrue(c.validate().isValid(), c.validate().violations().toString());
    Parsed<ProgressClaim> back = CanonicalJson.read(CanonicalJson.write(c), ProgressClaim.class);
    assertEquals(c, back.value().orElseThrow());
  }

  @Test
  void brokenClaimsReportEachProblem() {
    ProgressClaim c = claim().status(ProgressClaimStatus.CERTIFIED).certifiedDate(java.util.Optional.empty())
        .retentionPercent(new BigDecimal("120"))
        .addLines(ImmutableProgressClaimLine.builder().lineNumber(1).orderLine(1).build(),
            ImmutableProgressClaimLine.builder().lineNumber(2).orderLine(1).percentComplete(BigDecimal.ONE)
                .quantityToDate(BigDecimal.ONE).build(),
            ImmutableProgressClaimLine.builder().lineNumber(3).orderLine(3).quantityToDate(new BigDecimal("-2")).build())
        .build();
    List<String> paths = c.validate().violations().stream().map(Violation::path).toList();
    assertEquals(List.of("lines[1].orderLine", "certifiedDate", "retentionPercent", "lines[0]", "lines[1]", "lines[2].quantityToDate"), paths);
  }
}
