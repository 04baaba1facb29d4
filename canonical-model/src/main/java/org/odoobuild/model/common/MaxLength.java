package org.odoobuild.model.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caps the length of a text attribute (or of each element of an optional/list text attribute).
 * Attributes without it are capped at {@link Limits#NAME}. The cap is enforced by
 * {@code validate()}, by {@link org.odoobuild.model.json.CanonicalJson} and published in the
 * JSON Schema ({@code maxLength}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MaxLength {
  /** The maximum number of characters. */
  int value();
}
