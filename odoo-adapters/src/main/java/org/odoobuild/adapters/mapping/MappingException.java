package org.odoobuild.adapters.mapping;

import java.util.List;
import org.odoobuild.model.common.Violation;

/**
 * A canonical record could not be mapped to or from Odoo (unresolvable reference, unexpected
 * value). Carries the violations; the non-throwing {@code encode}/{@code decode} of
 * {@link OdooMapping} return them instead.
 */
public class MappingException extends org.odoobuild.adapters.AdapterException {
  private static final long serialVersionUID = 1L;
  private final transient List<Violation> violations;

  /** An exception with these violations. */
  public MappingException(List<Violation> violations) {
    super(violations.stream().limit(10).map(Violation::toString).toList().toString());
    this.violations = List.copyOf(violations);
  }

  /** One violation. */
  public static MappingException of(String path, String code, String message) {
    return new MappingException(List.of(new Violation(path, code, message)));
  }

  /** The violations. */
  public List<Violation> violations() {
    return violations;
  }
}
