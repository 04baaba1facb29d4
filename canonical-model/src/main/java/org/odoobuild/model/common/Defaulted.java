package org.odoobuild.model.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an attribute that has a default value (placed next to Immutables'
 * {@code @Value.Default}, which is not visible at run time): it is optional in JSON and in the
 * published schema.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Defaulted {
}
