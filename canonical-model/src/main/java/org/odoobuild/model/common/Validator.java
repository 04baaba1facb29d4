package org.odoobuild.model.common;

import java.util.Objects;

/**
 * A check over canonical data, usable by a sync engine as a gate ("invalid data never reaches
 * Odoo"). Implementations never throw for bad data; they report violations.
 *
 * @param <T> the checked type
 */
@FunctionalInterface
public interface Validator<T> {
  /** Every problem of {@code value}. */
  ValidationResult validate(T value);

  /** This check followed by {@code next}; violations of both are reported. */
  default Validator<T> and(Validator<? super T> next) {
    Objects.requireNonNull(next, "next");
    return v -> validate(v).and(next.validate(v));
  }

  /** The entity's own {@link CanonicalEntity#validate()}. */
  static <E extends CanonicalEntity> Validator<E> intrinsic() {
    return CanonicalEntity::validate;
  }
}
