package org.odoobuild.model.procurement;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;
import org.odoobuild.model.common.CanonicalEntity;
import org.odoobuild.model.common.Defaulted;
import org.odoobuild.model.common.Limits;
import org.odoobuild.model.common.MaxLength;
import org.odoobuild.model.common.Problems;
import org.odoobuild.model.common.ValidationResult;
import org.odoobuild.model.common.Violation;
import org.odoobuild.model.common.ViolationCodes;

/**
 * A supplier or subcontractor with its compliance state. In Odoo: a {@code res.partner} with
 * {@code supplier_rank >= 1}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableVendor.class)
@JsonDeserialize(as = ImmutableVendor.class)
public interface Vendor extends CanonicalEntity {
  /** Entity type name. */
  String TYPE = "vendor";
  /** Loose e-mail shape check. */
  Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** Tax id shape: letters, digits, space, dot, dash, slash; 4 to 32 characters. */
  Pattern TAX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./-]{2,30}[A-Za-z0-9]");

  /** Legal or trading name. */
  String name();

  /** The vendor number used by procurement ({@code res.partner.ref}). */
  @MaxLength(Limits.REF)
  Optional<String> vendorCode();

  /** Tax identifier (VAT, EIN…). */
  @MaxLength(Limits.CODE)
  Optional<String> taxId();

  /** Accounts-payable e-mail. */
  @MaxLength(Limits.NAME)
  Optional<String> email();

  /** Phone number. */
  @MaxLength(Limits.CODE)
  Optional<String> phone();

  /** Whether this is a company (default) rather than an individual. */
  @Value.Default
  @Defaulted
  default boolean company() {
    return true;
  }

  /** Whether procurement has blocked the vendor (no new orders, no receipts). */
  @Value.Default
  @Defaulted
  default boolean blocked() {
    return false;
  }

  /** Expiry date of the vendor's liability insurance certificate; absent = none on file. */
  Optional<LocalDate> insuranceExpiry();

  /** Expiry date of the contractor licence, when the vendor needs one. */
  Optional<LocalDate> licenceExpiry();

  /** Whether the vendor may be used on {@code date}: not blocked, insurance on file and valid, licence (if any) valid. */
  default boolean isCompliantOn(LocalDate date) {
    return complianceProblems(date).isEmpty();
  }

  /** Why the vendor is not compliant on {@code date} (empty when compliant). */
  default List<Violation> complianceProblems(LocalDate date) {
    List<Violation> out = new ArrayList<>();
    if (blocked()) {
      out.add(new Violation("blocked", ViolationCodes.VENDOR_NOT_COMPLIANT, "vendor is blocked"));
    }
    if (insuranceExpiry().isEmpty()) {
      out.add(new Violation("insuranceExpiry", ViolationCodes.VENDOR_NOT_COMPLIANT, "no insurance certificate on file"));
    } else if (insuranceExpiry().get().isBefore(date)) {
      out.add(new Violation("insuranceExpiry", ViolationCodes.VENDOR_NOT_COMPLIANT,
          "insurance expired on " + insuranceExpiry().get() + " (checked for " + date + ")"));
    }
    licenceExpiry().filter(d -> d.isBefore(date)).ifPresent(d -> out.add(new Violation("licenceExpiry",
        ViolationCodes.VENDOR_NOT_COMPLIANT, "licence expired on " + d + " (checked for " + date + ")")));
    return out;
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

  /** Data quality only; compliance is date-dependent, see {@link #isCompliantOn(LocalDate)}. */
  @Override
  default ValidationResult validate() {
    Problems p = new Problems().structure(this);
    email().filter(e -> !e.isBlank() && e.length() <= Limits.NAME && !EMAIL.matcher(e).matches())
        .ifPresent(e -> p.add("email", ViolationCodes.INVALID_FORMAT, "not an e-mail address"));
    taxId().filter(t -> !t.isBlank() && t.length() <= Limits.CODE && !TAX_ID.matcher(t).matches())
        .ifPresent(t -> p.add("taxId", ViolationCodes.INVALID_FORMAT, "tax ids are 4-32 letters/digits (space . / - inside)"));
    return p.result();
  }
}
