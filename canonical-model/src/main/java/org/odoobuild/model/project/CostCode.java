package org.odoobuild.model.project;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Defaulted;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.ValidationResult;
import org.odoobuild.model.common.ViolationCodes;

/**
 * A hierarchical job-cost code, by default CSI MasterFormat ({@code "03 30 00"}). In Odoo: an
 * {@code account.analytic.account} of a dedicated "Cost Codes" plan (code, name, plan).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableCostCode.class)
@JsonDeserialize(as = ImmutableCostCode.class)
public interface CostCode extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "cost_code";

  /** The code, e.g. {@code "03 30 00"}. */
  @MaxLength(Limits.CODE)
  String code();

  /** The title, e.g. {@code Cast-in-Place Concrete}. */
  String name();

  /** The code structure (default {@link CodeScheme#CSI}). */
  @Value.Default
  @Defaulted
  default CodeScheme scheme() {
    return CodeScheme.CSI;
  }

  /** The kind of cost collected. */
  Optional<CostCodeType> costType();

  /** An explicit parent code; when absent a CSI parent is derived from the code. */
  @MaxLength(Limits.CODE)
  Optional<String> parentCode();

  /** The parent code: the explicit one, else the MasterFormat parent (empty for a division). */
  default Optional<String> parent() {
    return parentCode().isPresent() ? parentCode() : (scheme() == CodeScheme.CSI ? CsiCodes.parentOf(code()) : Optional.empty());
  }

  @Override
  default String entityType() {
    return TYPE;
  }

  /** Structural invariant: at least one source reference. */
  @Value.Check
  default void check() {
    CanonicalEntity.requireRefs(sourceRefs(), TYPE);
  }

  @Override
  default ValidationResult validate() {
    Problems p = new Problems().structure(this);
    if (!code().isBlank() && code().length() <= Limits.CODE) {
      if (scheme() == CodeScheme.CSI && !CsiCodes.isValid(code())) {
        p.add("code", ViolationCodes.INVALID_FORMAT, "not a MasterFormat number like '03 30 00': '" + code() + "'");
      } else if (scheme() == CodeScheme.CUSTOM && !CsiCodes.CUSTOM.matcher(code()).matches()) {
        p.add("code", ViolationCodes.INVALID_FORMAT, "cost codes use letters, digits, space . _ -");
      }
    }
    parentCode().ifPresent(pc -> {
      if (pc.equals(code())) {
        p.add("parentCode", ViolationCodes.BAD_REFERENCE, "a cost code cannot be its own parent");
      } else if (scheme() == CodeScheme.CSI && !CsiCodes.isValid(pc)) {
        p.add("parentCode", ViolationCodes.INVALID_FORMAT, "not a MasterFormat number: '" + pc + "'");
      }
    });
    return p.result();
  }
}
