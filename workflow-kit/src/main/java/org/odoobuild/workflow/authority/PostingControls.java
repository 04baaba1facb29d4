package org.odoobuild.workflow.authority;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which projects and cost codes are closed for postings; a posting to one is refused with a
 * typed problem ({@link ControlRefusedException.Problem#PROJECT_CLOSED},
 * {@link ControlRefusedException.Problem#COST_CODE_CLOSED}). Immutable and thread-safe; build a
 * new one when the close list changes (e.g. from Odoo's closed analytic accounts).
 */
public final class PostingControls {
  private final Set<String> closedProjects;
  private final Set<String> closedCostCodes;

  private PostingControls(Set<String> projects, Set<String> costCodes) {
    this.closedProjects = Set.copyOf(projects);
    this.closedCostCodes = Set.copyOf(costCodes);
  }

  /** A builder (nothing closed). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Refuses a posting to a closed project or cost code.
   *
   * @param project the project
   * @param costCode the cost code ({@code ""} when none)
   * @throws ControlRefusedException when either is closed
   */
  public void checkPosting(String project, String costCode) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(costCode, "costCode");
    if (closedProjects.contains(project)) {
      throw new ControlRefusedException(ControlRefusedException.Problem.PROJECT_CLOSED,
          "project " + project + " is closed for postings");
    }
    if (!costCode.isEmpty() && (closedCostCodes.contains(project + "/" + costCode) || closedCostCodes.contains("*/" + costCode))) {
      throw new ControlRefusedException(ControlRefusedException.Problem.COST_CODE_CLOSED,
          "cost code " + costCode + " of project " + project + " is closed for postings");
    }
  }

  /** Builds {@link PostingControls}; not thread-safe. */
  public static final class Builder {
    private final Set<String> projects = new HashSet<>();
    private final Set<String> costCodes = new HashSet<>();

    private Builder() {}

    /** Closes a project. */
    public Builder closeProject(String project) {
      projects.add(Objects.requireNonNull(project, "project"));
      return this;
    }

    /** Closes a cost code on one project ({@code "*"}: on every project). */
    public Builder closeCostCode(String project, String costCode) {
      costCodes.add(Objects.requireNonNull(project, "project") + "/" + Objects.requireNonNull(costCode, "costCode"));
      return this;
    }

    /** Builds the controls. */
    public PostingControls build() {
      return new PostingControls(projects, costCodes);
    }
  }
}
