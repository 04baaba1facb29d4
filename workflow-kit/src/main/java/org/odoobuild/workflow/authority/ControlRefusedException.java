package org.odoobuild.workflow.authority;

import java.util.Objects;
import org.odoobuild.workflow.kit.WorkflowException;

/**
 * A control refused an action: an approval over the approver's limit, or a posting to a closed
 * project or cost code. {@link #problem()} says which, for programs; the message says it for people.
 */
public class ControlRefusedException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal. */
  public enum Problem {
    /** The amount exceeds every limit the approver's roles give for the project and cost code. */
    OVER_APPROVAL_LIMIT,
    /** The approver has no role that may approve at all. */
    NOT_AN_APPROVER,
    /** The project is closed for postings. */
    PROJECT_CLOSED,
    /** The cost code is closed for postings. */
    COST_CODE_CLOSED
  }

  private final Problem problem;

  /**
   * Creates the exception.
   *
   * @param problem the kind of refusal
   * @param message what was refused and why
   */
  public ControlRefusedException(Problem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The kind of refusal. */
  public Problem problem() {
    return problem;
  }
}
