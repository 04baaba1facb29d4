package org.odoobuild.workflow.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.odoobuild.workflow.p2p.MatchResult;

class ControlsTest {
  private static final ApprovalAuthority AUTHORITY = ApprovalAuthority.builder()
      .limit("project-manager", new BigDecimal("5000"))
      .limit("project-manager", "P-100", "", new BigDecimal("15000"))
      .limit("controller", new BigDecimal("250000"))
      .member("pm.jane", "project-manager").member("ctl.ann", "controller").build();

  @Test
  void anApprovalOverTheApproversLimitIsRefused() {
    AUTHORITY.check("pm.jane", new BigDecimal("12000"), "P-100", "03 20 00");
    ControlRefusedException over = assertThrows(ControlRefusedException.class,
        () -> AUTHORITY.check("pm.jane", new BigDecimal("12000"), "P-200", "03 20 00"));
    assertEquals(ControlRefusedException.Problem.OVER_APPROVAL_LIMIT, over.problem());
    assertTrue(over.getMessage().contains("up to 5000"), over.getMessage());
    assertEquals(ControlRefusedException.Problem.NOT_AN_APPROVER, assertThrows(ControlRefusedException.class,
        () -> AUTHORITY.check("site.bob", BigDecimal.ONE, "P-100", "")).problem());
    AUTHORITY.check("ctl.ann", new BigDecimal("-200000"), "P-200", "");

    MatchResult variance = new MatchResult("BILL-7", List.of());
    assertTrue(AUTHORITY.varianceDecision(variance, "pm.jane", new BigDecimal("6000"), "P-200", "").approverLimitExceeded());
    assertEquals(false, AUTHORITY.varianceDecision(variance, "ctl.ann", new BigDecimal("6000"), "P-200", "")
        .approverLimitExceeded());
  }

  @Test
  void rolesCanComeFromADirectorySuchAsOdooGroups() {
    Map<String, Set<String>> groups = Map.of("pm.jane", Set.of("controller"));
    ApprovalAuthority a = ApprovalAuthority.builder().limit("controller", new BigDecimal("250000"))
        .directory(u -> groups.getOrDefault(u, Set.of())).build();
    a.check("pm.jane", new BigDecimal("100000"), "P-1", "");
  }

  @Test
  void aPostingToAClosedProjectOrCostCodeIsRefused() {
    PostingControls controls = PostingControls.builder().closeProject("P-050").closeCostCode("P-100", "03 20 00").build();
    controls.checkPosting("P-100", "03 30 00");
    assertEquals(ControlRefusedException.Problem.PROJECT_CLOSED,
        assertThrows(ControlRefusedException.class, () -> controls.checkPosting("P-050", "03 30 00")).problem());
    assertEquals(ControlRefusedException.Problem.COST_CODE_CLOSED,
        assertThrows(ControlRefusedException.class, () -> controls.checkPosting("P-100", "03 20 00")).problem());
  }
}
